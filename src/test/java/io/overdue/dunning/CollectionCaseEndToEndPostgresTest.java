package io.overdue.dunning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.support.ApplicationTest;
import io.overdue.support.Emails;
import io.overdue.support.EngineJobs;
import io.overdue.support.PostgresTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One invoice through the whole application on PostgreSQL: the engine's timers and jobs run as the job executor
 * would run them (the test only decides when), the notices go through real SMTP (GreenMail), the Twilio API
 * emulated over HTTP (WireMock) and the letter renderer, and a payment through the API ends the case.
 */
@PostgresTest
class CollectionCaseEndToEndPostgresTest extends ApplicationTest {

    static final WireMockServer TWILIO = new WireMockServer(options().dynamicPort());
    static final String SID = "AC00000000000000000000000000000042";

    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired io.overdue.channels.OutboxSender outbox;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    @DynamicPropertySource
    static void postgresAndTwilio(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
        TWILIO.start();
        registry.add("overdue.sms.api-base-url", TWILIO::baseUrl);
        registry.add("overdue.sms.account-sid", () -> SID);
        registry.add("overdue.sms.auth-token", () -> "e2e-token");
        registry.add("overdue.sms.from", () -> "+4759440000");
    }

    @BeforeAll
    static void twilioUp() {
        TWILIO.start();
    }

    @Test
    void anOverdueInvoiceIsDunnedByEmailSmsAndLetterUntilItsPaymentEndsTheCase() throws Exception {
        String customer = unique("E2E-");
        String invoice = uniqueDigits();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
        putCustomer(customer, """
                {"name": "Kari Nordmann", "kind": "CONSUMER", "country": "NO", "language": "nb",
                 "email": "kari@nordmann.example", "phone": "+4791234567",
                 "address": null}""");
        postInvoice("""
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                 "currency": "NOK", "amount": 1250.00}""".formatted(invoice, customer, today.minusDays(60), today.minusDays(40)));
        JsonNode stored = json(as(ERP).getForEntity("/api/invoices/" + invoice, String.class));
        String kid = stored.path("paymentReference").asText();
        assertThat(kid).isNotBlank();
        ProcessInstance collectionCase = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice).singleResult();

        // Level 1: the due date lies 40 days back, so its timers are due now; the reminder goes by email.
        runDueJobs(collectionCase);
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        MimeMessage first = MAIL.getReceivedMessages()[0];
        assertThat(first.getAllRecipients()[0].toString()).isEqualTo("kari@nordmann.example");
        String firstText = Emails.text(first);
        assertThat(firstText).contains(invoice, kid, "1 250,00".replace(' ', '\u00a0')).doesNotContain("null");
        waitingAt(collectionCase, Elements.AWAIT_NEXT_LEVEL);

        // Level 2 (email and SMS, with the reminder fee): Twilio is down at first. The step completes, the email goes,
        // and the SMS waits in the outbox for its next attempt; once Twilio is back, that attempt sends it.
        TWILIO.stubFor(post(urlPathEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json"))
                .willReturn(aResponse().withStatus(503)));
        fireNextTimer(collectionCase, Elements.NEXT_LEVEL_DUE);
        management.executeJob(asyncJob(collectionCase, Elements.SEND_DUNNING_NOTICE).getId());
        assertThat(MAIL.getReceivedMessages()).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT status FROM outbox_message WHERE idempotency_key LIKE 'sms:%' AND invoice_number = ?",
                String.class, invoice)).isEqualTo("PENDING");
        twilioAccepts();
        jdbc.update("UPDATE outbox_message SET next_attempt_at = ? WHERE invoice_number = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), invoice);
        assertThat(outbox.sendDue()).isEqualTo(1);
        assertThat(MAIL.getReceivedMessages()).as("the email is not repeated by the retry").hasSize(2);
        List<LoggedRequest> sms = TWILIO.findAll(postRequestedFor(urlPathEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json")));
        LoggedRequest delivered = sms.get(sms.size() - 1);
        String smsBody = URLDecoder.decode(delivered.getBodyAsString(), StandardCharsets.UTF_8);
        assertThat(smsBody).contains("To=+4791234567", invoice, kid);
        String secondText = Emails.text(MAIL.getReceivedMessages()[1]);
        JsonNode afterLevelTwo = json(as(ERP).getForEntity("/api/invoices/" + invoice + "/case", String.class));
        String fee = afterLevelTwo.path("balance").path("fees").decimalValue().setScale(2).toPlainString().replace('.', ',');
        assertThat(afterLevelTwo.path("balance").path("fees").decimalValue()).isPositive();
        assertThat(secondText).contains(fee);

        // Level 3 (inkassovarsel): email and a letter stored for posting.
        fireNextTimer(collectionCase, Elements.NEXT_LEVEL_DUE);
        runDueJobs(collectionCase);
        assertThat(MAIL.getReceivedMessages()).hasSize(3);
        JsonNode letters = json(as(ERP).getForEntity("/api/invoices/" + invoice + "/letters", String.class));
        assertThat(letters).hasSize(1);
        ResponseEntity<byte[]> pdf = as(ERP).getForEntity("/api/invoices/" + invoice + "/letters/" + letters.get(0).path("id").asText(),
                byte[].class);
        assertThat(new String(pdf.getBody(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        // Running the same send again (as a job retried after a lost commit would) sends nothing more.
        int smsBefore = TWILIO.findAll(postRequestedFor(urlPathEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json"))).size();

        // The customer pays the principal only: the fees and interest come first, so some principal stays open.
        ResponseEntity<String> part = as(ERP).postForEntity("/api/invoices/" + invoice + "/payments", jsonEntity("""
                {"paymentId": "%s", "amount": 1250.00, "currency": "NOK", "paidOn": "%s"}""".formatted(unique("PAY-"), today)),
                String.class);
        assertThat(part.getStatusCode().is2xxSuccessful()).as(part.getBody()).isTrue();
        JsonNode owing = json(as(ERP).getForEntity("/api/invoices/" + invoice + "/case", String.class));
        assertThat(owing.path("case").path("state").asText()).isEqualTo("ACTIVE");
        JsonNode allocation = json(part).path("booked").path("allocation");
        assertThat(allocation.path("costs").decimalValue()).as("the fees first").isPositive();
        assertThat(owing.path("balance").path("fees").decimalValue()).isZero();
        assertThat(owing.path("balance").path("principal").decimalValue()).isPositive();

        // Then the rest the case view shows: the case ends as paid.
        ResponseEntity<String> paid = as(ERP).postForEntity("/api/invoices/" + invoice + "/payments", jsonEntity("""
                {"paymentId": "%s", "amount": %s, "currency": "NOK", "paidOn": "%s"}""".formatted(unique("PAY-"),
                owing.path("balance").path("total").decimalValue().toPlainString(), today)), String.class);
        assertThat(paid.getStatusCode().is2xxSuccessful()).as(paid.getBody()).isTrue();
        runDueJobs(collectionCase);
        JsonNode ended = json(as(ERP).getForEntity("/api/invoices/" + invoice + "/case", String.class));
        assertThat(ended.path("case").path("state").asText()).isEqualTo("ENDED");
        assertThat(ended.path("case").path("outcome").asText()).isEqualTo("Paid");
        assertThat(MAIL.getReceivedMessages()).hasSize(3);
        assertThat(TWILIO.findAll(postRequestedFor(urlPathEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json")))).hasSize(smsBefore);
    }

    // ---------------------------------------------------------------- helpers

    private void runDueJobs(ProcessInstance collectionCase) {
        EngineJobs.runDue(management, collectionCase.getId());
    }

    /** Brings the timer forward to now (the wait has passed) and runs what follows. */
    private void fireNextTimer(ProcessInstance collectionCase, String activityId) {
        assertThat(EngineJobs.timer(management, collectionCase.getId(), activityId).getDuedate()).isInTheFuture();
        EngineJobs.fire(management, collectionCase.getId(), activityId);
    }

    private Job asyncJob(ProcessInstance collectionCase, String activityId) {
        return EngineJobs.asyncJob(management, collectionCase.getId(), activityId);
    }

    private void waitingAt(ProcessInstance collectionCase, String activityId) {
        assertThat(runtime.getActiveActivityIds(collectionCase.getId())).contains(activityId);
    }

    private static void twilioAccepts() {
        TWILIO.resetAll();
        TWILIO.stubFor(post(urlPathEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                        {"sid": "SM00000000000000000000000000000e2e", "status": "queued", "account_sid": "%s"}""".formatted(SID))));
    }

    private void putCustomer(String number, String json) {
        ResponseEntity<String> response = as(ERP).exchange("/api/customers/" + number, HttpMethod.PUT, jsonEntity(json), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }

    private void postInvoice(String json) {
        ResponseEntity<String> response = as(ERP).postForEntity("/api/invoices", jsonEntity(json), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }
}
