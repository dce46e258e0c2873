package io.overdue.plans;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How the links in a payment plan's written confirmation are signed and where they point. The secret comes from
 * the environment ({@code OVERDUE_PLAN_TOKEN_SECRET}), never from a committed file; this record is the one place
 * that decides whether it is good enough, so a production instance refuses to start with a missing, short or
 * development secret. See docs/plan-acceptance.md.
 *
 * @param secret                 the HMAC-SHA256 key that signs new tokens and verifies them; at least 32 bytes (UTF-8)
 * @param previousSecret         an earlier key, only to verify tokens issued before a rotation; none when empty
 * @param validity               how long a token can be used after it is issued (default 14 days)
 * @param baseUrl                the public address of this application, in front of {@code /plans/accept?token=…}
 * @param allowDevelopmentSecret accept {@link #DEVELOPMENT_SECRET} (the zero-setup default only; false when absent)
 */
@ConfigurationProperties("overdue.plans.acceptance")
public record PlanAcceptanceProperties(String secret, String previousSecret, Duration validity, URI baseUrl,
                                       boolean allowDevelopmentSecret) {

    /** The key in application.yaml; anyone can read it, so tokens signed with it prove nothing in production. */
    public static final String DEVELOPMENT_SECRET = "development-only-plan-acceptance-secret-never-use-in-production";

    /** 256 bits, the output size of SHA-256: a shorter HMAC key is easier to guess than the MAC is to forge. */
    public static final int MINIMUM_SECRET_BYTES = 32;

    public PlanAcceptanceProperties {
        previousSecret = previousSecret == null || previousSecret.isBlank() ? null : previousSecret;
        validity = validity == null ? Duration.ofDays(14) : validity;
        baseUrl = baseUrl == null || baseUrl.toString().isBlank() ? URI.create("http://localhost:8080") : baseUrl;
        check("overdue.plans.acceptance.secret", secret, allowDevelopmentSecret);
        if (previousSecret != null) {
            check("overdue.plans.acceptance.previous-secret", previousSecret, allowDevelopmentSecret);
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("overdue.plans.acceptance.validity must be positive, not " + validity);
        }
        if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null
                || baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
            throw new IllegalArgumentException(
                    "overdue.plans.acceptance.base-url must be an absolute http(s) URL without query, not " + baseUrl);
        }
    }

    private static void check(String property, String value, boolean allowDevelopmentSecret) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "The plan acceptance token secret is not set: set OVERDUE_PLAN_TOKEN_SECRET (" + property + ")");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length < MINIMUM_SECRET_BYTES) {
            throw new IllegalStateException("The plan acceptance token secret is shorter than " + MINIMUM_SECRET_BYTES
                    + " bytes: choose a longer OVERDUE_PLAN_TOKEN_SECRET (" + property + ")");
        }
        if (!allowDevelopmentSecret && value.equals(DEVELOPMENT_SECRET)) {
            throw new IllegalStateException("The plan acceptance token secret is the published development value: "
                    + "set OVERDUE_PLAN_TOKEN_SECRET to a random one (" + property + ")");
        }
    }

    // The secrets must not reach logs or actuator output through the record's generated toString.
    @Override
    public String toString() {
        return "PlanAcceptanceProperties[secret=******, previousSecret=" + (previousSecret == null ? null : "******")
                + ", validity=" + validity + ", baseUrl=" + baseUrl + ", allowDevelopmentSecret=" + allowDevelopmentSecret + "]";
    }
}
