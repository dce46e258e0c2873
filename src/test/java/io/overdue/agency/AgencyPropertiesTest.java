package io.overdue.agency;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The agency's settings as an operator gives them: environment variables only, no yaml needed. */
class AgencyPropertiesTest {

    private static AgencyProperties bind(Map<String, Object> environment) {
        StandardEnvironment spring = new StandardEnvironment();
        spring.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME + "-test", environment));
        ConfigurationPropertySources.attach(spring);
        return Binder.get(spring).bindOrCreate("overdue.agency", AgencyProperties.class);
    }

    @Test
    void theSecretAndWebhookComeFromTheEnvironment() {
        AgencyProperties properties = bind(Map.of(
                "OVERDUE_AGENCY_WEBHOOK_URL", "https://agency.example/cases",
                "OVERDUE_AGENCY_WEBHOOK_SECRET", "from-the-environment",
                "OVERDUE_AGENCY_FOLDER", "/var/lib/overdue/agency-outbox"));

        assertThat(properties.webhookUrl()).isEqualTo(URI.create("https://agency.example/cases"));
        assertThat(properties.webhookSecret()).isEqualTo("from-the-environment");
        assertThat(properties.folder()).hasToString("/var/lib/overdue/agency-outbox");
    }

    @Test
    void nothingSetMeansTheDefaultAdapterWithNowhereToDeliver() {
        AgencyProperties properties = bind(Map.of());

        assertThat(properties.adapter()).isEqualTo("fileAndWebhookAgency");
        assertThat(properties.folder()).isNull();
        assertThat(properties.webhookUrl()).isNull();
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.zone().getId()).isEqualTo("Europe/Oslo");
    }
}
