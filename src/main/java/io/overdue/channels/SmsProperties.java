package io.overdue.channels;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.Set;

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
 * @param statusCallbackUrl   where Twilio reports delivery status; none when empty. Our own endpoint is
 *                            {@code <public base>/webhooks/twilio/status}
 * @param webhookBaseUrl      the public address (scheme, host, port) Twilio calls us at, e.g.
 *                            {@code https://overdue.example.com}: Twilio signs the URL it called, and behind a proxy
 *                            the address this node sees is another. None: the request's own URL
 * @param stopWords           a message that is one of these (any case) opts its number out of SMS; Twilio's own list
 *                            plus the Norwegian and Swedish words
 * @param startWords          one of these opts the number back in
 */
@ConfigurationProperties("overdue.sms")
public record SmsProperties(String accountSid, String authToken, String from, String messagingServiceSid,
                            URI apiBaseUrl, URI statusCallbackUrl, URI webhookBaseUrl, Set<String> stopWords,
                            Set<String> startWords) {

    /** Twilio's opt-out keywords (Messaging Services, Advanced Opt-Out defaults), and STOPP, AVSLUTT, SLUTA. */
    static final Set<String> DEFAULT_STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "REVOKE", "OPTOUT", "STOPP", "AVSLUTT", "SLUTA");
    static final Set<String> DEFAULT_START_WORDS = Set.of("START", "YES", "UNSTOP", "JA");

    public static final URI TWILIO_API = URI.create("https://api.twilio.com");

    public SmsProperties {
        accountSid = blankToNull(accountSid);
        authToken = blankToNull(authToken);
        from = blankToNull(from);
        messagingServiceSid = blankToNull(messagingServiceSid);
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.toString().isBlank() ? TWILIO_API : apiBaseUrl;
        statusCallbackUrl = statusCallbackUrl == null || statusCallbackUrl.toString().isBlank() ? null : statusCallbackUrl;
        webhookBaseUrl = webhookBaseUrl == null || webhookBaseUrl.toString().isBlank() ? null : webhookBaseUrl;
        stopWords = upperCase(stopWords == null || stopWords.isEmpty() ? DEFAULT_STOP_WORDS : stopWords);
        startWords = upperCase(startWords == null || startWords.isEmpty() ? DEFAULT_START_WORDS : startWords);
        if (stopWords.stream().anyMatch(startWords::contains)) {
            throw new IllegalArgumentException("overdue.sms.stop-words and overdue.sms.start-words must not share a word");
        }
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
                + ", statusCallbackUrl=" + statusCallbackUrl + ", webhookBaseUrl=" + webhookBaseUrl + ", stopWords="
                + stopWords + ", startWords=" + startWords + "]";
    }

    private static Set<String> upperCase(Set<String> words) {
        return words.stream().map(word -> word.strip().toUpperCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
