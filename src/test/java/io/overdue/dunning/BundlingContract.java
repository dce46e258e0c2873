package io.overdue.dunning;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.jayway.jsonpath.JsonPath;
import io.overdue.channels.OutboxSender;
import io.overdue.channels.SentNotice;
import io.overdue.channels.CommunicationLog;
import io.overdue.support.ApplicationTest;
import io.overdue.support.Emails;
import io.overdue.support.TwilioEmulator;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.overdue.dunning.DunningTestData.today;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One message per customer: a customer's reminders of one level and day wait the bundle window for each other and go
 * as one email and one SMS listing every invoice, counted at the SMTP server and the emulated Twilio API; each invoice's
 * log shows the message it went in. Formal notices (inkassovarsel) and other levels go on their own. H2 and PostgreSQL.
 */
abstract class BundlingContract extends ApplicationTest {

    static final String SID = "AC0000000000000000000000000b0nd1e";
    static final TwilioEmulator TWILIO_API = new TwilioEmulator(SID, "bundling-token");
    static final WireMockServer TWILIO = TWILIO_API.server();

    @DynamicPropertySource
    static void twilioAndWindow(DynamicPropertyRegistry registry) {
        TWILIO_API.register(registry);
        registry.add("overdue.outbox.bundle-window", () -> "PT10M");
    }

    @Autowired DunningNotices notices;
    @Autowired OutboxSender outbox;
    @Autowired CommunicationLog log;
    @Autowired JdbcTemplate jdbc;

    @BeforeEach
    void twilioAccepts() {
        TWILIO.resetAll();
        TWILIO.stubFor(post(urlPathEqualTo(TWILIO_API.messagesPath())).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"account_sid": "%s", "api_version": "2010-04-01", "body": "…", "from": "%s",
                         "sid": "SM%s", "status": "queued", "to": "+4790000000"}"""
                        .formatted(SID, TwilioEmulator.FROM, UUID.randomUUID().toString().replace("-", "")))));
    }

    @Test
    void fiveInvoicesOfOneCustomerAtTheSameLevelGoAsOneEmailAndOneSmsListingAllFive() throws Exception {
        String customer = customer();
        List<String> invoices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            invoices.add(DunningTestData.debt(as(ERP), customer, today().minusDays(18 + i), (1000 + 111 * i) + ".50").invoice());
        }

        for (String invoice : invoices) {
            assertThat(notices.send(invoice, 2, 1)).isPresent();
        }
        assertThat(MAIL.getReceivedMessages()).as("the window is open").isEmpty();
        assertThat(smsRequests()).isZero();
        assertThat((List<String>) JsonPath.read(caseView(invoices.get(4)), "$.communications[*].status"))
                .containsExactly("PENDING", "PENDING");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_message WHERE customer_number = ?", Long.class, customer))
                .isEqualTo(2);

        windowPassed(customer);
        assertThat(outbox.sendDue()).isEqualTo(2);
        for (String invoice : invoices) {
            notices.send(invoice, 2, 1); // the steps run again: nothing new
        }
        windowPassed(customer);
        assertThat(outbox.sendDue()).isZero();

        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Påminnelse: 5 fakturaer er forfalt");
        String email = Emails.text(received[0]);
        for (String invoice : invoices) {
            String kid = jdbc.queryForObject("SELECT payment_reference FROM invoice WHERE invoice_number = ?", String.class, invoice);
            assertThat(email).contains("Fakturanummer " + invoice, kid);
        }
        assertThat(email).contains("Disse 5 fakturaene er forfalt").doesNotContain("null");

        List<LoggedRequest> sms = TWILIO.findAll(postRequestedFor(urlPathEqualTo(TWILIO_API.messagesPath())));
        assertThat(sms).hasSize(1);
        String body = URLDecoder.decode(sms.get(0).getBodyAsString(), StandardCharsets.UTF_8);
        assertThat(body).contains("5 fakturaer er forfalt", invoices.get(0), "Svar STOPP");
        String text = sms.get(0).formParameters().get("Body").firstValue();
        assertThat(text).as("two GSM-7 segments at most").hasSizeLessThanOrEqualTo(306).doesNotContain("…");

        for (String invoice : invoices) {
            assertThat(log.forInvoice(invoice)).as(invoice).extracting(SentNotice::channel, SentNotice::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("EMAIL", "SENT"),
                            org.assertj.core.groups.Tuple.tuple("SMS", "SENT"));
        }
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT provider_id) FROM communication_log WHERE customer_number = ? "
                + "AND channel = 'EMAIL'", Long.class, customer)).as("one email").isEqualTo(1);
    }

    @Test
    void twoNoticesOfOneCustomerDecidedAtTheSameMomentStillMakeOneMessage() throws Exception {
        String customer = customer();
        List<String> invoices = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            invoices.add(DunningTestData.debt(as(ERP), customer, today().minusDays(18), "2" + i + "00").invoice());
        }
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(invoices.size());
        java.util.concurrent.ExecutorService steps = java.util.concurrent.Executors.newFixedThreadPool(invoices.size());
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (String invoice : invoices) {
                done.add(steps.submit(() -> {
                    together.await();
                    return notices.send(invoice, 2, 1);
                }));
            }
            for (java.util.concurrent.Future<?> step : done) {
                step.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            steps.shutdownNow();
        }

        assertThat(jdbc.queryForList("SELECT channel FROM outbox_message WHERE customer_number = ?", String.class, customer))
                .containsExactlyInAnyOrder("EMAIL", "SMS");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_member m JOIN outbox_message o ON o.id = m.outbox_id "
                + "WHERE o.customer_number = ?", Long.class, customer)).isEqualTo(2L * invoices.size());
        // Sent now, so that no held message of this test falls due in another's sendDue (the database outlives a run).
        windowPassed(customer);
        outbox.sendDue();
    }

    @Test
    void aNoticeAloneGoesAsItAlwaysDoesOnceTheWindowHasPassed() throws Exception {
        String customer = customer();
        String invoice = DunningTestData.debt(as(ERP), customer, today().minusDays(18), "2000").invoice();

        notices.send(invoice, 2, 1);
        windowPassed(customer);
        outbox.sendDue();

        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(MAIL.getReceivedMessages()[0].getSubject()).contains(invoice);
        assertThat(smsRequests()).isEqualTo(1);
    }

    @Test
    void otherLevelsAndFormalNoticesGoOnTheirOwn() {
        String customer = customer();
        String first = DunningTestData.debt(as(ERP), customer, today().minusDays(18), "2000").invoice();
        String second = DunningTestData.debt(as(ERP), customer, today().minusDays(18), "2100").invoice();
        String third = DunningTestData.debt(as(ERP), customer, today().minusDays(40), "2200").invoice();
        String fourth = DunningTestData.debt(as(ERP), customer, today().minusDays(40), "2300").invoice();

        notices.send(first, 1, 1);
        notices.send(second, 2, 1);
        notices.send(third, 3, 1);
        notices.send(fourth, 3, 1);

        assertThat(MAIL.getReceivedMessages()).as("the inkassovarsel goes at once, one per claim").hasSize(2);
        windowPassed(customer);
        outbox.sendDue();
        assertThat(MAIL.getReceivedMessages()).as("level 1 and level 2 each alone").hasSize(4);
    }

    private String customer() {
        return DunningTestData.norwegianConsumerWithMobile(as(ERP), SmsRoundTripContract.uniqueMobile());
    }

    private void windowPassed(String customer) {
        jdbc.update("UPDATE outbox_message SET next_attempt_at = ? WHERE customer_number = ? AND status = 'PENDING'",
                Timestamp.from(Instant.now().minusSeconds(1)), customer);
    }

    private int smsRequests() {
        return TWILIO.findAll(postRequestedFor(urlPathEqualTo(TWILIO_API.messagesPath()))).size();
    }

    private String caseView(String invoice) {
        return as(COLLECTOR).getForObject("/api/invoices/" + invoice + "/case", String.class);
    }
}
