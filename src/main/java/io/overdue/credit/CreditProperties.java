package io.overdue.credit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Where holds are announced and how "overdue" is read. Without a webhook URL, holds are stored and shown but
 * announced to no one (the zero-setup default). The secret signs every webhook call; set it from the
 * environment ({@code OVERDUE_CREDIT_WEBHOOK_SECRET}), never in a committed file.
 *
 * @param webhookUrl            where every hold placed or released by Overdue is POSTed; none when empty
 * @param webhookSecret         the HMAC-SHA256 key of the {@code X-Overdue-Signature} header
 * @param webhookConnectTimeout how long to wait for the receiver to accept the connection (default 5 s)
 * @param webhookReadTimeout    how long to wait for its answer (default 10 s)
 * @param zone                  the creditor's time zone, in which "today" is read against due dates; the same
 *                              as {@code overdue.dunning.zone} (default Europe/Oslo)
 */
@ConfigurationProperties("overdue.credit")
public record CreditProperties(URI webhookUrl, String webhookSecret, Duration webhookConnectTimeout,
                               Duration webhookReadTimeout, ZoneId zone) {

    public CreditProperties {
        webhookUrl = webhookUrl == null || webhookUrl.toString().isBlank() ? null : webhookUrl;
        webhookSecret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret;
        webhookConnectTimeout = webhookConnectTimeout == null ? Duration.ofSeconds(5) : webhookConnectTimeout;
        webhookReadTimeout = webhookReadTimeout == null ? Duration.ofSeconds(10) : webhookReadTimeout;
        zone = zone == null ? ZoneId.of("Europe/Oslo") : zone;
        if (webhookUrl != null) {
            if (!("http".equals(webhookUrl.getScheme()) || "https".equals(webhookUrl.getScheme()))
                    || webhookUrl.getHost() == null) {
                throw new IllegalArgumentException("overdue.credit.webhook-url must be an absolute http(s) URL, not " + webhookUrl);
            }
            // An unsigned call could be forged by anyone who finds the receiver; better to refuse to start.
            if (webhookSecret == null) {
                throw new IllegalArgumentException(
                        "overdue.credit.webhook-url needs a secret: set OVERDUE_CREDIT_WEBHOOK_SECRET");
            }
        }
    }

    /** Whether holds are announced to a webhook; otherwise they are only stored. */
    public boolean webhookConfigured() {
        return webhookUrl != null;
    }

    // The secret must not reach logs or actuator output through the record's generated toString.
    @Override
    public String toString() {
        return "CreditProperties[webhookUrl=" + webhookUrl + ", webhookSecret=" + (webhookSecret == null ? null : "******")
                + ", webhookConnectTimeout=" + webhookConnectTimeout + ", webhookReadTimeout=" + webhookReadTimeout
                + ", zone=" + zone + "]";
    }
}
