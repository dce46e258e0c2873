package io.overdue.plans;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import static io.overdue.plans.PlanAcceptanceProperties.DEVELOPMENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one place that decides whether the signing secret is good enough, and the link it makes. */
class PlanAcceptancePropertiesTest {

    static final String STRONG = "k7Vq2LmX9pR4tZ8wN3cB6yH1sD5fG0jA";

    static PlanAcceptanceProperties properties(String secret, String previous, boolean allowDevelopment) {
        return new PlanAcceptanceProperties(secret, previous, null, URI.create("https://pay.example.com"), allowDevelopment);
    }

    @Test
    void aMissingSecretIsRefused() {
        assertThatThrownBy(() -> properties(null, null, true)).hasMessageContaining("not set").hasMessageContaining("OVERDUE_PLAN_TOKEN_SECRET");
        assertThatThrownBy(() -> properties("  ", null, true)).hasMessageContaining("not set");
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> properties(STRONG.substring(1), null, false)).hasMessageContaining("shorter than 32 bytes");
        // Bytes, not characters: 16 two-byte letters are 32 bytes.
        assertThat(properties("\u00f8".repeat(16), null, false).secret()).hasSize(16);
        assertThat(properties(STRONG, null, false).secret()).isEqualTo(STRONG);
    }

    @Test
    void theDevelopmentSecretOnlyWhereAllowed() {
        assertThatThrownBy(() -> properties(DEVELOPMENT_SECRET, null, false)).hasMessageContaining("development value");
        assertThat(properties(DEVELOPMENT_SECRET, null, true).secret()).isEqualTo(DEVELOPMENT_SECRET);
    }

    @Test
    void thePreviousSecretMeetsTheSameRules() {
        assertThatThrownBy(() -> properties(STRONG, "short", false)).hasMessageContaining("previous-secret");
        assertThatThrownBy(() -> properties(STRONG, DEVELOPMENT_SECRET, false)).hasMessageContaining("development value");
        assertThat(properties(STRONG, "", false).previousSecret()).isNull();
        assertThat(properties(STRONG, STRONG + "-old", false).previousSecret()).isEqualTo(STRONG + "-old");
    }

    @Test
    void defaultsAndLimits() {
        PlanAcceptanceProperties defaults = new PlanAcceptanceProperties(STRONG, null, null, null, false);
        assertThat(defaults.validity()).isEqualTo(Duration.ofDays(14));
        assertThat(defaults.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThatThrownBy(() -> new PlanAcceptanceProperties(STRONG, null, Duration.ZERO, null, false)).hasMessageContaining("validity");
        assertThatThrownBy(() -> new PlanAcceptanceProperties(STRONG, null, null, URI.create("ftp://x.example"), false))
                .hasMessageContaining("base-url");
        assertThatThrownBy(() -> new PlanAcceptanceProperties(STRONG, null, null, URI.create("/relative"), false))
                .hasMessageContaining("base-url");
    }

    @Test
    void theSecretsStayOutOfToString() {
        assertThat(properties(STRONG, STRONG + "-old", false).toString()).doesNotContain(STRONG).contains("******");
    }

    @Test
    void theLinkPointsAtTheAcceptancePageUnderTheBaseUrl() {
        PlanAcceptanceTokens tokens = new PlanAcceptanceTokens(new PlanAcceptanceProperties(STRONG, null, null,
                URI.create("https://pay.example.com/overdue/"), false),
                new PlanAcceptanceTokenStore(new NamedParameterJdbcTemplate(new org.springframework.jdbc.datasource.SimpleDriverDataSource())),
                Clock.systemUTC());
        assertThat(tokens.link("abc_-1.xyz")).isEqualTo("https://pay.example.com/overdue/plans/accept?token=abc_-1.xyz");
    }
}
