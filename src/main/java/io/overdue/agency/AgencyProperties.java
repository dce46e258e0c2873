package io.overdue.agency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Where case files go when an invoice is handed to a collection agency. The webhook secret signs every POST;
 * it comes from the environment ({@code OVERDUE_AGENCY_WEBHOOK_SECRET}), never from a committed file.
 *
 * @param adapter        bean name of the {@link CollectionAgency} used when a hand-over names none
 * @param folder         the default adapter writes each case file here; none when empty
 * @param webhookUrl     the default adapter POSTs each case file here; none when empty
 * @param webhookSecret  HMAC-SHA256 key for the {@code X-Overdue-Signature} header; required with a webhook URL
 * @param connectTimeout how long to wait for the agency's server to accept the connection
 * @param requestTimeout how long to wait for its answer
 * @param zone           the time zone of the hand-over date up to which interest is computed; keep it equal
 *                       to {@code overdue.dunning.zone}
 */
@ConfigurationProperties("overdue.agency")
public record AgencyProperties(String adapter, Path folder, URI webhookUrl, String webhookSecret,
                               Duration connectTimeout, Duration requestTimeout, ZoneId zone) {

    public static final String DEFAULT_ADAPTER = "fileAndWebhookAgency";

    public AgencyProperties {
        adapter = adapter == null || adapter.isBlank() ? DEFAULT_ADAPTER : adapter.strip();
        folder = folder == null || folder.toString().isBlank() ? null : folder;
        webhookUrl = webhookUrl == null || webhookUrl.toString().isBlank() ? null : webhookUrl;
        webhookSecret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        zone = zone == null ? ZoneId.of("Europe/Oslo") : zone;
        if (webhookUrl != null && (webhookUrl.getScheme() == null || webhookUrl.getHost() == null
                || !webhookUrl.getScheme().matches("https?"))) {
            throw new IllegalArgumentException("overdue.agency.webhook-url must be an absolute http(s) URL, not " + webhookUrl);
        }
        // An unsigned case file would let anyone who can reach the agency's endpoint forge hand-overs.
        if (webhookUrl != null && webhookSecret == null) {
            throw new IllegalArgumentException("overdue.agency.webhook-url is set but the signing secret is not: "
                    + "set OVERDUE_AGENCY_WEBHOOK_SECRET");
        }
    }

    // The secret must not reach logs or actuator output through the record's generated toString.
    @Override
    public String toString() {
        return "AgencyProperties[adapter=" + adapter + ", folder=" + folder + ", webhookUrl=" + webhookUrl
                + ", webhookSecret=" + (webhookSecret == null ? null : "******") + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", zone=" + zone + "]";
    }
}
