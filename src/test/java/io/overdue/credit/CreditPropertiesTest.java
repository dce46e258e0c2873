package io.overdue.credit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook's settings as an operator gives them: the secret from the environment, safe defaults. */
class CreditPropertiesTest {

    @Test
    void theSecretComesFromTheEnvironmentVariable() {
        CreditProperties properties = bind(Map.of(
                "OVERDUE_CREDIT_WEBHOOK_URL", "https://erp.example/hooks/credit-hold",
                "OVERDUE_CREDIT_WEBHOOK_SECRET", "s3cret"));

        assertThat(properties.webhookUrl()).isEqualTo(URI.create("https://erp.example/hooks/credit-hold"));
        assertThat(properties.webhookSecret()).isEqualTo("s3cret");
        assertThat(properties.toString()).doesNotContain("s3cret");
    }

    @Test
    void withoutAUrlNothingIsSentAndTheDefaultsApply() {
        CreditProperties properties = new CreditProperties(URI.create(""), "", null, null, null);

        assertThat(properties.webhookConfigured()).isFalse();
        assertThat(properties.webhookConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.webhookReadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.zone()).isEqualTo(ZoneId.of("Europe/Oslo"));
    }

    @Test
    void aUrlWithoutASecretOrNotHttpRefusesToStart() {
        assertThatThrownBy(() -> bind(Map.of("OVERDUE_CREDIT_WEBHOOK_URL", "https://erp.example/hooks")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("OVERDUE_CREDIT_WEBHOOK_SECRET");
        assertThatThrownBy(() -> new CreditProperties(URI.create("ftp://erp.example/x"), "s", null, null, null))
                .hasMessageContaining("absolute http(s) URL");
    }

    private static CreditProperties bind(Map<String, Object> environment) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("overdue.credit", CreditProperties.class);
    }
}
