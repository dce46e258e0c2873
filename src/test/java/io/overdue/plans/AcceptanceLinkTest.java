package io.overdue.plans;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.overdue.support.ApplicationTest;
import io.overdue.support.TwilioEmulator;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of a plan's acceptance link share: an emulated Twilio API (one application context for all of
 * them), customers, invoices and plans awaiting acceptance, and a stand-in for the plan process that waits for
 * {@link PaymentPlanProcess.Messages#PLAN_ACCEPTED} under the invoice number.
 */
abstract class AcceptanceLinkTest extends ApplicationTest {

    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String MOBILE = "+4791234567";
    /** Stands in for bpmn/payment-plan.bpmn: the page correlates by business key only, whatever the process. */
    static final String STUB_PROCESS = "PlanAcceptanceStub";
    static final String AFTER_ACCEPTANCE = "AfterAcceptance";
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    static final TwilioEmulator TWILIO_API = new TwilioEmulator(SID, "test-auth-token");
    static final WireMockServer TWILIO = TWILIO_API.server();
    static final String MESSAGES = TWILIO_API.messagesPath();

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        TWILIO_API.register(registry);
    }

    @Autowired PaymentPlans plans;
    @Autowired PlanAcceptanceTokens tokens;
    @Autowired JdbcTemplate jdbc;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;

    final LocalDate today = LocalDate.now(OSLO);

    @BeforeEach
    void resetTwilioAndDeployStub() {
        TWILIO.resetAll();
        BpmnModelInstance stub = Bpmn.createExecutableProcess(STUB_PROCESS)
                .startEvent()
                .intermediateCatchEvent("AwaitAcceptance").message(PaymentPlanProcess.Messages.PLAN_ACCEPTED)
                .userTask(AFTER_ACCEPTANCE)
                .endEvent()
                .done();
        repository.createDeployment().name("plan-acceptance-stub").enableDuplicateFiltering(true)
                .addModelInstance("plan-acceptance-stub.bpmn", stub).deploy();
    }

    static void twilioAccepts() {
        TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"account_sid": "%s", "api_version": "2010-04-01", "body": "…", "direction": "outbound-api",
                         "from": "%s", "num_segments": "2", "sid": "SM00000000000000000000000000000042",
                         "status": "queued", "to": "%s"}""".formatted(SID, TwilioEmulator.FROM, MOBILE))));
    }

    static void twilioFails() {
        TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"code": 20500, "message": "Internal Server Error", "status": 500}""")));
    }

    /**
     * A Norwegian business customer with accounts payable and a CFO, and an open invoice of 10,000.00 NOK; the
     * customer's own number when {@code phone} is given.
     *
     * @return the invoice number
     */
    String invoice(String phone) {
        String customer = unique("C");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(as(ERP).exchange("/api/customers/" + customer, HttpMethod.PUT, new HttpEntity<>("""
                {"name": "Fjellheim Elektro AS", "organisationNumber": "923609016", "kind": "BUSINESS", "country": "NO",
                 "language": "nb", "email": "post@fjellheim.example", %s
                 "contacts": [{"role": "ACCOUNTS_PAYABLE", "name": "Ola Faktura", "email": "faktura@fjellheim.example"},
                              {"role": "CFO", "name": "Per Økonomi", "email": "per@fjellheim.example"}]}"""
                .formatted(phone == null ? "" : "\"phone\": \"" + phone + "\","), headers), String.class)
                .getStatusCode().is2xxSuccessful()).isTrue();
        String number = uniqueDigits();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                INSERT INTO invoice (invoice_number, customer_id, issue_date, due_date, currency, amount, open_balance,
                                     payment_reference, reference_type, status, version, created_at, updated_at)
                SELECT ?, id, ?, ?, 'NOK', 10000.00, 10000.00, ?, 'KID', 'OPEN', 0, ?, ? FROM customer
                WHERE customer_number = ?""",
                number, today.minusDays(40), today.minusDays(26), number + "0", now, now, customer);
        return number;
    }

    /** 10,000.00 NOK in three monthly instalments from next week (3,333.33, 3,333.33, 3,333.34), approved. */
    PaymentPlan planAwaitingAcceptance(String invoice) {
        PaymentPlan plan = plans.propose(invoice, ProposalRequest.evenSplit("collector1", null, 3, today.plusDays(7),
                Period.ofMonths(1)), new Claim(new BigDecimal("10000.00"), "NOK"),
                new PlanLimits(Period.ofMonths(12), new BigDecimal("500")));
        return plans.approve(plan.id(), "manager1");
    }

    /** A plan on offer: awaiting acceptance, its process waiting for the message, and a link's token. */
    record Offer(String invoice, PaymentPlan plan, ProcessInstance process, String token) {
    }

    Offer offer() {
        String invoice = invoice(null);
        PaymentPlan plan = planAwaitingAcceptance(invoice);
        ProcessInstance process = waitingProcess(invoice);
        return new Offer(invoice, plan, process, tokens.issue(plan.id(), invoice));
    }

    /** The stand-in plan process of the invoice, waiting for the customer's acceptance. */
    ProcessInstance waitingProcess(String invoice) {
        return runtime.startProcessInstanceByKey(STUB_PROCESS, invoice);
    }

    /** Whether the stand-in process of the invoice got past the message (it then waits in {@link #AFTER_ACCEPTANCE}). */
    boolean movedOn(ProcessInstance process) {
        return runtime.createExecutionQuery().processInstanceId(process.getId()).activityId(AFTER_ACCEPTANCE).count() == 1;
    }

    /** What the plan's row says of its acceptance: accepted_at, accepted_ip, accepted_how. */
    PaymentPlan reloaded(PaymentPlan plan) {
        return plans.find(plan.id()).orElseThrow();
    }
}
