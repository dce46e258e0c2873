package io.overdue.plans;

import io.overdue.plans.PlanAcceptanceCheck.Status;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Signed, single-use, expiring tokens for the link in a payment plan's written confirmation: the link shows the
 * customer that plan and nothing else, works once, and stops working at the plan's acceptance deadline (or after
 * {@code overdue.plans.acceptance.validity}) or when the plan gets a newer proposal. See docs/plan-acceptance.md.
 */
@Component
public class PlanAcceptanceTokens {

    /** Room for an IPv6 address with a zone id. */
    static final int MAX_IP_LENGTH = 64;

    private final PlanAcceptanceProperties properties;
    private final PlanAcceptanceTokenFormat format;
    private final PlanAcceptanceTokenStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    PlanAcceptanceTokens(PlanAcceptanceProperties properties, PlanAcceptanceTokenStore store, Clock clock) {
        this.properties = properties;
        this.format = new PlanAcceptanceTokenFormat(properties.secret(), properties.previousSecret());
        this.store = store;
        this.clock = clock;
    }

    /**
     * A new token for the plan, valid for {@code overdue.plans.acceptance.validity}, and recorded so that it can be
     * used once.
     *
     * @throws IllegalArgumentException if the invoice number is empty or longer than 64 bytes
     */
    public String issue(long planId, String invoiceNumber) {
        return issue(planId, invoiceNumber, clock.instant().plus(properties.validity()));
    }

    /**
     * A new token for the plan that works until {@code expiresAt}: the plan's acceptance deadline, so that the link
     * stops working when the process stops waiting (docs/plan-acceptance.md).
     *
     * @param expiresAt after now; cut to whole seconds
     * @throws IllegalArgumentException if the invoice number is empty or longer than 64 bytes, or the time is not
     *                                  in the future
     */
    public String issue(long planId, String invoiceNumber, Instant expiresAt) {
        byte[] tokenId = new byte[PlanAcceptanceTokenFormat.TOKEN_ID_BYTES];
        random.nextBytes(tokenId);
        // Whole seconds: the token carries epoch seconds, and the table must say the same.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a token for plan " + planId + " must expire after now, not at " + expiresAt);
        }
        String token = format.write(planId, invoiceNumber, tokenId, expiresAt);
        PlanAcceptanceTokenFormat.Payload payload = format.read(token).payload();
        store.insert(payload.tokenHash(), planId, invoiceNumber, issuedAt, expiresAt);
        return token;
    }

    /** The link that goes into the email and the SMS. */
    public String link(String token) {
        return UriComponentsBuilder.fromUri(properties.baseUrl()).path("/plans/accept")
                .queryParam("token", token).build().toUriString();
    }

    /** What the token is now, without using it. Never throws for bad input. */
    public PlanAcceptanceCheck verify(String token) {
        PlanAcceptanceTokenFormat.Reading reading = format.read(token);
        if (reading.failure() != null) {
            return PlanAcceptanceCheck.rejected(reading.failure());
        }
        PlanAcceptanceTokenFormat.Payload payload = reading.payload();
        return PlanAcceptanceCheck.of(state(payload, store.find(payload.tokenHash()), clock.instant()), payload);
    }

    /**
     * Uses the token: {@link Status#VALID} for exactly one caller, however many try at once; every other caller gets
     * the reason it is not usable (USED for the losers of a race). Never throws for a bad token.
     *
     * @param ip where the customer accepted from, for the case log (at most 64 characters; may be null)
     */
    public PlanAcceptanceCheck redeem(String token, String ip) {
        if (ip != null && ip.length() > MAX_IP_LENGTH) {
            throw new IllegalArgumentException("An IP address has at most " + MAX_IP_LENGTH + " characters");
        }
        PlanAcceptanceCheck check = verify(token);
        if (!check.valid()) {
            return check;
        }
        PlanAcceptanceTokenFormat.Payload payload = format.read(token).payload();
        Instant now = clock.instant();
        if (store.markUsed(payload.tokenHash(), now, ip)) {
            return check;
        }
        // Used, revoked or expired since verify looked: say which.
        Status status = state(payload, store.find(payload.tokenHash()), now);
        return PlanAcceptanceCheck.of(status == Status.VALID ? Status.USED : status, payload);
    }

    /** Makes every unused token of the plan worthless (a new proposal replaces the old); returns how many. */
    public int revokeAll(long planId) {
        return store.revokeUnused(planId, clock.instant());
    }

    /** Used and revoked come before expired: "already accepted" tells the customer more than "too late". */
    private static Status state(PlanAcceptanceTokenFormat.Payload payload, Optional<PlanAcceptanceTokenStore.Row> row, Instant now) {
        if (row.isEmpty() || row.get().planId() != payload.planId()) {
            return Status.UNKNOWN;
        }
        if (row.get().usedAt() != null) {
            return Status.USED;
        }
        if (row.get().revokedAt() != null) {
            return Status.REVOKED;
        }
        if (!now.isBefore(payload.expiresAt()) || !now.isBefore(row.get().expiresAt())) {
            return Status.EXPIRED;
        }
        return Status.VALID;
    }
}
