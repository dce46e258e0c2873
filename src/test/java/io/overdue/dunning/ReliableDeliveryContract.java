package io.overdue.dunning;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.jayway.jsonpath.JsonPath;
import io.overdue.channels.OutboxSender;
import io.overdue.support.ApplicationTest;
import io.overdue.support.EngineJobs;
import io.overdue.support.TwilioEmulator;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.overdue.dunning.DunningTestData.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every notice reaches the customer exactly once through outages and crashes, counted where it arrives: at the SMTP
 * server (GreenMail, stopped and started mid-test) and at the emulated Twilio API (answering 500, 429 and refusals).
 * A step rolled back sends nothing; a step run again sends nothing more; a sender that died between hand-over and
 * record is not repeated when Twilio has the SMS; every attempt failing ends in a Cockpit incident whose retry sends
 * it. Each test has a customer and mobile number of its own. Runs on H2 and PostgreSQL.
 */
abstract class ReliableDeliveryContract extends ApplicationTest {

    static final String SID = "AC000000000000000000000000000de11";
    static final TwilioEmulator TWILIO_API = new TwilioEmulator(SID, "reliable-delivery-token");
    static final WireMockServer TWILIO = TWILIO_API.server();

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        TWILIO_API.register(registry);
        // The cap the other tests leave off: one SMS per customer and day.
        registry.add("overdue.contact.sms-per-day", () -> "1");
        registry.add("overdue.contact.calls-per-day", () -> "1");
        registry.add("overdue.contact.calls-per-week", () -> "5");
    }

    @Autowired DunningNotices notices;
    @Autowired OutboxSender outbox;
    @Autowired JdbcTemplate jdbc;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired PlatformTransactionManager transactions;
    @Autowired io.overdue.channels.ContactWindows windows;
    @Autowired io.overdue.channels.ContactFrequency frequency;
    @Autowired CaseActions cases;
    @Autowired org.camunda.bpm.engine.TaskService tasks;
    @Autowired org.springframework.context.ApplicationContext beans;

    @BeforeEach
    void twilioAccepts() {
        TWILIO.resetAll();
        TWILIO.stubFor(post(urlPathEqualTo(TWILIO_API.messagesPath())).willReturn(created()));
    }

    @Test
    void emailsWaitWhileTheMailServerIsDownAndGoOnceWhenItIsBack() {
        String invoice = debtOf(SmsRoundTripContract.uniqueMobile());
        MAIL.stop();
        try {
            assertThat(notices.send(invoice, 2, 1)).isPresent();
        } finally {
            MAIL.start();
        }

        Map<String, Object> email = outboxRow(invoice, "EMAIL");
        assertThat(email.get("status")).isEqualTo("PENDING");
        assertThat(email.get("attempts")).isEqualTo(1);
        assertThat((String) email.get("last_error")).contains("Mail server connection failed");
        Instant next = instant(email.get("next_attempt_at"));
        assertThat(next).as("a minute's back-off, plus up to 10 s of jitter")
                .isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(75));
        assertThat(MAIL.getReceivedMessages()).isEmpty();
        assertThat(outbox.sendDue()).as("not due yet").isZero();
        String view = caseView(invoice);
        assertThat((List<String>) JsonPath.read(view, "$.communications[?(@.channel == 'EMAIL')].status"))
                .containsExactly("PENDING");
        List<String> errors = JsonPath.read(view, "$.communications[?(@.channel == 'EMAIL')].error");
        assertThat(errors).singleElement().asString().contains("Mail server connection failed");
        assertThat(smsRequests()).as("the SMS of the same notice went at once").isEqualTo(1);

        waitPassed(invoice);
        assertThat(outbox.sendDue()).isEqualTo(1);
        waitPassed(invoice);
        assertThat(outbox.sendDue()).isZero();

        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(outboxRow(invoice, "EMAIL").get("status")).isEqualTo("SENT");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM communication_log WHERE invoice_number = ? AND channel = 'EMAIL' "
                + "AND status = 'SENT'", Long.class, invoice)).isEqualTo(1);
        assertThat(notices.send(invoice, 2, 1)).as("the step run again").isPresent();
        assertThat(outbox.sendDue()).isZero();
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(smsRequests()).isEqualTo(1);
    }

    @Test
    void anSmsIsTriedAgainAfterTwilioAnswers500And429AndSentOnce() {
        String phone = SmsRoundTripContract.uniqueMobile();
        String invoice = debtOf(phone);
        TWILIO.resetAll();
        TWILIO.stubFor(post(urlPathEqualTo(TWILIO_API.messagesPath())).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500))
                .willSetStateTo("busy"));
        TWILIO.stubFor(post(urlPathEqualTo(TWILIO_API.messagesPath())).inScenario("flaky")
                .whenScenarioStateIs("busy").willReturn(aResponse().withStatus(429)
                        .withHeader("Content-Type", "application/json").withBody("""
                                {"code": 20429, "message": "Too Many Requests", "status": 429}"""))
                .willSetStateTo("well"));
        TWILIO.stubFor(post(urlPathEqualTo(TWILIO_API.messagesPath())).inScenario("flaky")
                .whenScenarioStateIs("well").willReturn(created()));

        notices.send(invoice, 2, 1);
        assertThat(outboxRow(invoice, "SMS").get("status")).isEqualTo("PENDING");
        waitPassed(invoice);
        outbox.sendDue();
        Map<String, Object> afterBusy = outboxRow(invoice, "SMS");
        assertThat(afterBusy.get("attempts")).isEqualTo(2);
        assertThat((String) afterBusy.get("last_error")).contains("20429");
        assertThat(instant(afterBusy.get("next_attempt_at"))).as("two minutes after the second failure")
                .isAfter(Instant.now().plusSeconds(110));
        waitPassed(invoice);
        outbox.sendDue();
        waitPassed(invoice);
        outbox.sendDue();

        assertThat(smsRequests()).isEqualTo(3);
        assertThat(outboxRow(invoice, "SMS").get("status")).isEqualTo("SENT");
        assertThat(jdbc.queryForList("SELECT status FROM communication_log WHERE invoice_number = ? AND channel = 'SMS'",
                String.class, invoice)).containsExactly("SENT");
        assertThat(MAIL.getReceivedMessages()).as("the email went at once, and once").hasSize(1);
    }

    @Test
    void aNumberTwilioRefusesForGoodIsNotTriedAgainAndTheCollectorSeesWhy() {
        String invoice = debtOf(SmsRoundTripContract.uniqueMobile());
        TWILIO.resetAll();
        TWILIO.stubFor(post(urlPathEqualTo(TWILIO_API.messagesPath())).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"code": 21211, "message": "The 'To' number is not a valid phone number.", "status": 400,
                         "more_info": "https://www.twilio.com/docs/errors/21211"}""")));

        notices.send(invoice, 2, 1);
        waitPassed(invoice);
        assertThat(outbox.sendDue()).isZero();

        assertThat(smsRequests()).isEqualTo(1);
        assertThat(outboxRow(invoice, "SMS").get("status")).isEqualTo("REJECTED");
        String view = caseView(invoice);
        assertThat((List<String>) JsonPath.read(view, "$.communications[?(@.channel == 'SMS')].status"))
                .containsExactly("INVALID_NUMBER");
        List<String> errors = JsonPath.read(view, "$.communications[?(@.channel == 'SMS')].error");
        assertThat(errors).singleElement().asString().contains("21211", "not a valid phone number");
    }

    @Test
    void aStepRolledBackSendsNothingAndItsRetrySendsOnce() {
        String invoice = debtOf(SmsRoundTripContract.uniqueMobile());
        TransactionTemplate job = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> job.executeWithoutResult(status -> {
            notices.send(invoice, 2, 1);
            throw new IllegalStateException("the engine's commit failed (a lock timeout)");
        })).hasMessageContaining("lock timeout");

        assertThat(MAIL.getReceivedMessages()).isEmpty();
        assertThat(smsRequests()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_message WHERE invoice_number = ?", Long.class, invoice)).isZero();
        assertThat(notices.forInvoice(invoice)).as("no fee claimed by a notice nobody got").isEmpty();

        job.executeWithoutResult(status -> notices.send(invoice, 2, 1));
        job.executeWithoutResult(status -> notices.send(invoice, 2, 1));
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(smsRequests()).isEqualTo(1);
        assertThat(notices.forInvoice(invoice)).hasSize(1);
    }

    @Test
    void anSmsInDoubtIsNotSentAgainWhenTwilioHasItAndIsWhenTwilioDoesNot() {
        String phone = SmsRoundTripContract.uniqueMobile();
        String invoice = debtOf(phone);
        TWILIO.resetAll();
        TWILIO.stubFor(post(urlPathEqualTo(TWILIO_API.messagesPath())).willReturn(aResponse().withStatus(503)));
        notices.send(invoice, 2, 1);
        // As if the sender had handed it over and died before recording it: claimed ten minutes ago, never finished.
        String body = (String) outboxRow(invoice, "SMS").get("content");
        inDoubt(invoice, "SMS");
        TWILIO.resetAll();
        TWILIO.stubFor(post(urlPathEqualTo(TWILIO_API.messagesPath())).willReturn(created()));
        TWILIO.stubFor(get(urlPathEqualTo(TWILIO_API.messagesPath())).withQueryParam("To", equalTo(phone))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(messagePage(phone, body))));

        assertThat(outbox.sendDue()).isEqualTo(1);

        TWILIO.verify(1, getRequestedFor(urlPathEqualTo(TWILIO_API.messagesPath())));
        assertThat(smsRequests()).as("Twilio had it: not sent again").isZero();
        assertThat(jdbc.queryForObject("SELECT provider_id FROM communication_log WHERE invoice_number = ? AND channel = 'SMS'",
                String.class, invoice)).isEqualTo("SMdelivered0before0the0crash000001");

        String other = debtOf(SmsRoundTripContract.uniqueMobile());
        TWILIO.stubFor(post(urlPathEqualTo(TWILIO_API.messagesPath())).willReturn(aResponse().withStatus(503)));
        notices.send(other, 2, 1);
        inDoubt(other, "SMS");
        TWILIO.resetAll();
        TWILIO.stubFor(post(urlPathEqualTo(TWILIO_API.messagesPath())).willReturn(created()));
        TWILIO.stubFor(get(urlPathEqualTo(TWILIO_API.messagesPath())).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(messagePage("+4790000000", "another text"))));

        assertThat(outbox.sendDue()).isEqualTo(1);
        assertThat(smsRequests()).as("Twilio did not have it: sent now, once").isEqualTo(1);
        assertThat(outboxRow(other, "SMS").get("status")).isEqualTo("SENT");
    }

    @Test
    void anEmailInDoubtGoesAgainWithTheSameMessageId() throws Exception {
        String invoice = debtOf(SmsRoundTripContract.uniqueMobile());
        MAIL.stop();
        try {
            notices.send(invoice, 2, 1);
        } finally {
            MAIL.start();
        }
        String messageId = (String) outboxRow(invoice, "EMAIL").get("message_id");
        inDoubt(invoice, "EMAIL");

        assertThat(outbox.sendDue()).isEqualTo(1);

        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getMessageID()).isEqualTo(messageId);
    }

    @Test
    void whenEveryAttemptFailsCockpitShowsAnIncidentOnTheCaseAndItsRetrySendsTheEmail() {
        String invoice = debtOf(SmsRoundTripContract.uniqueMobile());
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice).singleResult().getId();
        MAIL.stop();
        Job lastAttempt;
        try {
            EngineJobs.runDue(management, instance);
            assertThat(outboxRow(invoice, "EMAIL").get("process_instance_id")).isEqualTo(instance);
            for (int attempt = 2; attempt <= 5; attempt++) {
                waitPassed(invoice);
                outbox.sendDue();
            }
            Map<String, Object> failed = outboxRow(invoice, "EMAIL");
            assertThat(failed.get("attempts")).isEqualTo(5);
            assertThat(failed.get("status")).as("the outbox's own attempts are spent").isEqualTo("FAILED");
            lastAttempt = management.createJobQuery().processInstanceId(instance).list().stream()
                    .filter(job -> job.getJobDefinitionId() == null).findFirst().orElseThrow();
            assertThat(lastAttempt.getDuedate().toInstant()).isAfter(Instant.now().plus(Duration.ofMinutes(15)));
            assertThatThrownBy(() -> management.executeJob(lastAttempt.getId()))
                    .hasMessageContaining("Mail server connection failed");
        } finally {
            MAIL.start();
        }
        Incident incident = runtime.createIncidentQuery().processInstanceId(instance).singleResult();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getIncidentMessage()).contains("Mail server connection failed");
        assertThat(outboxRow(invoice, "EMAIL").get("status")).isEqualTo("FAILED");
        assertThat((List<String>) JsonPath.read(caseView(invoice), "$.communications[?(@.channel == 'EMAIL')].status"))
                .containsExactly("FAILED");
        assertThat(MAIL.getReceivedMessages()).isEmpty();

        // Cockpit's "Retry": the job gets a retry, and the job executor runs it.
        management.setJobRetries(lastAttempt.getId(), 1);
        management.executeJob(lastAttempt.getId());

        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(Arrays.toString(MAIL.getReceivedMessages())).isNotEmpty();
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
        assertThat(outboxRow(invoice, "EMAIL").get("status")).isEqualTo("SENT");
        assertThat((List<String>) JsonPath.read(caseView(invoice), "$.communications[?(@.channel == 'EMAIL')].status"))
                .containsExactly("SENT");
    }

    @Test
    void aSecondSmsToOneCustomerOnOneDayWaitsForTheNextDaysContactHoursAndTheEmailDoesNot() {
        String phone = SmsRoundTripContract.uniqueMobile();
        String first = debtOf(phone);
        String customer = jdbc.queryForObject("SELECT c.customer_number FROM invoice i JOIN customer c ON c.id = i.customer_id "
                + "WHERE i.invoice_number = ?", String.class, first);
        String second = DunningTestData.debt(as(ERP), customer, today().minusDays(18), "3000").invoice();

        notices.send(first, 2, 1);
        notices.send(second, 2, 1);

        assertThat(smsRequests()).as("one SMS today").isEqualTo(1);
        assertThat(MAIL.getReceivedMessages()).as("emails are not capped").hasSize(2);
        Instant next = instant(outboxRow(second, "SMS").get("next_attempt_at"));
        java.time.ZoneId oslo = java.time.ZoneId.of("Europe/Oslo");
        assertThat(java.time.LocalDate.ofInstant(next, oslo)).isAfter(java.time.LocalDate.now(oslo));
        assertThat(windows.allowed("NO", next)).as("within the customer's contact hours: " + next).isTrue();
        assertThat(windows.allowed("NO", next.minusSeconds(60)) && java.time.LocalDate.ofInstant(next.minusSeconds(60), oslo)
                .equals(java.time.LocalDate.ofInstant(next, oslo))).as("the first moment of that day's hours").isFalse();
        assertThat(outbox.sendDue()).as("not before then").isZero();
        assertThat((List<String>) JsonPath.read(caseView(second), "$.communications[?(@.channel == 'SMS')].status"))
                .containsExactly("PENDING");
    }

    @Test
    void callTasksGetOneSlotADayFiveAWeekWithinContactHoursAndNotOnHolidays() {
        String customer = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        DunningTestData.putCustomer(as(ERP), customer, """
                {"name": "Ola Nordmann", "kind": "CONSUMER", "country": "NO", "language": "nb",
                 "email": "ola@nordmann.example", "phone": "+4791111111"}""");
        java.time.ZoneId oslo = java.time.ZoneId.of("Europe/Oslo");
        Instant monday = java.time.LocalDateTime.parse("2027-05-10T10:00").atZone(oslo).toInstant();

        List<String> slots = new java.util.ArrayList<>();
        for (int call = 0; call < 7; call++) {
            slots.add(frequency.reserveCall(customer, "INV-" + call, monday, true).atZone(oslo).toLocalDateTime().toString());
        }

        // Monday at once; then a day each at 08:00; the week is full after five; Monday 17 May is a public holiday.
        assertThat(slots).containsExactly("2027-05-10T10:00", "2027-05-11T08:00", "2027-05-12T08:00", "2027-05-13T08:00",
                "2027-05-14T08:00", "2027-05-18T08:00", "2027-05-19T08:00");
        Instant saturdayNight = java.time.LocalDateTime.parse("2027-05-22T23:00").atZone(oslo).toInstant();
        String other = customer + "X";
        DunningTestData.putCustomer(as(ERP), other, """
                {"name": "Kari Nordmann", "kind": "CONSUMER", "country": "NO", "language": "nb"}""");
        assertThat(frequency.reserveCall(other, "INV-9", saturdayNight, true).atZone(oslo).toLocalDateTime())
                .as("not at night, not on Sunday").hasToString("2027-05-24T08:00");
        assertThat(frequency.reserveCall(other, "INV-10", saturdayNight, false).atZone(oslo).toLocalDateTime())
                .as("without hours: at once, Saturday has no call yet").hasToString("2027-05-22T23:00");
        assertThat(frequency.reserveCall(other, "INV-11", saturdayNight, false).atZone(oslo).toLocalDateTime())
                .as("and then the next day with a free slot, at its start").hasToString("2027-05-23T00:00");
    }

    @Test
    void aCaseWhoseTimersFellDueDuringDowntimeSendsLevelOneNowAndWaitsForLevelTwoFromThere() {
        // Due 40 days ago: by the calendar all three levels are past. After the restart the case goes level by level.
        String invoice = DunningTestData.debt(as(ERP), customerWithMobile(), today().minusDays(40), "2500").invoice();
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice).singleResult().getId();

        EngineJobs.runDue(management, instance);

        assertThat(notices.forInvoice(invoice)).extracting(DunningNotice::level).containsExactly(1);
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        Job nextLevel = EngineJobs.timer(management, instance, CollectionCaseProcess.Elements.NEXT_LEVEL_DUE);
        assertThat(nextLevel.getDuedate().toInstant()).as("15 days after the notice that just went")
                .isAfter(Instant.now().plus(Duration.ofDays(14)));
    }

    @Test
    void aCustomersOpenCallCoversItsOtherCasesAndOnceItIsDoneTheNextCallGetsItsSlot() throws Exception {
        String customer = customerWithMobile();
        String first = DunningTestData.debt(as(ERP), customer, today().minusDays(20), "4000").invoice();
        String second = DunningTestData.debt(as(ERP), customer, today().minusDays(20), "5000").invoice();
        assertThat(cases.callNow(first)).isTrue();
        org.camunda.bpm.engine.delegate.ExecutionListener reserve = beans.getBean(
                CollectionCaseProcess.Delegates.RESERVE_CALL_SLOT, org.camunda.bpm.engine.delegate.ExecutionListener.class);

        FakeExecution covered = new FakeExecution(second, CollectionCaseProcess.Elements.CALL_NEEDED);
        reserve.notify(covered.execution);
        assertThat(covered.variables).containsEntry(CollectionCaseProcess.Variables.CALL_COVERED, true)
                .containsEntry(CollectionCaseProcess.Variables.CALL_SLOT_NOW, false);

        org.camunda.bpm.engine.task.Task call = tasks.createTaskQuery().processInstanceBusinessKey(first)
                .taskDefinitionKey(CollectionCaseProcess.Elements.CALL_CUSTOMER).singleResult();
        assertThat(String.valueOf(tasks.getVariable(call.getId(), CollectionCaseProcess.TaskFacts.OPEN_INVOICES)))
                .as("the one task shows both invoices").contains(first, second);
        tasks.complete(call.getId(), Map.of(CollectionCaseProcess.Variables.CONTACT_RESULT,
                CollectionCaseProcess.ContactResults.NO_ANSWER, CollectionCaseProcess.Variables.CALL_OUTCOME,
                CollectionCaseProcess.CallOutcomes.NO_AGREEMENT));

        FakeExecution own = new FakeExecution(second, CollectionCaseProcess.Elements.CALL_NEEDED);
        reserve.notify(own.execution);
        assertThat(own.variables).containsEntry(CollectionCaseProcess.Variables.CALL_COVERED, false)
                .containsKey(CollectionCaseProcess.Variables.CALL_SLOT_AT);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM call_slot WHERE customer_number = ?", Long.class, customer))
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    private String customerWithMobile() {
        return DunningTestData.norwegianConsumerWithMobile(as(ERP), SmsRoundTripContract.uniqueMobile());
    }

    private String debtOf(String phone) {
        return DunningTestData.level2DebtOf(as(ERP), phone);
    }

    private Map<String, Object> outboxRow(String invoice, String channel) {
        return jdbc.queryForMap("SELECT * FROM outbox_message WHERE invoice_number = ? AND channel = ?", invoice, channel);
    }

    // H2 reads TIMESTAMP WITH TIME ZONE as OffsetDateTime, PostgreSQL's driver as Timestamp.
    private static Instant instant(Object value) {
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : ((java.time.OffsetDateTime) value).toInstant();
    }

    /** The wait before the next attempt has passed. */
    private void waitPassed(String invoice) {
        jdbc.update("UPDATE outbox_message SET next_attempt_at = ? WHERE invoice_number = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), invoice);
    }

    /** Its sender claimed it ten minutes ago and never recorded what happened. */
    private void inDoubt(String invoice, String channel) {
        jdbc.update("UPDATE outbox_message SET status = 'SENDING', claimed_at = ? WHERE invoice_number = ? AND channel = ?",
                Timestamp.from(Instant.now().minus(Duration.ofMinutes(10))), invoice, channel);
    }

    private int smsRequests() {
        return TWILIO.findAll(postRequestedFor(urlPathEqualTo(TWILIO_API.messagesPath()))).size();
    }

    private String caseView(String invoice) {
        return as(COLLECTOR).getForObject("/api/invoices/" + invoice + "/case", String.class);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "…", "from": "%s", "num_segments": "1",
                 "sid": "%s", "status": "queued", "to": "+4790000000"}""".formatted(SID, TwilioEmulator.FROM, sid));
    }

    /** A page of Twilio's message list, as the API answers {@code GET …/Messages.json?To=…}. */
    private String messagePage(String to, String body) {
        String path = TWILIO_API.messagesPath();
        return """
                {"messages": [{"account_sid": "%s", "api_version": "2010-04-01", "body": %s, "from": "%s",
                  "sid": "SMdelivered0before0the0crash000001", "status": "delivered", "to": "%s",
                  "date_sent": "%s"}],
                 "first_page_uri": "%s?PageSize=100&Page=0", "next_page_uri": null, "previous_page_uri": null,
                 "page": 0, "page_size": 100, "uri": "%s?PageSize=100&Page=0", "start": 0, "end": 0}"""
                .formatted(SID, com.fasterxml.jackson.databind.node.TextNode.valueOf(body).toString(), TwilioEmulator.FROM,
                        to, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(9)), path, path);
    }
}
