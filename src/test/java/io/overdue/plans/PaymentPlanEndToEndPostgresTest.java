package io.overdue.plans;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.overdue.dunning.CaseActions;
import io.overdue.dunning.CollectionCaseProcess;
import io.overdue.plans.PaymentPlanProcess.Elements;
import io.overdue.plans.PaymentPlanProcess.Variables;
import io.overdue.shared.ConflictException;
import io.overdue.support.ApplicationTest;
import io.overdue.support.Emails;
import io.overdue.support.EngineJobs;
import io.overdue.support.PostgresTest;
import io.overdue.support.TwilioEmulator;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A payment plan through the whole application on PostgreSQL, as the "done when" reads: a collector turns a
 * call into a plan in the task list, the customer accepts it from the link in the email, and the plan is chased on
 * its own dates (reminders by email at GreenMail, SMS at the emulated Twilio) until paid, or until it breaks and the
 * case sends its next level. The engine's timers and jobs run as the job executor would; the test decides when.
 */
@PostgresTest
class PaymentPlanEndToEndPostgresTest extends ApplicationTest {

    static final TwilioEmulator TWILIO = new TwilioEmulator("AC00000000000000000000000000000077", "plan-e2e-token");
    static final Pattern LINK = Pattern.compile("/plans/accept\\?token=([A-Za-z0-9_.-]+)");

    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired TaskService tasks;
    @Autowired HistoryService history;
    @Autowired IdentityService identities;
    @Autowired CaseActions caseActions;

    final LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
    String invoice;
    ProcessInstance collectionCase;

    @DynamicPropertySource
    static void postgresAndTwilio(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
        TWILIO.register(registry);
    }

    @BeforeEach
    void twilioAccepts() {
        TWILIO.server().resetAll();
        TWILIO.server().stubFor(post(urlPathEqualTo(TWILIO.messagesPath())).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM000000000000000000000000000000aa\", \"status\": \"queued\"}")));
    }

    @Test
    void aCallBecomesAPlanTheCustomerAcceptsByLinkAndPaysOnItsOwnDatesUntilTheCaseEndsPaidByPlan() throws Exception {
        ProcessInstance plan = planAcceptedFromTheEmailLink();
        JsonNode active = json(as(ERP).getForEntity("/api/invoices/" + invoice + "/plan", String.class));
        assertThat(active.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.path("acceptedHow").asText()).isEqualTo("LINK");
        assertThat(active.path("acceptedIp").asText()).isEqualTo("127.0.0.1");
        List<BigDecimal> amounts = active.path("instalments").findValues("amount").stream().map(JsonNode::decimalValue).toList();
        assertThat(amounts).hasSize(3);
        assertThatThrownBy(() -> caseActions.callNow(invoice)).as("a call would drop the running plan")
                .isInstanceOf(ConflictException.class);

        // Instalment 1: reminded before its date, paid on time.
        int mails = MAIL.getReceivedMessages().length;
        fire(plan, Elements.REMINDER_DAY_CAME);
        runJobs(plan);
        assertThat(MAIL.getReceivedMessages()).hasSize(mails + 1);
        assertThat(last().getSubject()).contains(invoice, "avdrag forfaller snart");
        pay(amounts.get(0));
        waitingAt(plan, Elements.AWAIT_REMINDER_DAY);
        assertThat(runtime.getVariable(plan.getId(), Variables.INSTALMENT_SEQ)).isEqualTo(2);

        // Instalment 2: reminded, missed, reminded with a short deadline, paid within it.
        fire(plan, Elements.REMINDER_DAY_CAME);
        runJobs(plan);
        fire(plan, Elements.GRACE_PASSED);
        runJobs(plan);
        assertThat(last().getSubject()).contains("et avdrag mangler");
        waitingAt(plan, Elements.AWAIT_LAST_CHANCE);
        JsonNode late = json(as(ERP).getForEntity("/api/invoices/" + invoice + "/plan", String.class));
        assertThat(late.path("instalments").get(1).path("status").asText()).isEqualTo("LATE");
        pay(amounts.get(1));
        waitingAt(plan, Elements.AWAIT_REMINDER_DAY);

        // Instalment 3: the rest of the invoice settles it; the case ends paid by the plan.
        BigDecimal rest = json(as(ERP).getForEntity("/api/invoices/" + invoice, String.class)).path("openBalance").decimalValue();
        pay(rest);
        runJobs(collectionCase);
        JsonNode ended = json(as(ERP).getForEntity("/api/invoices/" + invoice + "/case", String.class));
        assertThat(ended.path("case").path("state").asText()).isEqualTo("ENDED");
        assertThat(ended.path("case").path("outcome").asText()).isEqualTo("Paid by plan");
        assertThat(json(as(ERP).getForEntity("/api/invoices/" + invoice + "/plan", String.class)).path("status").asText())
                .isEqualTo("PAID");
        // What Cockpit shows: the case called the plan, and the plan passed each of its waits.
        assertThat(passed(collectionCase)).contains(CollectionCaseProcess.Elements.RUN_PAYMENT_PLAN,
                CollectionCaseProcess.Elements.CASE_SETTLED_BY_PLAN);
        assertThat(passed(plan)).contains(Elements.PROPOSE_PAYMENT_PLAN, Elements.SEND_PLAN_FOR_ACCEPTANCE,
                Elements.PLAN_ACCEPTED_BY_CUSTOMER, Elements.ACTIVATE_PLAN, Elements.SEND_INSTALMENT_REMINDER,
                Elements.PAID_BY_DATE, Elements.SEND_MISSED_INSTALMENT_REMINDER, Elements.PAID_AFTER_REMINDER);
    }

    @Test
    void aMissedInstalmentLeftUnpaidBreaksThePlanAndTheCaseSendsItsNextLevelAtOnce() throws Exception {
        ProcessInstance plan = planAcceptedFromTheEmailLink();
        fire(plan, Elements.REMINDER_DAY_CAME);
        runJobs(plan);
        fire(plan, Elements.GRACE_PASSED);
        runJobs(plan);
        int mails = MAIL.getReceivedMessages().length;

        fire(plan, Elements.MISSED_DEADLINE_PASSED);

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(plan.getId()).singleResult().getEndTime())
                .isNotNull();
        assertThat(json(as(ERP).getForEntity("/api/invoices/" + invoice + "/plan", String.class)).path("status").asText())
                .isEqualTo("BROKEN");
        runJobs(collectionCase);
        assertThat(MAIL.getReceivedMessages()).as("the next level goes at once").hasSize(mails + 1);
        assertThat(passed(collectionCase)).contains(CollectionCaseProcess.Elements.PAYMENT_PLAN_ENDED);
        assertThat(runtime.getActiveActivityIds(collectionCase.getId())).contains(CollectionCaseProcess.Elements.AWAIT_NEXT_LEVEL);
    }

    // ---------------------------------------------------------------- the way to an active plan

    /** Level 1 sent, the collector's call, the proposal in the task list, the email with the link, acceptance. */
    private ProcessInstance planAcceptedFromTheEmailLink() throws Exception {
        String customer = unique("PLAN-");
        invoice = uniqueDigits();
        put("/api/customers/" + customer, """
                {"name": "Kari Nordmann", "kind": "CONSUMER", "country": "NO", "language": "nb",
                 "email": "kari@nordmann.example", "phone": "+4791234567"}""");
        ResponseEntity<String> created = as(ERP).postForEntity("/api/invoices", jsonEntity("""
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                 "currency": "NOK", "amount": 6000.00}""".formatted(invoice, customer, today.minusDays(60), today.minusDays(40))),
                String.class);
        assertThat(created.getStatusCode().is2xxSuccessful()).as(created.getBody()).isTrue();
        collectionCase = runtime.createProcessInstanceQuery().processDefinitionKey(CollectionCaseProcess.PROCESS_KEY)
                .processInstanceBusinessKey(invoice).singleResult();
        runJobs(collectionCase);
        assertThat(MAIL.getReceivedMessages()).as("level 1").hasSize(1);

        // The collector calls and the customer asks for a plan (the call task's form, as Tasklist submits it).
        assertThat(caseActions.callNow(invoice)).isTrue();
        Task call = tasks.createTaskQuery().processInstanceId(collectionCase.getId()).singleResult();
        tasks.claim(call.getId(), COLLECTOR);
        asCollector(() -> tasks.complete(call.getId(), Map.of("contactResult", "REACHED", "callOutcome",
                "PAYMENT_PLAN_REQUESTED", "callNotes", "Lost her job; can pay 2,000 a month")));
        ProcessInstance plan = runtime.createProcessInstanceQuery().superProcessInstanceId(collectionCase.getId())
                .singleResult();
        assertThat(plan.getBusinessKey()).isEqualTo(invoice);

        // The proposal task shows the claim and the terms; the collector takes an even split of 3, monthly.
        Task proposal = tasks.createTaskQuery().processInstanceId(plan.getId()).taskDefinitionKey(Elements.PROPOSE_PAYMENT_PLAN)
                .singleResult();
        assertThat(proposal).isNotNull();
        Map<String, Object> facts = tasks.getVariablesLocal(proposal.getId());
        assertThat((String) facts.get(PaymentPlanProcess.TaskFacts.CLAIM)).startsWith("6000.00").endsWith("NOK");
        assertThat((String) facts.get(PaymentPlanProcess.TaskFacts.PLAN_TERMS)).contains("At most 3 instalments");
        tasks.claim(proposal.getId(), COLLECTOR);
        Map<String, Object> answers = new HashMap<>();
        answers.put(Variables.PLAN_PROPOSAL, "PROPOSE");
        answers.put(Variables.PLAN_SPLIT, "EVEN_SPLIT");
        answers.put(Variables.INSTALMENT_COUNT, 3L);
        answers.put(Variables.FIRST_PAYMENT_DATE, today.plusDays(10).toString());
        answers.put(Variables.PAYMENT_INTERVAL, "P1M");
        asCollector(() -> tasks.complete(proposal.getId(), answers));

        // Approved by the policy; the plan goes out by email and SMS with the link.
        runJobs(plan);
        waitingAt(plan, Elements.AWAIT_CUSTOMER_CONFIRMATION);
        MimeMessage offer = last();
        String text = Emails.text(offer);
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("the email carries the link: " + text).isTrue();
        String sms = URLDecoder.decode(TWILIO.server().findAll(postRequestedFor(urlPathEqualTo(TWILIO.messagesPath())))
                .get(0).getBodyAsString(), StandardCharsets.UTF_8);
        // Each channel carries a link of its own (a failed SMS must not take the email's link with it).
        assertThat(sms).contains("To=+4791234567", "/plans/accept?token=").doesNotContain(link.group(1));

        // The customer opens the link and accepts.
        ResponseEntity<String> page = http.getForEntity("/plans/accept?token={token}", String.class, link.group(1));
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains(invoice);
        ResponseEntity<String> accepted = AcceptanceForm.submit(http, link.group(1), page);
        assertThat(accepted.getStatusCode().is2xxSuccessful()).as(accepted.getBody()).isTrue();
        runJobs(plan);
        waitingAt(plan, Elements.AWAIT_REMINDER_DAY);
        return plan;
    }

    // ---------------------------------------------------------------- helpers

    private void pay(BigDecimal amount) {
        ResponseEntity<String> paid = as(ERP).postForEntity("/api/invoices/" + invoice + "/payments", jsonEntity("""
                {"paymentId": "%s", "amount": %s, "currency": "NOK", "paidOn": "%s"}""".formatted(unique("PAY-"),
                amount.toPlainString(), today)), String.class);
        assertThat(paid.getStatusCode().is2xxSuccessful()).as(paid.getBody()).isTrue();
    }

    private void asCollector(Runnable work) {
        identities.setAuthenticatedUserId(COLLECTOR);
        try {
            work.run();
        } finally {
            identities.clearAuthentication();
        }
    }

    private void runJobs(ProcessInstance instance) {
        EngineJobs.runDue(management, instance.getId());
    }

    private void fire(ProcessInstance instance, String activityId) {
        EngineJobs.fire(management, instance.getId(), activityId);
    }

    private void waitingAt(ProcessInstance instance, String activityId) {
        assertThat(runtime.getActiveActivityIds(instance.getId())).contains(activityId);
    }

    private List<String> passed(ProcessInstance instance) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list().stream()
                .map(HistoricActivityInstance::getActivityId).toList();
    }

    private static MimeMessage last() {
        MimeMessage[] all = MAIL.getReceivedMessages();
        return all[all.length - 1];
    }

    private void put(String path, String json) {
        ResponseEntity<String> response = as(ERP).exchange(path, HttpMethod.PUT, jsonEntity(json), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }
}
