package io.overdue.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * An emulated Twilio REST API (WireMock) and the {@code overdue.sms.*} properties that point the application at it.
 * Started at once and never stopped: a cached application context keeps the port it was made with.
 */
public final class TwilioEmulator {

    public static final String FROM = "+4759446622";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final String accountSid;
    private final String authToken;

    public TwilioEmulator(String accountSid, String authToken) {
        this.accountSid = accountSid;
        this.authToken = authToken;
        server.start();
    }

    /** The server, to stub and verify. */
    public WireMockServer server() {
        return server;
    }

    /** Where the account's messages are created. */
    public String messagesPath() {
        return "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
    }

    /** Points the application under test at this emulator (call from a {@code @DynamicPropertySource}). */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("overdue.sms.api-base-url", server::baseUrl);
        registry.add("overdue.sms.account-sid", () -> accountSid);
        registry.add("overdue.sms.auth-token", () -> authToken);
        registry.add("overdue.sms.from", () -> FROM);
    }
}
