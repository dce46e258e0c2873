package io.overdue.dunning;

import com.jayway.jsonpath.JsonPath;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.dunning.CollectionCaseProcess.Messages;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.invoices.InvoiceAdjustments;
import io.overdue.invoices.PaymentRequest;
import io.overdue.plans.AcceptedHow;
import io.overdue.plans.Claim;
import io.overdue.plans.Instalment;
import io.overdue.plans.InstalmentStatus;
import io.overdue.plans.PaymentPlan;
import io.overdue.plans.PaymentPlanProcess;
import io.overdue.plans.PaymentPlans;
import io.overdue.plans.PlanLimits;
import io.overdue.plans.PlanStatus;
import io.overdue.plans.ProposalRequest;
import io.overdue.support.ApplicationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payment plans through the collection case: payments booked by {@code InvoiceAdjustments} reaching the plan, the plan
 * ending with its invoice in the case's close step, and {@code GET/POST /api/invoices/{n}/plan} with real logins.
 * Nothing here depends on what the case does after it took {@code PaymentPlanRequested} (a collector's task today, the
 * plan process soon): the tests look at the message being taken and at the database. Runs on H2 and PostgreSQL.
 */
abstract class PaymentPlanApiContract extends ApplicationTest {

    static final String MANAGER = "planmanager";
    static final String NOBODY = "plannobody";
    static final ZoneId ZONE = ZoneId.of("Europe/Oslo");
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
    /** Stands in for the plan process: waits for the message a payment sends, with the invoice as business key. */
    static final String PROBE = "InstalmentPaymentProbe";

    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired RepositoryService repository;
    @Autowired PaymentPlans plans;
    @Autowired InvoiceAdjustments adjustments;
    @Autowired JdbcTemplate jdbc;

    final LocalDate today = LocalDate.now(ZONE);
    String probeDeployment;

    @BeforeEach
    void usersAndProbe() {
        user(MANAGER, "managers");
        user(NOBODY, null);
        probeDeployment = repository.createDeployment().name("payment-plan-api-test")
                .addModelInstance(PROBE + ".bpmn", Bpmn.createExecutableProcess(PROBE).camundaHistoryTimeToLive(1)
                        .startEvent().intermediateCatchEvent("AwaitInstalmentPayment")
                        .message(PaymentPlanProcess.Messages.INSTALMENT_PAYMENT_RECEIVED).endEvent().done())
                .deploy().getId();
    }

    @AfterEach
    void removeProbe() {
        repository.deleteDeployment(probeDeployment, true);
    }

    // ---------------------------------------------------------------- helpers

    private void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            if (group != null) {
                identity.createMembership(id, group);
            }
        }
    }

    static HttpEntity<String> json(String body) {
        return ApplicationTest.jsonEntity(body);
    }

    ResponseEntity<String> post(String user, String invoice, String body) {
        return as(user).postForEntity("/api/invoices/" + invoice + "/plan", json(body), String.class);
    }

    ResponseEntity<String> get(String user, String invoice) {
        return as(user).getForEntity("/api/invoices/" + invoice + "/plan", String.class);
    }

    /** A Norwegian business invoice of {@code amount} NOK, 20 days overdue, its case waiting in Collection. */
    String norwegianInvoice(String amount) {
        return invoice("""
                {"name": "Fjellheim Elektro AS", "kind": "BUSINESS", "country": "NO", "language": "nb",
                 "email": "faktura@fjellheim.example"}""", "NOK", "KID", amount, true);
    }

    /** A Swedish consumer's invoice of {@code amount} SEK, 20 days overdue, its case waiting in Collection. */
    String swedishConsumerInvoice(String amount) {
        return invoice("""
                {"name": "Anna Svensson", "kind": "CONSUMER", "country": "SE", "language": "sv",
                 "email": "anna@svensson.example"}""", "SEK", "OCR", amount, true);
    }

    /**
     * The invoice written directly and its case started as intake would (the job executor is off, so the case stays
     * at its due-date timer inside Collection, where it takes PaymentPlanRequested).
     */
    String invoice(String customerJson, String currency, String referenceType, String amount, boolean startCase) {
        String customer = unique("C");
        assertThat(as(ERP).exchange("/api/customers/" + customer, HttpMethod.PUT, json(customerJson), String.class)
                .getStatusCode().is2xxSuccessful()).isTrue();
        String number = uniqueDigits();
        LocalDate due = today.minusDays(20);
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                INSERT INTO invoice (invoice_number, customer_id, issue_date, due_date, currency, amount, open_balance,
                                     payment_reference, reference_type, status, version, created_at, updated_at)
                SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 0, ?, ? FROM customer WHERE customer_number = ?""",
                number, due.minusDays(14), due, currency, new BigDecimal(amount), new BigDecimal(amount), number + "0",
                referenceType, now, now, customer);
        if (startCase) {
            runtime.startProcessInstanceByKey(CollectionCaseProcess.PROCESS_KEY, number, Map.of(
                    Variables.INVOICE_NUMBER, number,
                    Variables.FIRST_REMINDER_AT, Date.from(due.plusDays(3).atStartOfDay(ZONE).toInstant())));
        }
        return number;
    }

    /** Books a payment as the ERP's does, through the real adjustments (and so the real events). */
    void pay(String invoice, String amount) {
        adjustments.pay(invoice, new PaymentRequest(UUID.randomUUID().toString(), new BigDecimal(amount), "NOK",
                today.toString(), null, null));
    }

    /** An approved, accepted, active plan of {@code claim} NOK in 3 monthly instalments, made directly. */
    PaymentPlan activePlan(String invoice, String claim) {
        PaymentPlan plan = proposedPlan(invoice, claim);
        plans.approve(plan.id(), "manager1");
        plans.accept(plan.id(), "203.0.113.7", AcceptedHow.LINK);
        return plans.activate(plan.id());
    }

    PaymentPlan proposedPlan(String invoice, String claim) {
        return plans.propose(invoice, ProposalRequest.evenSplit("collector1", null, 3, today.plusDays(7), Period.ofMonths(1)),
                new Claim(new BigDecimal(claim), "NOK"), new PlanLimits(Period.ofMonths(12), new BigDecimal("500")));
    }

    String startProbe(String invoice) {
        return runtime.startProcessInstanceByKey(PROBE, invoice).getId();
    }

    boolean probeWaits(String probe) {
        return runtime.createProcessInstanceQuery().processInstanceId(probe).count() == 1;
    }

    /** The invoice's collection case, not the probe or a plan instance with the same business key. */
    ProcessInstance collectionCase(String invoice) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice)
                .processDefinitionKey(CollectionCaseProcess.PROCESS_KEY).singleResult();
    }

    boolean takesPlanRequests(String invoice) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(invoice)
                .messageEventSubscriptionName(Messages.PAYMENT_PLAN_REQUESTED).count() == 1;
    }

    /** The case took the message: it passed the boundary event on Collection and waits for it no more. */
    void assertTookPlanRequest(String invoice) {
        assertThat(takesPlanRequests(invoice)).isFalse();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(collectionCase(invoice).getId())
                .activityId(Elements.PAYMENT_PLAN_REQUEST_RECEIVED).count()).isEqualTo(1);
    }

    Object endedCaseVariable(String invoice, String name) {
        String instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(invoice)
                .processDefinitionKey(CollectionCaseProcess.PROCESS_KEY).singleResult().getId();
        HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName(name).singleResult();
        assertThat(variable).as(name).isNotNull();
        return variable.getValue();
    }

    static BigDecimal amount(String json, String path) {
        Object value = JsonPath.read(json, path);
        assertThat(value).as(path).isNotNull();
        return new BigDecimal(value.toString());
    }

    static List<String> errorFields(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(PROBLEM);
        return JsonPath.read(response.getBody(), "$.errors[*].field");
    }

    String evenSplit(int count) {
        return "{\"evenSplit\": {\"count\": " + count + ", \"firstDate\": \"" + today.plusDays(7) + "\", \"interval\": \"P1M\"}}";
    }

    // ---------------------------------------------------------------- payments and the plan

    @Test
    void aPartPaymentFillsTheFirstInstalmentPartlyAndTellsThePlanProcess() {
        String invoice = norwegianInvoice("10000.00");
        PaymentPlan plan = activePlan(invoice, "10000.00");
        String probe = startProbe(invoice);

        pay(invoice, "1000.00");

        Instalment first = plans.find(plan.id()).orElseThrow().instalments().get(0);
        assertThat(first.paidAmount()).isEqualByComparingTo("1000.00");
        assertThat(first.status()).isEqualTo(InstalmentStatus.OPEN);
        assertThat(first.paidAt()).isNull();
        assertThat(probeWaits(probe)).as("the plan process heard of it").isFalse();
        assertThat(collectionCase(invoice)).isNotNull();
    }

    @Test
    void anExactInstalmentIsPaidAndMoreSpillsToTheNext() {
        String invoice = norwegianInvoice("10000.00");
        PaymentPlan plan = activePlan(invoice, "10000.00");

        pay(invoice, "3333.33");
        PaymentPlan afterExact = plans.find(plan.id()).orElseThrow();
        assertThat(afterExact.instalments()).extracting(Instalment::status)
                .containsExactly(InstalmentStatus.PAID, InstalmentStatus.OPEN, InstalmentStatus.OPEN);
        assertThat(afterExact.instalments().get(0).paidAt()).isEqualTo(today);

        String probe = startProbe(invoice);
        pay(invoice, "5000.00");
        PaymentPlan afterSpill = plans.find(plan.id()).orElseThrow();
        assertThat(afterSpill.instalments()).extracting(Instalment::paidAmount)
                .containsExactly(new BigDecimal("3333.33"), new BigDecimal("3333.33"), new BigDecimal("1666.67"));
        assertThat(afterSpill.instalments()).extracting(Instalment::status)
                .containsExactly(InstalmentStatus.PAID, InstalmentStatus.PAID, InstalmentStatus.OPEN);
        assertThat(afterSpill.status()).isEqualTo(PlanStatus.ACTIVE);
        assertThat(probeWaits(probe)).isFalse();
    }

    @Test
    void aSettlingPaymentSendsNoMessageAndTheCloseStepEndsThePlanPaid() {
        String invoice = norwegianInvoice("10000.00");
        // The claim includes 500 of fees, so the principal settles the invoice before every instalment is full.
        PaymentPlan plan = activePlan(invoice, "10500.00");
        pay(invoice, "4000.00");
        String probe = startProbe(invoice);

        pay(invoice, "6000.00");

        assertThat(probeWaits(probe)).as("a settlement ends the whole case; no message to the plan").isTrue();
        assertThat(collectionCase(invoice)).as("the case ended").isNull();
        PaymentPlan ended = plans.find(plan.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(PlanStatus.PAID);
        assertThat(ended.endedAt()).isNotNull();
        assertThat(ended.paid()).isEqualByComparingTo("10000.00");
        assertThat(ended.instalments().get(2).status()).isEqualTo(InstalmentStatus.OPEN);
        assertThat(endedCaseVariable(invoice, Variables.PAID_BY_PLAN)).isEqualTo(true);
    }

    @Test
    void aPaymentWithoutAnActivePlanTouchesNoPlanAndSendsNothing() {
        String withoutPlan = norwegianInvoice("10000.00");
        String probe = startProbe(withoutPlan);
        pay(withoutPlan, "1000.00");
        assertThat(probeWaits(probe)).isTrue();
        assertThat(plans.of(withoutPlan)).isEmpty();

        String proposed = norwegianInvoice("10000.00");
        PaymentPlan plan = proposedPlan(proposed, "10000.00");
        String proposedProbe = startProbe(proposed);
        pay(proposed, "1000.00");
        assertThat(probeWaits(proposedProbe)).isTrue();
        assertThat(plans.find(plan.id()).orElseThrow().paid()).isEqualByComparingTo("0");
    }

    @Test
    void settlingAnInvoiceWhosePlanWasNotActiveCancelsThePlan() {
        String invoice = norwegianInvoice("10000.00");
        PaymentPlan plan = proposedPlan(invoice, "10000.00");

        pay(invoice, "10000.00");

        assertThat(collectionCase(invoice)).isNull();
        PaymentPlan ended = plans.find(plan.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(PlanStatus.CANCELLED);
        assertThat(ended.endedBy()).isEqualTo(PaymentPlans.SYSTEM);
        assertThat(endedCaseVariable(invoice, Variables.PAID_BY_PLAN)).isEqualTo(false);
    }

    // ---------------------------------------------------------------- GET

    @Test
    void anInvoiceWithoutAPlanOrAnUnknownOneIsNotFound() {
        ResponseEntity<String> unknown = get(COLLECTOR, unique("NONE"));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(PROBLEM);
        assertThat(unknown.getBody()).contains("Invoice");

        ResponseEntity<String> none = get(ERP, norwegianInvoice("1000.00"));
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(none.getHeaders().getContentType()).isEqualTo(PROBLEM);
        assertThat(none.getBody()).contains("payment plan");
    }

    @Test
    void theLatestPlanIsShownWithItsInstalmentsAndAcceptance() {
        String invoice = norwegianInvoice("10000.00");
        PaymentPlan plan = activePlan(invoice, "10000.00");
        pay(invoice, "1000.00");

        ResponseEntity<String> response = get(COLLECTOR, invoice);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        String body = response.getBody();
        assertThat(((Number) JsonPath.read(body, "$.id")).longValue()).isEqualTo(plan.id());
        assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("ACTIVE");
        assertThat((String) JsonPath.read(body, "$.currency")).isEqualTo("NOK");
        assertThat(amount(body, "$.total")).isEqualByComparingTo("10000.00");
        assertThat(amount(body, "$.amountDue")).isEqualByComparingTo("10000.00");
        assertThat(amount(body, "$.paid")).isEqualByComparingTo("1000.00");
        assertThat((String) JsonPath.read(body, "$.proposedBy")).isEqualTo("collector1");
        assertThat((String) JsonPath.read(body, "$.approvedBy")).isEqualTo("manager1");
        assertThat((String) JsonPath.read(body, "$.acceptedIp")).isEqualTo("203.0.113.7");
        assertThat((String) JsonPath.read(body, "$.acceptedHow")).isEqualTo("LINK");
        assertThat(Instant.parse(JsonPath.read(body, "$.acceptedAt"))).isNotNull();
        assertThat((List<Integer>) JsonPath.read(body, "$.instalments[*].seq")).containsExactly(1, 2, 3);
        assertThat(amount(body, "$.instalments[0].paidAmount")).isEqualByComparingTo("1000.00");
        assertThat(amount(body, "$.instalments[0].outstanding")).isEqualByComparingTo("2333.33");
        assertThat((String) JsonPath.read(body, "$.instalments[0].status")).isEqualTo("OPEN");
        assertThat((String) JsonPath.read(body, "$.instalments[2].dueDate")).isEqualTo(today.plusDays(7).plusMonths(2).toString());

        plans.breakPlan(plan.id());
        assertThat((String) JsonPath.read(get(ERP, invoice).getBody(), "$.status")).as("the latest, ended").isEqualTo("BROKEN");
    }

    // ---------------------------------------------------------------- POST: request and proposal

    @Test
    void aRequestGoesToTheCaseWithoutAPlanId() {
        String invoice = norwegianInvoice("10000.00");

        ResponseEntity<String> response = post(COLLECTOR, invoice, "{\"note\": \"Asked on the phone for three months\"}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(response.getHeaders().getLocation()).hasToString("/api/invoices/" + invoice + "/plan");
        assertThat((String) JsonPath.read(response.getBody(), "$.requestedBy")).isEqualTo(COLLECTOR);
        assertTookPlanRequest(invoice);
        assertThat(runtime.getVariables(collectionCase(invoice).getId()))
                .containsEntry(PaymentPlanProcess.Variables.PROPOSED_PLAN_ID, null)
                .containsEntry(PaymentPlanProcess.Variables.PLAN_NOTES, "Asked on the phone for three months");
        assertThat(plans.of(invoice)).isEmpty();

        ResponseEntity<String> again = post(MANAGER, invoice, "{}");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).contains("urn:overdue:problem:case-refused", "a payment plan is being arranged or runs");
    }

    @Test
    void aProposalIsStoredAndHandedToTheCaseWithItsId() {
        String invoice = norwegianInvoice("10000.00");

        ResponseEntity<String> response = post(ERP, invoice, evenSplit(3));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getHeaders().getLocation()).hasToString("/api/invoices/" + invoice + "/plan");
        long id = ((Number) JsonPath.read(response.getBody(), "$.id")).longValue();
        assertThat(amount(response.getBody(), "$.total")).isEqualByComparingTo("10000.00");
        assertThat((List<Double>) JsonPath.read(response.getBody(), "$.instalments[*].amount"))
                .containsExactly(3333.33, 3333.33, 3333.34);
        PaymentPlan stored = plans.find(id).orElseThrow();
        // PROPOSED until the plan process decides its approval, which it may do at once.
        assertThat(stored.status()).isIn(PlanStatus.PROPOSED, PlanStatus.AWAITING_APPROVAL, PlanStatus.AWAITING_ACCEPTANCE);
        assertThat(stored.proposedBy()).isEqualTo(ERP);
        assertThat(stored.planFee()).isNull();
        assertThat(stored.instalments()).extracting(Instalment::dueDate).containsExactly(today.plusDays(7),
                today.plusDays(7).plusMonths(1), today.plusDays(7).plusMonths(2));
        assertTookPlanRequest(invoice);
        assertThat(runtime.getVariables(collectionCase(invoice).getId()))
                .containsEntry(PaymentPlanProcess.Variables.PROPOSED_PLAN_ID, id);
        assertThat(((Number) JsonPath.read(get(COLLECTOR, invoice).getBody(), "$.id")).longValue()).isEqualTo(id);

        ResponseEntity<String> second = post(ERP, invoice, evenSplit(2));
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getBody()).contains("urn:overdue:problem:conflict", "live payment plan");
        assertThat(plans.of(invoice)).hasSize(1);
    }

    @Test
    void aLivePlanIsAConflictEvenWhileTheCaseCouldTakeARequest() {
        String invoice = norwegianInvoice("10000.00");
        PaymentPlan live = proposedPlan(invoice, "10000.00");
        ResponseEntity<String> response = post(COLLECTOR, invoice, "{}");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody()).contains("urn:overdue:problem:conflict", String.valueOf(live.id()));
        assertThat(takesPlanRequests(invoice)).isTrue();
    }

    // ---------------------------------------------------------------- POST: refusals

    @Test
    void aProposalBreakingTheRulesNamesEveryFieldAndStoresNothing() {
        String invoice = norwegianInvoice("10000.00");
        ResponseEntity<String> rules = post(ERP, invoice, """
                {"instalments": [{"dueDate": "%s", "amount": "5000.00"}, {"dueDate": "%s", "amount": 1000.00}]}"""
                .formatted(today.plusDays(40), today.plusDays(20)));
        // not adding up to 10,000; the second before the first; below the policy's NOK 2,000
        assertThat(errorFields(rules)).containsExactlyInAnyOrder("instalments", "instalments[1].dueDate",
                "instalments[1].amount");
        assertThat(rules.getBody()).contains("off by -4000", "2000");

        ResponseEntity<String> unreadable = post(ERP, invoice, """
                {"evenSplit": {"count": 3, "firstDate": "2026-02-30", "interval": "monthly", "start": 1},
                 "instalmnts": [], "note": 7}""");
        assertThat(errorFields(unreadable)).containsExactlyInAnyOrder("evenSplit.firstDate", "evenSplit.interval",
                "evenSplit.start", "instalmnts", "note");

        ResponseEntity<String> unreadableAmounts = post(ERP, invoice, """
                {"instalments": [{"dueDate": "%s", "amount": "abc"}, {"amount": "5000"}]}""".formatted(today.plusDays(7)));
        assertThat(errorFields(unreadableAmounts)).containsExactlyInAnyOrder("instalments[0].amount", "instalments[1].dueDate");
        ResponseEntity<String> tooMany = post(ERP, invoice, evenSplit(8));
        assertThat(errorFields(tooMany)).containsOnly("evenSplit.count");
        assertThat(tooMany.getBody()).contains("at most 6 instalments");
        assertThat(errorFields(post(ERP, invoice, "{\"instalments\": "))).containsExactly("");
        assertThat(errorFields(post(ERP, invoice, "[]"))).containsExactly("");

        assertThat(plans.of(invoice)).isEmpty();
        assertThat(takesPlanRequests(invoice)).as("the case was not moved").isTrue();
    }

    @Test
    void aCaseThatCannotTakeAPlanRefusesItAndNothingIsStored() {
        String paid = norwegianInvoice("10000.00");
        pay(paid, "10000.00");
        ResponseEntity<String> closed = post(ERP, paid, evenSplit(3));
        assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(closed.getHeaders().getContentType()).isEqualTo(PROBLEM);
        assertThat(closed.getBody()).contains("urn:overdue:problem:case-refused", "is PAID");

        String withoutCase = invoice("""
                {"name": "Fjellheim Elektro AS", "kind": "BUSINESS", "country": "NO", "language": "nb"}""",
                "NOK", "KID", "10000.00", false);
        ResponseEntity<String> noCase = post(ERP, withoutCase, evenSplit(3));
        assertThat(noCase.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(noCase.getBody()).contains("no running collection case");
        assertThat(plans.of(withoutCase)).isEmpty();

        String escalating = norwegianInvoice("10000.00");
        runtime.createProcessInstanceModification(collectionCase(escalating).getId())
                .startBeforeActivity(Elements.DECIDE_ESCALATION).cancelAllForActivity(Elements.COLLECTION).execute();
        ResponseEntity<String> refused = post(COLLECTOR, escalating, evenSplit(3));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).contains("escalation decision");
        assertThat(plans.of(escalating)).isEmpty();
    }

    @Test
    void thePlanFeeIsRefusedWhereThePolicyNamesNone() {
        String invoice = norwegianInvoice("10000.00");
        ResponseEntity<String> response = post(ERP, invoice, evenSplit(3).replace("}}", "}, \"addPlanFee\": true}"));
        assertThat(errorFields(response)).containsExactly("addPlanFee");
        assertThat(response.getBody()).contains("no plan fee applies to BUSINESS customers in NO");
        assertThat(plans.of(invoice)).isEmpty();
        assertThat(errorFields(post(ERP, invoice, "{\"addPlanFee\": true}"))).containsExactly("addPlanFee");
    }

    @Test
    void aSwedishConsumersPlanAddsTheStatutoryFeeToWhatTheInstalmentsPay() {
        String invoice = swedishConsumerInvoice("3000.00");
        String instalments = """
                "instalments": [{"dueDate": "%s", "amount": "1585.00"}, {"dueDate": "%s", "amount": "1585.00"}]"""
                .formatted(today.plusDays(10), today.plusDays(40));
        ResponseEntity<String> withoutFee = post(COLLECTOR, invoice, "{" + instalments + "}");
        assertThat(errorFields(withoutFee)).containsExactly("instalments");
        assertThat(withoutFee.getBody()).contains("off by 170");

        ResponseEntity<String> withFee = post(COLLECTOR, invoice, "{" + instalments + ", \"addPlanFee\": true}");

        assertThat(withFee.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(amount(withFee.getBody(), "$.planFee")).isEqualByComparingTo("170.00");
        assertThat(amount(withFee.getBody(), "$.total")).isEqualByComparingTo("3000.00");
        assertThat(amount(withFee.getBody(), "$.amountDue")).isEqualByComparingTo("3170.00");
        assertThat((String) JsonPath.read(withFee.getBody(), "$.currency")).isEqualTo("SEK");
        PaymentPlan stored = plans.current(invoice).orElseThrow();
        assertThat(stored.planFee()).isEqualByComparingTo("170");
        assertThat(stored.proposedBy()).isEqualTo(COLLECTOR);
        assertTookPlanRequest(invoice);
    }

    // ---------------------------------------------------------------- who may

    @Test
    void collectorsManagersAndTheErpMayPostEveryApiUserMayRead() {
        String invoice = norwegianInvoice("10000.00");
        assertThat(http.postForEntity("/api/invoices/" + invoice + "/plan", json("{}"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post(NOBODY, invoice, "{}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get(NOBODY, invoice).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(takesPlanRequests(invoice)).isTrue();
        // past security, each is told what is wrong with its request
        for (String user : List.of(COLLECTOR, MANAGER, ERP)) {
            assertThat(post(user, invoice, "{\"unknown\": 1}").getStatusCode()).as(user).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(get(user, invoice).getStatusCode()).as(user).isEqualTo(HttpStatus.NOT_FOUND);
        }
        assertThat(post(MANAGER, invoice, "{}").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    // ---------------------------------------------------------------- the case view

    @Test
    void theCaseViewShowsThePlanAndTheCustomersAcceptance() {
        String invoice = norwegianInvoice("10000.00");
        String before = as(COLLECTOR).getForEntity("/api/invoices/" + invoice + "/case", String.class).getBody();
        assertThat((Object) JsonPath.read(before, "$.paymentPlan")).isNull();

        long id = ((Number) JsonPath.read(post(COLLECTOR, invoice, evenSplit(3)).getBody(), "$.id")).longValue();
        PaymentPlan plan = plans.find(id).orElseThrow();
        if (plan.status() != PlanStatus.AWAITING_ACCEPTANCE) {
            plans.approve(id, "manager1");
        }
        plans.accept(id, "198.51.100.4", AcceptedHow.LINK);

        String view = as(ERP).getForEntity("/api/invoices/" + invoice + "/case", String.class).getBody();
        assertThat(((Number) JsonPath.read(view, "$.paymentPlan.id")).longValue()).isEqualTo(id);
        assertThat((String) JsonPath.read(view, "$.paymentPlan.status")).isEqualTo("AWAITING_ACCEPTANCE");
        assertThat((String) JsonPath.read(view, "$.paymentPlan.acceptedIp")).isEqualTo("198.51.100.4");
        assertThat((String) JsonPath.read(view, "$.paymentPlan.acceptedHow")).isEqualTo("LINK");
        assertThat(Instant.parse(JsonPath.read(view, "$.paymentPlan.acceptedAt"))).isBefore(Instant.now().plusSeconds(1));
        assertThat((List<String>) JsonPath.read(view, "$.paymentPlan.instalments[*].status")).containsExactly("OPEN", "OPEN", "OPEN");
    }
}
