package io.overdue.channels;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * Twilio account and sender for SMS notices. Without an account SID and auth token, SMS are recorded in the
 * communication log and not sent (the zero-setup default). The SID and token are secrets: set them from the
 * environment, never in a committed file.
 *
 * @param accountSid          Twilio account SID ("AC…"), also the user name of the API's basic auth
 * @param authToken           Twilio auth token
 * @param from                sender: an E.164 number of the account or an alphanumeric sender ID
 * @param messagingServiceSid Twilio messaging service ("MG…") that picks the sender; wins over {@code from}
 * @param apiBaseUrl          where the Twilio REST API is; another value points the client at a
 *                            Twilio-compatible test server
 * @param statusCallbackUrl   where Twilio reports delivery status; none when empty
 */
@ConfigurationProperties("overdue.sms")
public record SmsProperties(String accountSid, String authToken, String from, String messagingServiceSid,
                            URI apiBaseUrl, URI statusCallbackUrl) {

    public static final URI TWILIO_API = URI.create("https://api.twilio.com");

    public SmsProperties {
        accountSid = blankToNull(accountSid);
        authToken = blankToNull(authToken);
        from = blankToNull(from);
        messagingServiceSid = blankToNull(messagingServiceSid);
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.toString().isBlank() ? TWILIO_API : apiBaseUrl;
        statusCallbackUrl = statusCallbackUrl == null || statusCallbackUrl.toString().isBlank() ? null : statusCallbackUrl;
        // Half a configuration would silently fall back to logging only; better to refuse to start.
        if ((accountSid == null) != (authToken == null)) {
            throw new IllegalArgumentException("overdue.sms.account-sid and overdue.sms.auth-token must be set together");
        }
        if (accountSid != null && from == null && messagingServiceSid == null) {
            throw new IllegalArgumentException("overdue.sms.from or overdue.sms.messaging-service-sid is required to send SMS");
        }
        if (apiBaseUrl.getScheme() == null || apiBaseUrl.getHost() == null) {
            throw new IllegalArgumentException("overdue.sms.api-base-url must be an absolute http(s) URL, not " + apiBaseUrl);
        }
    }

    /** Whether SMS go to Twilio; otherwise they are only recorded. */
    public boolean configured() {
        return accountSid != null;
    }

    // The token must not reach logs or actuator output through the record's generated toString.
    @Override
    public String toString() {
        return "SmsProperties[accountSid=" + accountSid + ", authToken=" + (authToken == null ? null : "******")
                + ", from=" + from + ", messagingServiceSid=" + messagingServiceSid + ", apiBaseUrl=" + apiBaseUrl
                + ", statusCallbackUrl=" + statusCallbackUrl + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
