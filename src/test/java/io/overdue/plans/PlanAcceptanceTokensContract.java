package io.overdue.plans;

import io.overdue.plans.PlanAcceptanceCheck.Status;
import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Issuing, verifying, redeeming and revoking tokens against the real table; run on each database we support. */
abstract class PlanAcceptanceTokensContract extends ApplicationTest {

    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    @Autowired PlanAcceptanceTokens tokens;
    @Autowired PlanAcceptanceTokenStore store;
    @Autowired PlanAcceptanceProperties properties;
    @Autowired NamedParameterJdbcTemplate jdbc;

    /** The application's tokens, but with the clock at {@code at}. */
    PlanAcceptanceTokens at(Instant at) {
        return new PlanAcceptanceTokens(properties, store, Clock.fixed(at, ZoneOffset.UTC));
    }

    static long newPlanId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    @Test
    void aFreshTokenIsValidForItsPlanOnly() {
        long plan = newPlanId();
        String token = tokens.issue(plan, "INV-7");

        PlanAcceptanceCheck check = tokens.verify(token);
        assertThat(check.status()).isEqualTo(Status.VALID);
        assertThat(check.planId()).isEqualTo(plan);
        assertThat(check.invoiceNumber()).isEqualTo("INV-7");
        assertThat(check.tokenId()).hasSize(22);
        assertThat(check.expiresAt()).isAfter(Instant.now().plus(Duration.ofDays(13)));
        // Verifying does not use it up.
        assertThat(tokens.verify(token).valid()).isTrue();
        // A second token for the same plan is a different token.
        assertThat(tokens.issue(plan, "INV-7")).isNotEqualTo(token);
    }

    @Test
    void theTableKnowsTheTokenByTheHashOfItsIdOnly() {
        long plan = newPlanId();
        String token = at(NOW).issue(plan, "INV-8");
        PlanAcceptanceCheck check = at(NOW).verify(token);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM plan_acceptance_token WHERE plan_id = :plan", Map.of("plan", plan));
        assertThat(row.get("token_hash")).isEqualTo(PlanAcceptanceTokenFormat.hash(check.tokenId()));
        assertThat(row.values()).noneMatch(v -> v != null && v.toString().contains(check.tokenId()));
        assertThat(row.get("invoice_number")).isEqualTo("INV-8");
        assertThat(store.find(PlanAcceptanceTokenFormat.hash(check.tokenId())).orElseThrow().expiresAt())
                .isEqualTo(NOW.plus(Duration.ofDays(14)));
    }

    @Test
    void aTokenWorksOnceThenIsUsed() {
        long plan = newPlanId();
        String token = tokens.issue(plan, "INV-9");

        PlanAcceptanceCheck first = tokens.redeem(token, "203.0.113.7");
        assertThat(first.status()).isEqualTo(Status.VALID);
        assertThat(first.planId()).isEqualTo(plan);

        assertThat(tokens.redeem(token, "203.0.113.7").status()).isEqualTo(Status.USED);
        assertThat(tokens.verify(token).status()).isEqualTo(Status.USED);
        assertThat(tokens.verify(token).planId()).isEqualTo(plan);
        assertThat(jdbc.queryForObject("SELECT used_from_ip FROM plan_acceptance_token WHERE plan_id = :plan",
                Map.of("plan", plan), String.class)).isEqualTo("203.0.113.7");
    }

    @Test
    void ofSimultaneousRedeemsExactlyOneSucceeds() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 10; round++) {
                long plan = newPlanId();
                String token = tokens.issue(plan, "INV-10");
                CountDownLatch start = new CountDownLatch(1);
                Callable<Status> attempt = () -> {
                    start.await();
                    return tokens.redeem(token, "198.51.100." + Thread.currentThread().getId() % 250).status();
                };
                List<Future<Status>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(attempt));
                }
                start.countDown();
                List<Status> statuses = new ArrayList<>();
                for (Future<Status> result : results) {
                    statuses.add(result.get());
                }
                assertThat(statuses).filteredOn(s -> s == Status.VALID).hasSize(1);
                assertThat(statuses).filteredOn(s -> s == Status.USED).hasSize(threads - 1);
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM plan_acceptance_token WHERE plan_id = :plan AND used_at IS NOT NULL",
                        Map.of("plan", plan), Integer.class)).isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aTokenExpiresAfterItsValidity() {
        long plan = newPlanId();
        String token = at(NOW).issue(plan, "INV-11");
        Instant expiry = NOW.plus(Duration.ofDays(14));

        assertThat(at(expiry.minusSeconds(1)).verify(token).status()).isEqualTo(Status.VALID);
        assertThat(at(expiry).verify(token).status()).isEqualTo(Status.EXPIRED);
        assertThat(at(expiry.plusSeconds(1)).redeem(token, "203.0.113.8").status()).isEqualTo(Status.EXPIRED);
        // The refused redeem left it unused: within its lifetime it still works.
        assertThat(at(expiry.minusSeconds(1)).redeem(token, "203.0.113.8").status()).isEqualTo(Status.VALID);
    }

    @Test
    void revokingMakesThePlansUnusedTokensWorthless() {
        long plan = newPlanId();
        String used = tokens.issue(plan, "INV-12");
        String first = tokens.issue(plan, "INV-12");
        String second = tokens.issue(plan, "INV-12");
        String otherPlan = tokens.issue(newPlanId(), "INV-12");
        assertThat(tokens.redeem(used, null).valid()).isTrue();

        assertThat(tokens.revokeAll(plan)).isEqualTo(2);

        assertThat(tokens.verify(first).status()).isEqualTo(Status.REVOKED);
        assertThat(tokens.redeem(second, "203.0.113.9").status()).isEqualTo(Status.REVOKED);
        assertThat(tokens.verify(used).status()).isEqualTo(Status.USED);
        assertThat(tokens.verify(otherPlan).status()).isEqualTo(Status.VALID);
        assertThat(tokens.revokeAll(plan)).isZero();
        // A new proposal's token, issued after the revocation, works.
        assertThat(tokens.redeem(tokens.issue(plan, "INV-12"), null).status()).isEqualTo(Status.VALID);
    }

    @Test
    void aWellSignedTokenNotIssuedHereIsUnknown() {
        // Same key, never recorded: another installation sharing the secret, or a row that is gone.
        String token = new PlanAcceptanceTokenFormat(properties.secret(), null)
                .write(newPlanId(), "INV-13", new byte[16], Instant.now().plus(Duration.ofDays(1)));

        assertThat(tokens.verify(token).status()).isEqualTo(Status.UNKNOWN);
        assertThat(tokens.redeem(token, null).status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void badInputIsAnsweredNotThrown() {
        String token = tokens.issue(newPlanId(), "INV-14");
        String tampered = token.substring(0, 3) + (token.charAt(3) == 'A' ? 'B' : 'A') + token.substring(4);

        assertThat(tokens.verify(null).status()).isEqualTo(Status.MALFORMED);
        assertThat(tokens.redeem("", null).status()).isEqualTo(Status.MALFORMED);
        assertThat(tokens.redeem(token.substring(0, token.length() - 2), null).status()).isEqualTo(Status.MALFORMED);
        assertThat(tokens.redeem(tampered, null).status()).isEqualTo(Status.BAD_SIGNATURE);
        assertThat(tokens.redeem(tampered, null).planId()).isNull();
        // None of those used the real token up.
        assertThat(tokens.verify(token).status()).isEqualTo(Status.VALID);
    }

    @Test
    void afterARotationTokensOfThePreviousSecretStillVerify() {
        String newSecret = "a-freshly-rotated-secret-of-forty-bytes!";
        String unknownSecret = "a-secret-this-installation-never-had-12345";
        PlanAcceptanceTokens rotated = new PlanAcceptanceTokens(new PlanAcceptanceProperties(newSecret, properties.secret(),
                null, properties.baseUrl(), properties.allowDevelopmentSecret()), store, Clock.systemUTC());
        PlanAcceptanceTokens stranger = new PlanAcceptanceTokens(new PlanAcceptanceProperties(unknownSecret, null,
                null, properties.baseUrl(), properties.allowDevelopmentSecret()), store, Clock.systemUTC());
        long plan = newPlanId();
        String beforeRotation = tokens.issue(plan, "INV-15");
        String afterRotation = rotated.issue(plan, "INV-15");
        String foreign = stranger.issue(plan, "INV-15");

        assertThat(rotated.verify(beforeRotation).status()).isEqualTo(Status.VALID);
        assertThat(rotated.verify(afterRotation).status()).isEqualTo(Status.VALID);
        assertThat(tokens.verify(afterRotation).status()).isEqualTo(Status.BAD_SIGNATURE);
        assertThat(rotated.verify(foreign).status()).isEqualTo(Status.BAD_SIGNATURE);
        assertThat(rotated.redeem(beforeRotation, null).status()).isEqualTo(Status.VALID);
    }

    @Test
    void aTooLongIpIsAProgrammingError() {
        String token = tokens.issue(newPlanId(), "INV-16");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokens.redeem(token, "x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens.verify(token).valid()).isTrue();
    }
}
