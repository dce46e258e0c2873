package io.overdue.plans;

import java.time.Instant;

/**
 * What a plan acceptance token turned out to be. Only {@link Status#VALID} (from {@code verify}: usable; from
 * {@code redeem}: used now, by this call) lets the page show and accept the plan. The plan id and invoice number
 * are known, and authentic, once the signature checked out: for every status but {@code MALFORMED} and
 * {@code BAD_SIGNATURE}.
 *
 * @param status        what the token is
 * @param planId        the plan it was issued for; null when the signature did not check out
 * @param invoiceNumber the plan's invoice; null when the signature did not check out
 * @param tokenId       the token's random id (base64url of 128 bits); null when the signature did not check out
 * @param expiresAt     when it stops being usable; null when the signature did not check out
 */
public record PlanAcceptanceCheck(Status status, Long planId, String invoiceNumber, String tokenId, Instant expiresAt) {

    public enum Status {
        /** Signed by us, issued here, not expired, used or revoked. */
        VALID,
        /** Not a token at all: empty, truncated, wrong shape or not base64url. */
        MALFORMED,
        /** Shaped like a token but not signed with our current or previous secret: tampered or forged. */
        BAD_SIGNATURE,
        /** Signed by us, but its lifetime is over. */
        EXPIRED,
        /** Signed by us and already redeemed once. */
        USED,
        /** Signed by us, but a newer proposal for the plan made it worthless. */
        REVOKED,
        /** Signed by us, but not on record here (another installation with the same key, or deleted). */
        UNKNOWN
    }

    public boolean valid() {
        return status == Status.VALID;
    }

    static PlanAcceptanceCheck rejected(Status status) {
        return new PlanAcceptanceCheck(status, null, null, null, null);
    }

    static PlanAcceptanceCheck of(Status status, PlanAcceptanceTokenFormat.Payload payload) {
        return new PlanAcceptanceCheck(status, payload.planId(), payload.invoiceNumber(), payload.tokenId(), payload.expiresAt());
    }
}
