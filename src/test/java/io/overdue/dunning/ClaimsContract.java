package io.overdue.dunning;

import com.jayway.jsonpath.JsonPath;
import io.overdue.disputes.Dispute;
import io.overdue.disputes.DisputeStatus;
import io.overdue.disputes.Disputes;
import io.overdue.dunning.CollectionCaseProcess.Delegates;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.invoices.InvoiceStatus;
import io.overdue.promises.Promise;
import io.overdue.promises.PromiseStatus;
import io.overdue.promises.Promises;
import io.overdue.support.ApplicationTest;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disputes, promises and the case's endings: the services and delegates against the real database, and the API
 * with real logins. Runs on H2 and on PostgreSQL through its subclasses.
 */
abstract class ClaimsContract extends ApplicationTest {


    static final String MANAGER = "claimsmanager";
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired ApplicationContext context;
    @Autowired Promises promises;
    @Autowired Disputes disputes;
    @Autowired InvoiceService invoices;
    @Autowired RuntimeService runtime;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transaction;

    @BeforeEach
    void manager() {
        if (identity.createUserQuery().userId(MANAGER).count() == 0) {
            User user = identity.newUser(MANAGER);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(MANAGER, "managers");
        }
    }

    // ---------------------------------------------------------------- helpers

    static HttpEntity<String> json(String body) {
        return ApplicationTest.jsonEntity(body);
    }

    ResponseEntity<String> post(String user, String path, String body) {
        return as(user).postForEntity(path, json(body), String.class);
    }

    /**
     * An open Norwegian invoice of {@code amount} NOK, due {@code daysOverdue} days ago, with its collection case
     * waiting at its due-date timer (the job executor is off, so no level goes while a test runs). The invoice is
     * written directly and the case started here, as intake would, so that each test decides when things happen.
     */
    String invoice(String amount, int daysOverdue) {
        String customer = unique("C");
        assertThat(as(ERP).exchange("/api/customers/" + customer, HttpMethod.PUT, json("""
                {"name": "Fjellheim Elektro AS", "kind": "BUSINESS", "country": "NO", "language": "nb",
                 "email": "faktura@fjellheim.example"}"""), String.class).getStatusCode().is2xxSuccessful()).isTrue();
        String number = uniqueDigits();
        LocalDate due = LocalDate.now(ZoneId.of("Europe/Oslo")).minusDays(daysOverdue);
        java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
        jdbc.update("""
                INSERT INTO invoice (invoice_number, customer_id, issue_date, due_date, currency, amount, open_balance,
                                     payment_reference, reference_type, status, version, created_at, updated_at)
                SELECT ?, id, ?, ?, 'NOK', ?, ?, ?, 'KID', 'OPEN', 0, ?, ? FROM customer WHERE customer_number = ?""",
                number, due.minusDays(14), due, new BigDecimal(amount), new BigDecimal(amount), number + "0", now, now,
                customer);
        runtime.startProcessInstanceByKey(CollectionCaseProcess.PROCESS_KEY, number, java.util.Map.of(Variables.INVOICE_NUMBER, number,
                Variables.FIRST_REMINDER_AT, java.util.Date.from(due.plusDays(3).atStartOfDay(ZoneId.of("Europe/Oslo")).toInstant())));
        return number;
    }

    void pay(String invoice, String amount) {
        assertThat(post(ERP, "/api/invoices/" + invoice + "/payments", """
                {"paymentId": "%s", "amount": %s, "currency": "NOK", "paidOn": "%s"}"""
                .formatted(UUID.randomUUID(), amount, LocalDate.now(CREDITOR_ZONE))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    Invoice stored(String invoice) {
        return invoices.find(invoice).orElseThrow();
    }

    boolean caseRuns(String invoice) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice).count() > 0;
    }

    /** Runs the delegate the model calls by this bean name, in a transaction as the engine would. */
    FakeExecution run(String delegate, FakeExecution execution) {
        transaction.executeWithoutResult(status -> {
            try {
                context.getBean(delegate, JavaDelegate.class).execute(execution.execution);
            } catch (Exception e) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
        });
        return execution;
    }

    long creditNotes(String invoice) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM credit_note c JOIN invoice i ON i.id = c.invoice_id WHERE i.invoice_number = ?""",
                Long.class, invoice);
    }

    static List<String> errorFields(ResponseEntity<String> response) {
        return JsonPath.read(response.getBody(), "$.errors[*].field");
    }

    // ---------------------------------------------------------------- promises

    @Test
    void aPromisePaidInFullIsKept() {
        String invoice = invoice("1000", 20);
        FakeExecution execution = run(Delegates.RECORD_PROMISE, new FakeExecution(invoice, Elements.RECORD_PROMISE)
                .with(Variables.PROMISED_PAYMENT_DATE, LocalDate.now(CREDITOR_ZONE).plusDays(5).toString())
                .with(Variables.PROMISED_AMOUNT, "400")
                .with(Variables.PROMISE_NOTE, "Pays on Friday"));
        long id = (Long) execution.variables.get(Variables.PROMISE_ID);
        Promise promise = promises.find(id).orElseThrow();
        assertThat(promise.status()).isEqualTo(PromiseStatus.PENDING);
        assertThat(promise.source()).isEqualTo(Promise.Source.CALL);
        assertThat(promise.amount()).isEqualByComparingTo("400");
        assertThat(promise.balanceAtPromise()).isEqualByComparingTo("1000");
        assertThat(promise.note()).isEqualTo("Pays on Friday");

        pay(invoice, "400");
        run(Delegates.CHECK_PROMISE, execution);
        assertThat(execution.variables).containsEntry(Variables.PROMISE_KEPT, true).doesNotContainKey(Variables.NEXT_LEVEL_AT_ONCE);
        Promise checked = promises.find(id).orElseThrow();
        assertThat(checked.status()).isEqualTo(PromiseStatus.KEPT);
        assertThat(checked.amountReceived()).isEqualByComparingTo("400");
        assertThat(checked.checkedAt()).isNotNull();
    }

    @Test
    void aPromiseWithoutPaymentIsBrokenAndSendsTheNextLevelAtOnce() {
        String invoice = invoice("1000", 20);
        FakeExecution execution = run(Delegates.RECORD_PROMISE, new FakeExecution(invoice, Elements.RECORD_PROMISE)
                .with(Variables.PROMISED_PAYMENT_DATE, LocalDate.now(CREDITOR_ZONE).toString()));
        run(Delegates.CHECK_PROMISE, execution);
        assertThat(execution.variables).containsEntry(Variables.PROMISE_KEPT, false)
                .containsEntry(Variables.NEXT_LEVEL_AT_ONCE, true);
        Promise promise = promises.find((Long) execution.variables.get(Variables.PROMISE_ID)).orElseThrow();
        assertThat(promise.status()).isEqualTo(PromiseStatus.BROKEN);
        assertThat(promise.amount()).isNull();
        assertThat(promise.amountReceived()).isEqualByComparingTo("0");

        // checked again (a retried step): the verdict stands
        pay(invoice, "1000");
        assertThat(promises.check(promise.id()).status()).isEqualTo(PromiseStatus.BROKEN);
    }

    @Test
    void aPromiseOfTheWholeBalancePaidInPartIsBroken() {
        String invoice = invoice("1000", 20);
        FakeExecution execution = run(Delegates.RECORD_PROMISE, new FakeExecution(invoice, Elements.RECORD_PROMISE)
                .with(Variables.PROMISED_PAYMENT_DATE, LocalDate.now(CREDITOR_ZONE).plusDays(3).toString())
                .with(Variables.PROMISED_AMOUNT, ""));
        pay(invoice, "300");
        run(Delegates.CHECK_PROMISE, execution);
        assertThat(execution.variables).containsEntry(Variables.PROMISE_KEPT, false);
        Promise promise = promises.find((Long) execution.variables.get(Variables.PROMISE_ID)).orElseThrow();
        assertThat(promise.status()).isEqualTo(PromiseStatus.BROKEN);
        assertThat(promise.amountReceived()).isEqualByComparingTo("300");
    }

    @Test
    void aPromiseIsKeptWhenTheErpReportsALowerBalanceOrTheInvoiceIsPaid() {
        String invoice = invoice("1000", 20);
        Promise promise = promises.record(new Promises.NewPromise(invoice, "test:" + UUID.randomUUID(), null,
                LocalDate.now(CREDITOR_ZONE).plusDays(2), new BigDecimal("250.50"), null, Promise.Source.API));
        Invoice before = stored(invoice);
        // The ERP sends the invoice again with the balance it booked: 749.50 left.
        post(ERP, "/api/invoices", """
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                 "currency": "NOK", "amount": 1000, "openBalance": 749.50}""".formatted(invoice,
                jdbc.queryForObject("SELECT c.customer_number FROM customer c WHERE c.id = ?", String.class, before.customerId()),
                before.issueDate(), before.dueDate()));
        Promise checked = promises.check(promise.id());
        assertThat(checked.status()).isEqualTo(PromiseStatus.KEPT);
        assertThat(checked.amountReceived()).isEqualByComparingTo("250.50");
    }

    // ---------------------------------------------------------------- disputes

    @Test
    void aPartialDisputeIsStoredWithItsOwnIdAndUpheldWithACreditNoteBookedOnce() {
        String invoice = invoice("1000", 20);
        FakeExecution execution = run(Delegates.RECORD_DISPUTE,
                new FakeExecution(invoice, Elements.RECORD_PARTIAL_DISPUTE)
                        .with(Variables.DISPUTE_REASON, "Two units broken")
                        .with(Variables.DISPUTED_AMOUNT, 200));
        assertThat(execution.variables).doesNotContainKey(Variables.DISPUTE_ID);
        long id = (Long) execution.locals.get(Variables.DISPUTE_ID);
        Dispute dispute = disputes.find(id).orElseThrow();
        assertThat(dispute.partial()).isTrue();
        assertThat(dispute.status()).isEqualTo(DisputeStatus.OPEN);
        assertThat(dispute.source()).isEqualTo(Dispute.Source.CALL);
        assertThat(dispute.amount()).isEqualByComparingTo("200");
        assertThat(dispute.reason()).isEqualTo("Two units broken");

        execution.with(Variables.DISPUTE_RESOLUTION, "UPHOLD").with(Variables.RESOLUTION_NOTES, "Photos confirm it")
                .with(Variables.DECIDED_BY, COLLECTOR).with(Variables.CREDIT_AMOUNT, "150");
        run(Delegates.RECORD_DISPUTE_RESOLUTION, execution);
        Dispute upheld = disputes.find(id).orElseThrow();
        assertThat(upheld.status()).isEqualTo(DisputeStatus.UPHELD);
        assertThat(upheld.resolvedBy()).isEqualTo(COLLECTOR);
        assertThat(upheld.resolutionNotes()).isEqualTo("Photos confirm it");
        assertThat(upheld.resolvedAt()).isNotNull();

        run(Delegates.CREDIT_DISPUTED_AMOUNT, execution);
        assertThat(execution.variables).containsEntry(Variables.INVOICE_CREDITED_IN_FULL, false)
                .doesNotContainKey(Variables.CREDIT_AMOUNT);
        assertThat(stored(invoice).openBalance()).isEqualByComparingTo("850");
        assertThat(stored(invoice).status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(disputes.find(id).orElseThrow().creditedAmount()).isEqualByComparingTo("150");
        assertThat(jdbc.queryForObject("SELECT credit_note_number FROM credit_note c JOIN invoice i ON i.id = c.invoice_id "
                + "WHERE i.invoice_number = ?", String.class, invoice)).isEqualTo(Disputes.CREDIT_NOTE_PREFIX + id);

        // the step again (a retry): nothing more is credited
        run(Delegates.CREDIT_DISPUTED_AMOUNT, execution.with(Variables.CREDIT_AMOUNT, "150"));
        assertThat(creditNotes(invoice)).isEqualTo(1);
        assertThat(stored(invoice).openBalance()).isEqualByComparingTo("850");
        assertThat(caseRuns(invoice)).isTrue();
    }

    @Test
    void aWholeDisputeUpheldWithoutAmountCreditsTheBalanceAndSaysSoWithoutMovingTheCase() {
        String invoice = invoice("1000", 20);
        pay(invoice, "100");
        FakeExecution execution = run(Delegates.RECORD_DISPUTE, new FakeExecution(invoice, Elements.RECORD_DISPUTE)
                .with(Variables.DISPUTE_REASON, "Never ordered"));
        long id = (Long) execution.variables.get(Variables.DISPUTE_ID);
        assertThat(disputes.find(id).orElseThrow().partial()).isFalse();
        run(Delegates.RECORD_DISPUTE_RESOLUTION, execution.with(Variables.DISPUTE_RESOLUTION, "UPHOLD"));
        run(Delegates.CREDIT_DISPUTED_AMOUNT, execution);

        assertThat(execution.variables).containsEntry(Variables.INVOICE_CREDITED_IN_FULL, true);
        Invoice after = stored(invoice);
        assertThat(after.openBalance()).isEqualByComparingTo("0");
        assertThat(after.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(disputes.find(id).orElseThrow().creditedAmount()).isEqualByComparingTo("900");
        // No settlement event: the case ends by its own conditional event, not by a message from inside itself.
        assertThat(caseRuns(invoice)).isTrue();
    }

    @Test
    void aRejectedOrPostponedDisputeRecordsTheDecision() {
        String invoice = invoice("500", 20);
        FakeExecution execution = run(Delegates.RECORD_DISPUTE, new FakeExecution(invoice, Elements.RECORD_DISPUTE)
                .with(Variables.DISPUTE_REASON, "Wrong price"));
        long id = (Long) execution.variables.get(Variables.DISPUTE_ID);
        run(Delegates.RECORD_DISPUTE_RESOLUTION, execution.with(Variables.DISPUTE_RESOLUTION, "MORE_INFORMATION")
                .with(Variables.RESOLUTION_NOTES, "Asked for the order confirmation").with(Variables.DECIDED_BY, COLLECTOR));
        assertThat(disputes.find(id).orElseThrow().status()).isEqualTo(DisputeStatus.MORE_INFORMATION);
        assertThat(disputes.find(id).orElseThrow().isOpen()).isTrue();
        run(Delegates.RECORD_DISPUTE_RESOLUTION, execution.with(Variables.DISPUTE_RESOLUTION, "REJECT")
                .with(Variables.RESOLUTION_NOTES, "Price as agreed"));
        Dispute rejected = disputes.find(id).orElseThrow();
        assertThat(rejected.status()).isEqualTo(DisputeStatus.REJECTED);
        assertThat(rejected.resolutionNotes()).isEqualTo("Price as agreed");
        assertThat(stored(invoice).openBalance()).isEqualByComparingTo("500");
        assertThat(disputes.of(invoice)).extracting(Dispute::id).containsExactly(id);
    }

    // ---------------------------------------------------------------- endings

    @Test
    void closingAPaidCaseKeepsItsPromisesAndClosesItsDisputes() {
        String invoice = invoice("1000", 20);
        Promise promise = promises.record(new Promises.NewPromise(invoice, "test:" + UUID.randomUUID(), null,
                LocalDate.now(CREDITOR_ZONE).plusDays(2), null, null, Promise.Source.API));
        Dispute dispute = disputes.record(new Disputes.NewDispute(invoice, "test:" + UUID.randomUUID(), null,
                new BigDecimal("100"), "Late delivery", Dispute.Source.API, true));
        run(Delegates.CLOSE_CASE, new FakeExecution(invoice, Elements.CLOSE_SETTLED_CASE)
                .with(Variables.SETTLEMENT, InvoiceStatus.PAID.name()));
        assertThat(promises.find(promise.id()).orElseThrow().status()).isEqualTo(PromiseStatus.KEPT);
        assertThat(disputes.find(dispute.id()).orElseThrow().status()).isEqualTo(DisputeStatus.CLOSED);
    }

    @Test
    void closingACancelledOrCreditedCaseVoidsItsPromises() {
        String invoice = invoice("1000", 20);
        Promise promise = promises.record(new Promises.NewPromise(invoice, "test:" + UUID.randomUUID(), null,
                LocalDate.now(CREDITOR_ZONE).plusDays(2), null, null, Promise.Source.API));
        run(Delegates.CLOSE_CASE, new FakeExecution(invoice, Elements.CLOSE_CREDITED_CASE));
        assertThat(promises.find(promise.id()).orElseThrow().status()).isEqualTo(PromiseStatus.VOID);
    }

    @Test
    void theCasesWriteOffClosesTheInvoiceOnceWithoutMovingTheCase() {
        String invoice = invoice("1000", 60);
        FakeExecution execution = new FakeExecution(invoice, Elements.WRITE_OFF_INVOICE)
                .with(Variables.ESCALATION_REASON, "Debtor bankrupt").with(Variables.DECIDED_BY, MANAGER);
        run(Delegates.WRITE_OFF_INVOICE, execution);
        run(Delegates.WRITE_OFF_INVOICE, execution);
        assertThat(stored(invoice).status()).isEqualTo(InvoiceStatus.WRITTEN_OFF);
        assertThat(stored(invoice).openBalance()).isEqualByComparingTo("1000");
        assertThat(jdbc.queryForList("SELECT written_off_by FROM write_off WHERE invoice_number = ?", String.class, invoice))
                .containsExactly(MANAGER);
        assertThat(caseRuns(invoice)).isTrue();
    }

    @Test
    void aWriteOffThroughTheApiClosesTheInvoiceAndEndsItsCase() {
        String invoice = invoice("1000", 60);
        ResponseEntity<String> promised = post(ERP, "/api/invoices/" + invoice + "/promises",
                "{\"promisedDate\": \"" + LocalDate.now(CREDITOR_ZONE).plusDays(3) + "\"}");
        assertThat(promised.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<String> response = post(MANAGER, "/api/invoices/" + invoice + "/write-off",
                "{\"reason\": \"Debtor bankrupt\"}");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(stored(invoice).status()).isEqualTo(InvoiceStatus.WRITTEN_OFF);
        assertThat(caseRuns(invoice)).isFalse();
        assertThat(promises.of(invoice)).extracting(Promise::status).containsExactly(PromiseStatus.VOID);
        String read = as(ERP).getForEntity("/api/invoices/" + invoice, String.class).getBody();
        assertThat((String) JsonPath.read(read, "$.status")).isEqualTo("WRITTEN_OFF");
        // and nothing more is taken for it
        ResponseEntity<String> promise = post(ERP, "/api/invoices/" + invoice + "/promises",
                "{\"promisedDate\": \"" + LocalDate.now(CREDITOR_ZONE).plusDays(3) + "\"}");
        assertThat(promise.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(promise.getBody()).contains("urn:overdue:problem:case-refused", "WRITTEN_OFF");
    }

    // ---------------------------------------------------------------- API: input

    @Test
    void aBadDisputeIsRefusedNamingEveryFieldAndNothingIsWritten() {
        String invoice = invoice("1000", 20);
        ResponseEntity<String> response = post(COLLECTOR, "/api/invoices/" + invoice + "/disputes",
                "{\"reason\": \" \", \"amount\": 10.005, \"disputeId\": \"" + "x".repeat(101) + "\"}");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(PROBLEM);
        assertThat(errorFields(response)).containsExactlyInAnyOrder("reason", "amount", "disputeId");

        ResponseEntity<String> tooMuch = post(ERP, "/api/invoices/" + invoice + "/disputes",
                "{\"reason\": \"Too much\", \"amount\": 1000.01}");
        assertThat(errorFields(tooMuch)).containsExactly("amount");
        assertThat(tooMuch.getBody()).contains("exceeds the open balance 1000 NOK");
        ResponseEntity<String> negative = post(ERP, "/api/invoices/" + invoice + "/disputes",
                "{\"reason\": \"x\", \"amount\": -1}");
        assertThat(errorFields(negative)).containsExactly("amount");
        assertThat(post(ERP, "/api/invoices/" + invoice + "/disputes", "").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(disputes.of(invoice)).isEmpty();
    }

    @Test
    void aBadPromiseIsRefusedNamingEveryField() {
        String invoice = invoice("1000", 20);
        ResponseEntity<String> response = post(COLLECTOR, "/api/invoices/" + invoice + "/promises", """
                {"promisedDate": "%s", "amount": 0, "note": "%s", "promiseId": "%s"}"""
                .formatted(LocalDate.now(ZoneId.of("Europe/Oslo")).minusDays(1), "n".repeat(2001), "p".repeat(101)));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errorFields(response)).containsExactlyInAnyOrder("promisedDate", "amount", "note", "promiseId");

        ResponseEntity<String> farAway = post(ERP, "/api/invoices/" + invoice + "/promises",
                "{\"promisedDate\": \"" + LocalDate.now(CREDITOR_ZONE).plusDays(90) + "\", \"amount\": 2000}");
        assertThat(errorFields(farAway)).containsExactlyInAnyOrder("promisedDate", "amount");
        assertThat(farAway.getBody()).contains("payment plan");
        assertThat(errorFields(post(ERP, "/api/invoices/" + invoice + "/promises", "{\"promisedDate\": \"2026-02-30\"}")))
                .containsExactly("promisedDate");
        assertThat(errorFields(post(ERP, "/api/invoices/" + invoice + "/promises", "{}"))).containsExactly("promisedDate");
        assertThat(promises.of(invoice)).isEmpty();
    }

    @Test
    void anUnknownInvoiceIsNotFoundAndAPaidOneCannotTakeAnything() {
        String unknown = unique("NONE");
        assertThat(post(ERP, "/api/invoices/" + unknown + "/disputes", "{\"reason\": \"x\"}").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(as(COLLECTOR).getForEntity("/api/invoices/" + unknown + "/promises", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        String invoice = invoice("1000", 20);
        pay(invoice, "1000");
        ResponseEntity<String> refused = post(COLLECTOR, "/api/invoices/" + invoice + "/disputes", "{\"reason\": \"Late\"}");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(PROBLEM);
        assertThat(refused.getBody()).contains("is PAID");
        assertThat(as(COLLECTOR).getForEntity("/api/invoices/" + invoice + "/disputes", String.class).getBody()).isEqualTo("[]");
    }

    @Test
    void onlyApiUsersPostAndRead() {
        String invoice = invoice("1000", 20);
        assertThat(http.postForEntity("/api/invoices/" + invoice + "/promises", json("{}"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // collectors get past security (and are told what is wrong with the request)
        assertThat(post(COLLECTOR, "/api/invoices/" + invoice + "/promises", "{}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(as(ERP).getForEntity("/api/invoices/" + invoice + "/promises", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    // ---------------------------------------------------------------- API through the case

    org.camunda.bpm.engine.TaskService tasks() {
        return context.getBean(org.camunda.bpm.engine.TaskService.class);
    }

    org.camunda.bpm.engine.task.Task task(String invoice, String activityId) {
        return tasks().createTaskQuery().processInstanceBusinessKey(invoice).taskDefinitionKey(activityId).singleResult();
    }

    List<String> waitingAt(String invoice) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice).singleResult().getId();
        return runtime.createExecutionQuery().processInstanceId(instance).list().stream()
                .map(e -> ((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) e).getActivityId())
                .filter(java.util.Objects::nonNull).toList();
    }

    void fireTimer(String invoice, String activityId) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice).singleResult().getId();
        org.camunda.bpm.engine.ManagementService management = context.getBean(org.camunda.bpm.engine.ManagementService.class);
        management.executeJob(management.createJobQuery().processInstanceId(instance).activityId(activityId).singleResult().getId());
    }

    @Test
    void aPromiseThroughTheApiPausesTheCaseIsIdempotentAndIsCheckedWhenDue() {
        String invoice = invoice("1000", 20);
        String date = LocalDate.now(ZoneId.of("Europe/Oslo")).plusDays(7).toString();
        String body = "{\"promisedDate\": \"" + date + "\", \"amount\": 500, \"note\": \"Pays half on Friday\", \"promiseId\": \"CRM-1\"}";
        ResponseEntity<String> created = post(COLLECTOR, "/api/invoices/" + invoice + "/promises", body);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((String) JsonPath.read(created.getBody(), "$.promiseId")).isEqualTo("CRM-1");
        assertThat((String) JsonPath.read(created.getBody(), "$.status")).isEqualTo("PENDING");
        assertThat((String) JsonPath.read(created.getBody(), "$.source")).isEqualTo("API");
        assertThat((String) JsonPath.read(created.getBody(), "$.promisedDate")).isEqualTo(date);
        int id = JsonPath.read(created.getBody(), "$.id");
        assertThat(waitingAt(invoice)).contains(Elements.PROMISED_PAYMENT_DUE);
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice).singleResult().getId();
        assertThat(runtime.getVariables(instance)).containsEntry(Variables.PROMISE_ID, (long) id)
                .containsEntry(Variables.PROMISED_PAYMENT_DATE, date).containsEntry(Variables.PROMISED_AMOUNT, "500")
                .doesNotContainKeys(ClaimVariables.PROMISE_REQUEST_ID, ClaimVariables.PROMISE_CLIENT_ID);

        ResponseEntity<String> again = post(ERP, "/api/invoices/" + invoice + "/promises", body);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((Integer) JsonPath.read(again.getBody(), "$.id")).isEqualTo(id);
        ResponseEntity<String> reused = post(ERP, "/api/invoices/" + invoice + "/promises", body.replace("500", "400"));
        assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(reused.getBody()).contains("urn:overdue:problem:conflict", "CRM-1");
        ResponseEntity<String> another = post(ERP, "/api/invoices/" + invoice + "/promises",
                "{\"promisedDate\": \"" + date + "\"}");
        assertThat(another.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(another.getHeaders().getContentType()).isEqualTo(PROBLEM);
        assertThat(another.getBody()).contains("urn:overdue:problem:case-refused", "earlier promise");
        assertThat(promises.of(invoice)).hasSize(1);

        pay(invoice, "600");
        // a repeat still answers what was stored, although 500 is more than the balance now
        assertThat(post(ERP, "/api/invoices/" + invoice + "/promises", body).getStatusCode()).isEqualTo(HttpStatus.OK);
        fireTimer(invoice, Elements.PROMISED_PAYMENT_DUE);
        assertThat(promises.find(id).orElseThrow().status()).isEqualTo(PromiseStatus.KEPT);
        assertThat(runtime.getVariables(instance)).containsEntry(Variables.PROMISE_KEPT, true);
        assertThat(waitingAt(invoice)).contains(Elements.AWAIT_DUE_DATE);   // dunning resumed
        assertThat(as(COLLECTOR).getForEntity("/api/invoices/" + invoice + "/promises", String.class).getBody())
                .contains("\"status\":\"KEPT\"", "\"amountReceived\":600.00");
    }

    @Test
    void aWholeDisputePausesTheCaseAndUpheldInFullEndsItAsCredited() {
        String invoice = invoice("1000", 20);
        ResponseEntity<String> whole = post(ERP, "/api/invoices/" + invoice + "/disputes",
                "{\"reason\": \"Never ordered\", \"disputeId\": \"ERP-D-1\"}");
        assertThat(whole.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((Boolean) JsonPath.read(whole.getBody(), "$.partial")).isFalse();
        assertThat((String) JsonPath.read(whole.getBody(), "$.status")).isEqualTo("OPEN");
        assertThat((String) JsonPath.read(whole.getBody(), "$.source")).isEqualTo("API");
        int id = JsonPath.read(whole.getBody(), "$.id");
        org.camunda.bpm.engine.task.Task resolve = task(invoice, Elements.RESOLVE_DISPUTE);
        assertThat(resolve).isNotNull();
        assertThat(tasks().getVariable(resolve.getId(), Variables.DISPUTE_ID)).isEqualTo((long) id);

        ResponseEntity<String> second = post(ERP, "/api/invoices/" + invoice + "/disputes", "{\"reason\": \"And the price\"}");
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getBody()).contains("urn:overdue:problem:case-refused", "resolving a dispute");
        ResponseEntity<String> promise = post(ERP, "/api/invoices/" + invoice + "/promises",
                "{\"promisedDate\": \"" + LocalDate.now(CREDITOR_ZONE).plusDays(2) + "\"}");
        assertThat(promise.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        // a dispute of part of the claim is still taken, in its own subprocess with its own id
        ResponseEntity<String> part = post(ERP, "/api/invoices/" + invoice + "/disputes",
                "{\"reason\": \"Freight charged twice\", \"amount\": 120}");
        assertThat(part.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((Boolean) JsonPath.read(part.getBody(), "$.partial")).isTrue();
        int partId = JsonPath.read(part.getBody(), "$.id");
        org.camunda.bpm.engine.task.Task resolvePart = task(invoice, Elements.RESOLVE_PARTIAL_DISPUTE);
        assertThat(tasks().getVariable(resolvePart.getId(), Variables.DISPUTE_ID)).isEqualTo((long) partId);
        assertThat(tasks().getVariable(resolve.getId(), Variables.DISPUTE_ID)).isEqualTo((long) id);

        tasks().complete(resolve.getId(), java.util.Map.of(Variables.DISPUTE_RESOLUTION, "UPHOLD",
                Variables.RESOLUTION_NOTES, "No order found", Variables.DECIDED_BY, COLLECTOR));

        assertThat(caseRuns(invoice)).isFalse();
        assertThat(stored(invoice).status()).isEqualTo(InvoiceStatus.CANCELLED);
        assertThat(stored(invoice).openBalance()).isEqualByComparingTo("0");
        assertThat(disputes.find(id).orElseThrow().status()).isEqualTo(DisputeStatus.UPHELD);
        assertThat(disputes.find(id).orElseThrow().creditedAmount()).isEqualByComparingTo("1000");
        assertThat(disputes.find(partId).orElseThrow().status()).isEqualTo(DisputeStatus.CLOSED);
        ResponseEntity<String> list = as(COLLECTOR).getForEntity("/api/invoices/" + invoice + "/disputes", String.class);
        assertThat((List<Integer>) JsonPath.read(list.getBody(), "$[*].id")).containsExactly(id, partId);
        assertThat((List<String>) JsonPath.read(list.getBody(), "$[*].disputeId")).containsExactly("ERP-D-1");
    }

    @Test
    void aPartialDisputeLetsDunningGoOnAndUpheldCreditsOnlyItsPart() {
        String invoice = invoice("1000", 20);
        String body = "{\"reason\": \"Two units broken\", \"amount\": 200, \"disputeId\": \"D-7\"}";
        ResponseEntity<String> part = post(COLLECTOR, "/api/invoices/" + invoice + "/disputes", body);
        assertThat(part.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        int id = JsonPath.read(part.getBody(), "$.id");
        assertThat(waitingAt(invoice)).contains(Elements.AWAIT_DUE_DATE, Elements.RESOLVE_PARTIAL_DISPUTE);
        ResponseEntity<String> again = post(COLLECTOR, "/api/invoices/" + invoice + "/disputes", body);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((Integer) JsonPath.read(again.getBody(), "$.id")).isEqualTo(id);
        assertThat(post(COLLECTOR, "/api/invoices/" + invoice + "/disputes", body.replace("200", "300")).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(disputes.of(invoice)).hasSize(1);

        tasks().complete(task(invoice, Elements.RESOLVE_PARTIAL_DISPUTE).getId(), java.util.Map.of(
                Variables.DISPUTE_RESOLUTION, "UPHOLD", Variables.DECIDED_BY, COLLECTOR));
        assertThat(stored(invoice).openBalance()).isEqualByComparingTo("800");
        assertThat(disputes.find(id).orElseThrow().creditedAmount()).isEqualByComparingTo("200");
        assertThat(creditNotes(invoice)).isEqualTo(1);
        assertThat(caseRuns(invoice)).isTrue();
        assertThat(waitingAt(invoice)).containsExactly(Elements.AWAIT_DUE_DATE);   // dunning resumed
    }

    @Test
    void aRejectedDisputeResumesDunningAndAFullDisputeAmountIsAWholeDispute() {
        String invoice = invoice("1000", 20);
        ResponseEntity<String> whole = post(ERP, "/api/invoices/" + invoice + "/disputes",
                "{\"reason\": \"Wrong price\", \"amount\": 1000}");
        assertThat((Boolean) JsonPath.read(whole.getBody(), "$.partial")).isFalse();
        tasks().complete(task(invoice, Elements.RESOLVE_DISPUTE).getId(), java.util.Map.of(
                Variables.DISPUTE_RESOLUTION, "REJECT", Variables.DECIDED_BY, COLLECTOR));
        assertThat(waitingAt(invoice)).containsExactly(Elements.AWAIT_DUE_DATE);   // dunning resumed
        assertThat(disputes.of(invoice)).extracting(Dispute::status).containsExactly(DisputeStatus.REJECTED);
        assertThat(stored(invoice).openBalance()).isEqualByComparingTo("1000");
    }

    @Test
    void aCaseWaitingForTheEscalationDecisionTakesNoPromiseOrDispute() {
        String invoice = invoice("1000", 90);
        // Where the case stands after its last level and deadline (the levels themselves are tested elsewhere).
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice).singleResult().getId();
        runtime.createProcessInstanceModification(instance).startBeforeActivity(Elements.DECIDE_ESCALATION)
                .cancelAllForActivity(Elements.COLLECTION).execute();
        assertThat(task(invoice, Elements.DECIDE_ESCALATION)).isNotNull();
        ResponseEntity<String> promise = post(COLLECTOR, "/api/invoices/" + invoice + "/promises",
                "{\"promisedDate\": \"" + LocalDate.now(CREDITOR_ZONE).plusDays(2) + "\"}");
        assertThat(promise.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(promise.getBody()).contains("escalation decision");
        assertThat(post(COLLECTOR, "/api/invoices/" + invoice + "/disputes", "{\"reason\": \"Late\"}").getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(promises.of(invoice)).isEmpty();
        assertThat(disputes.of(invoice)).isEmpty();
    }

    @Test
    void aPartPaymentReachesTheCaseAsBalanceReduced() {
        String invoice = invoice("1000", 20);
        pay(invoice, "100");
        assertThat(context.getBean(org.camunda.bpm.engine.HistoryService.class).createHistoricActivityInstanceQuery()
                .processInstanceId(runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoice).singleResult().getId())
                .activityId(Elements.BALANCE_REDUCED).count()).isEqualTo(1);
        assertThat(caseRuns(invoice)).isTrue();
    }

    @Test
    void aWholeDisputeRaisedWhileAPartialOneIsOpenKeepsItsOwnIdAfterThePartialOneEnds() {
        String invoice = invoice("1000", 20);
        int partId = JsonPath.read(post(ERP, "/api/invoices/" + invoice + "/disputes",
                "{\"reason\": \"Freight\", \"amount\": 100}").getBody(), "$.id");
        int wholeId = JsonPath.read(post(ERP, "/api/invoices/" + invoice + "/disputes",
                "{\"reason\": \"Never ordered\"}").getBody(), "$.id");
        tasks().complete(task(invoice, Elements.RESOLVE_PARTIAL_DISPUTE).getId(), java.util.Map.of(
                Variables.DISPUTE_RESOLUTION, "REJECT", Variables.DECIDED_BY, COLLECTOR));
        org.camunda.bpm.engine.task.Task resolve = task(invoice, Elements.RESOLVE_DISPUTE);
        assertThat(tasks().getVariable(resolve.getId(), Variables.DISPUTE_ID)).isEqualTo((long) wholeId);
        tasks().complete(resolve.getId(), java.util.Map.of(Variables.DISPUTE_RESOLUTION, "REJECT",
                Variables.DECIDED_BY, COLLECTOR));
        assertThat(disputes.find(partId).orElseThrow().status()).isEqualTo(DisputeStatus.REJECTED);
        assertThat(disputes.find(wholeId).orElseThrow().status()).isEqualTo(DisputeStatus.REJECTED);
        assertThat(waitingAt(invoice)).containsExactly(Elements.AWAIT_DUE_DATE);   // dunning resumed
    }
}
