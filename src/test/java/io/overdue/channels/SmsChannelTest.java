package io.overdue.channels;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS go through the Twilio SDK to an emulated Twilio API, once per notice whatever retries the engine makes.
 * The only test class with Twilio credentials, so the only extra application context.
 */
class SmsChannelTest extends ApplicationTest {

    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "test-auth-token";
    static final String FROM = "+4759446622";
    static final String TO = "+4791234567";
    static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    static final String CALLBACK = "https://overdue.example/twilio/status";

    static final WireMockServer TWILIO = new WireMockServer(options().dynamicPort());

    static {
        TWILIO.start();
    }

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        registry.add("overdue.sms.api-base-url", TWILIO::baseUrl);
        registry.add("overdue.sms.account-sid", () -> SID);
        registry.add("overdue.sms.auth-token", () -> TOKEN);
        registry.add("overdue.sms.from", () -> FROM);
        registry.add("overdue.sms.status-callback-url", () -> CALLBACK);
    }

    @AfterAll
    static void stopTwilio() {
        TWILIO.stop();
    }

    @Autowired SmsChannel sms;
    @Autowired EmailChannel email;
    @Autowired CommunicationLog log;
    @Autowired OutboxSender outbox;
    @Autowired Outbox outboxEntries;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    @BeforeEach
    void resetTwilio() {
        TWILIO.resetAll();
    }

    static Notice notice(String invoice, String recipient, Locale locale) {
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", "Fjord Fisk AS");
        model.put("invoiceNumber", invoice);
        model.put("total", "12 345,50");
        model.put("currency", "NOK");
        model.put("deadline", "6. desember 2026");
        model.put("bankAccount", "1503.12.34567");
        model.put("paymentReference", "1234567890123456789012345");
        model.put("referenceType", "KID");
        model.put("creditorName", "Overdue Demo AS");
        return new Notice("first-reminder:" + invoice, invoice, "C1", recipient, "first-reminder", locale, model);
    }

    private static void twilioAccepts(String messageSid) {
        TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"account_sid": "%s", "api_version": "2010-04-01", "body": "…",
                         "date_created": "Sun, 22 Nov 2026 09:00:00 +0000", "date_sent": null,
                         "date_updated": "Sun, 22 Nov 2026 09:00:00 +0000", "direction": "outbound-api",
                         "error_code": null, "error_message": null, "from": "%s", "messaging_service_sid": null,
                         "num_media": "0", "num_segments": "2", "price": null, "price_unit": "USD", "sid": "%s",
                         "status": "queued", "to": "%s", "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}
                        """.formatted(SID, FROM, messageSid, TO, SID, messageSid))));
    }

    private static void twilioRefuses(int httpStatus, int code, String message) {
        TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(httpStatus)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}
                        """.formatted(code, message, code, httpStatus))));
    }

    @Test
    void theSmsReachesTwilioWithTheAmountReferenceAndDeadlineAndItsSidIsLogged() {
        String invoice = unique("I");
        twilioAccepts("SM00000000000000000000000000000001");

        SentNotice sent = sms.send(notice(invoice, TO, Locale.ENGLISH));

        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withBasicAuth(new BasicCredentials(SID, TOKEN))
                .withFormParam("To", equalTo(TO))
                .withFormParam("From", equalTo(FROM))
                .withFormParam("StatusCallback", equalTo(CALLBACK))
                .withFormParam("Body", containing("12 345,50 NOK"))
                .withFormParam("Body", containing("reference 1234567890123456789012345"))
                .withFormParam("Body", containing("by 6. desember 2026"))
                .withFormParam("Body", containing("invoice " + invoice)));
        assertThat(sent.status()).as("queued in the send's transaction, sent once it committed").isEqualTo(SentNotice.QUEUED);
        assertThat(log.forInvoice(invoice)).singleElement().satisfies(entry -> {
            assertThat(entry.channel()).isEqualTo("SMS");
            assertThat(entry.recipient()).isEqualTo(TO);
            assertThat(entry.template()).isEqualTo("first-reminder");
            assertThat(entry.providerId()).isEqualTo("SM00000000000000000000000000000001");
            assertThat(entry.status()).isEqualTo(SentNotice.SENT);
            assertThat(entry.subject()).isNull();
            assertThat(entry.content()).startsWith("Overdue Demo AS: invoice " + invoice + " is overdue.")
                    .doesNotContain("\u00A0");
            assertThat(SmsText.segments(entry.content())).isLessThanOrEqualTo(2);
        });
    }

    @Test
    void aRetriedNoticeIsSentOnce() {
        String invoice = unique("I");
        twilioAccepts("SM00000000000000000000000000000002");

        SentNotice first = sms.send(notice(invoice, TO, Locale.ENGLISH));
        SentNotice retry = sms.send(notice(invoice, TO, Locale.ENGLISH));

        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(first.status()).isEqualTo(SentNotice.QUEUED);
        assertThat(retry.id()).as("the log entry of the first").isPositive();
        assertThat(retry.providerId()).isEqualTo("SM00000000000000000000000000000002");
        assertThat(log.forInvoice(invoice)).hasSize(1);
    }

    @Test
    void theEmailOfTheSameEventDoesNotStandInForTheSms() {
        String invoice = unique("I");
        twilioAccepts("SM00000000000000000000000000000003");
        Notice bySms = notice(invoice, TO, Locale.ENGLISH);
        // An email states every fact (NoticeModel.REQUIRED), more than the SMS needs.
        Map<String, Object> written = NoticeTemplatesTest.fullModel(Locale.ENGLISH);
        written.putAll(bySms.model());
        Notice byEmail = new Notice(bySms.idempotencyKey(), invoice, "C1", "ap@example.com", "first-reminder",
                Locale.ENGLISH, written);

        email.send(byEmail);
        sms.send(bySms);

        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(log.forInvoice(invoice)).extracting(SentNotice::channel).containsExactly("EMAIL", "SMS");
    }

    @Test
    void theSmsIsInTheCustomersLanguageWithEnglishAsFallback() {
        twilioAccepts("SM00000000000000000000000000000004");
        String swedish = unique("I");
        String norwegian = unique("I");
        String finnish = unique("I");

        sms.send(notice(swedish, TO, Locale.forLanguageTag("sv")));
        sms.send(notice(norwegian, TO, Locale.forLanguageTag("nb")));
        sms.send(notice(finnish, TO, Locale.forLanguageTag("fi")));

        assertThat(log.forInvoice(swedish).get(0).content()).contains("faktura " + swedish + " är förfallen", "senast");
        assertThat(log.forInvoice(norwegian).get(0).content()).contains("faktura " + norwegian + " er forfalt", "innen");
        assertThat(log.forInvoice(finnish).get(0).content()).contains("invoice " + finnish + " is overdue");
    }

    @Test
    void anUnsubscribedRecipientIsRecordedAsOptedOutAndNotTriedAgain() {
        String invoice = unique("I");
        twilioRefuses(400, 21610, "Attempt to send to unsubscribed recipient");

        sms.send(notice(invoice, TO, Locale.ENGLISH));
        SentNotice again = sms.send(notice(invoice, TO, Locale.ENGLISH));
        outbox.sendDue();

        assertThat(again.status()).isEqualTo(SmsChannel.OPTED_OUT);
        assertThat(again.providerId()).isNull();
        assertThat(again.error()).contains("21610");
        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(log.forInvoice(invoice)).extracting(SentNotice::status).containsExactly(SmsChannel.OPTED_OUT);
    }

    @Test
    void aServerErrorLeavesTheSmsInTheOutboxForItsNextAttemptWhichSendsIt() {
        String invoice = unique("I");
        twilioRefuses(500, 20500, "Internal Server Error");

        assertThat(sms.send(notice(invoice, TO, Locale.ENGLISH)).status()).isEqualTo(SentNotice.QUEUED);
        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(log.forInvoice(invoice)).isEmpty();
        assertThat(outboxEntries.unfinished(invoice)).singleElement().satisfies(message -> {
            assertThat(message.status()).isEqualTo(OutboxMessage.Status.PENDING);
            assertThat(message.lastError()).contains("sms:first-reminder:" + invoice, "Twilio error 20500");
        });

        TWILIO.resetAll();
        twilioAccepts("SM00000000000000000000000000000005");
        jdbc.update("UPDATE outbox_message SET next_attempt_at = CURRENT_TIMESTAMP WHERE invoice_number = ?", invoice);
        outbox.sendDue();
        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(log.forInvoice(invoice)).extracting(SentNotice::status).containsExactly(SentNotice.SENT);
    }

    @Test
    void aRefusalOfOurOwnSettingsIsTriedAgainForAnOperatorToMend() {
        String invoice = unique("I");
        twilioRefuses(400, 21606, "The From phone number is not a valid, SMS-capable inbound phone number");

        sms.send(notice(invoice, TO, Locale.ENGLISH));

        assertThat(log.forInvoice(invoice)).isEmpty();
        assertThat(outboxEntries.unfinished(invoice)).singleElement().satisfies(message -> {
            assertThat(message.status()).isEqualTo(OutboxMessage.Status.PENDING);
            assertThat(message.lastError()).contains("Twilio error 21606");
        });
    }

    @Test
    void aCustomerWithoutAPhoneNumberIsRecordedForTheCollector() {
        String invoice = unique("I");

        SentNotice sent = sms.send(notice(invoice, null, Locale.ENGLISH));

        assertThat(sent.status()).isEqualTo(SentNotice.NO_ADDRESS);
        TWILIO.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(log.forInvoice(invoice)).extracting(SentNotice::status).containsExactly(SentNotice.NO_ADDRESS);
    }
}
