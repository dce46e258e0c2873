package io.overdue.payments;

import io.overdue.dunning.CaseUpdateWorker;
import io.overdue.dunning.CollectionCaseProcess;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bank file larger than {@code overdue.payments.background-cases-above} (3 here): answered once its payments are
 * booked and their invoices paid, while the cases they end or reduce move in the background, at once when woken and
 * after a stop of the workers, never lost and never twice. Runs on H2 and on PostgreSQL through its subclasses.
 */
abstract class LargeBankFileContract extends PaymentsTestBase {

    /** Dynamic: above every other test property, such as the other tests' {@code threads=0}. */
    @DynamicPropertySource
    static void largeFiles(DynamicPropertyRegistry registry) {
        registry.add("overdue.payments.background-cases-above", () -> "3");
        registry.add("overdue.case-updates.threads", () -> "2");
        registry.add("overdue.case-updates.poll-interval", () -> "200ms");
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired CaseUpdateWorker worker;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;

    @Test
    void aLargeFileIsAnsweredOnceBookedAndItsCasesEndInTheBackgroundInTheFilesOrder() {
        String customer = customer(unique("Large File Payer "));
        List<String> numbers = invoices(customer, "1000", "500", "700", "300");
        Map<String, String> kids = kids(numbers);
        String prefix = unique("L");
        // Invoice 2 is paid in two parts: the first leaves 300 open, the second pays it.
        byte[] file = notification(prefix,
                transaction(prefix + "-1", "1000.00", kids.get(numbers.get(0))),
                transaction(prefix + "-2", "200.00", kids.get(numbers.get(1))),
                transaction(prefix + "-3", "700.00", kids.get(numbers.get(2))),
                transaction(prefix + "-4", "300.00", kids.get(numbers.get(3))),
                transaction(prefix + "-5", "300.00", kids.get(numbers.get(1))));

        ResponseEntity<String> imported = importFile(file);

        assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(field(imported, "$.casesInBackground")).isEqualTo("true");
        assertThat(field(imported, "$.matched")).isEqualTo("5");
        numbers.forEach(number -> {
            assertThat(invoiceRead(number, "$.status")).as("paid the moment the answer comes").isEqualTo("PAID");
            assertThat(invoiceRead(number, "$.openBalance")).isEqualTo("0.0");
        });

        awaitNoCaseUpdates();

        numbers.forEach(number -> {
            assertThat(invoiceRead(number, "$.collectionCase.state")).isEqualTo("ENDED");
            assertEndedPaid(number);
        });
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(endedCase(numbers.get(1)).getId())
                .activityId(CollectionCaseProcess.Elements.BALANCE_REDUCED).count())
                .as("the part payment reached the case before the settlement").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invoice_payment WHERE payment_id LIKE ?", Long.class,
                prefix + "-%")).isEqualTo(5);
        assertThat(field(importFile(file), "$.created")).as("imported again: nothing booked twice").isEqualTo("0");
        assertThat(caseUpdates("$.pending")).isEqualTo("0");
    }

    @Test
    void caseUpdatesLeftByStoppedWorkersAreAppliedWhenTheyStartAgain() {
        String customer = customer(unique("Restart Payer "));
        List<String> numbers = invoices(customer, "100", "200", "300", "400");
        String prefix = unique("R");
        worker.stop(); // as if the node went down right after the file was booked
        try {
            ResponseEntity<String> imported = payInFull(prefix, numbers);
            assertThat(field(imported, "$.casesInBackground")).as(imported.getBody()).isEqualTo("true");
            assertThat(caseUpdates("$.pending")).isEqualTo("4");
            numbers.forEach(number -> {
                assertThat(invoiceRead(number, "$.status")).isEqualTo("PAID");
                assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
                        .processDefinitionKey(CollectionCaseProcess.PROCESS_KEY).count()).as("still running").isEqualTo(1);
            });
        } finally {
            worker.start();
        }

        awaitNoCaseUpdates();

        numbers.forEach(this::assertEndedPaid);
    }

    @Test
    void aFailingCaseUpdateIsKeptWithItsErrorAndTriedAgainLaterWhileTheOthersAreApplied() {
        String customer = customer(unique("Failing Update Payer "));
        List<String> numbers = invoices(customer, "100", "200", "300", "400");
        String prefix = unique("X");
        String failing = numbers.get(2);
        worker.stop();
        try {
            payInFull(prefix, numbers);
            // A settlement the case's close step cannot read: the correlation fails inside the engine.
            jdbc.update("UPDATE case_update SET settlement = 'BOGUS' WHERE invoice_number = ?", failing);
            Instant before = Instant.now();

            assertThat(worker.applyDue()).isEqualTo(3);

            Map<String, Object> left = jdbc.queryForMap(
                    "SELECT attempts, last_error, next_attempt_at FROM case_update WHERE invoice_number = ?", failing);
            assertThat(((Number) left.get("attempts")).intValue()).isEqualTo(1);
            assertThat((String) left.get("last_error")).contains("BOGUS");
            assertThat(instant(left.get("next_attempt_at"))).as("a minute later")
                    .isBetween(before.plusSeconds(55), Instant.now().plusSeconds(65));
            assertThat(caseUpdates("$.pending")).isEqualTo("1");
            assertThat(caseUpdates("$.failing")).isEqualTo("1");
            assertThat(worker.applyDue()).as("not due yet").isZero();
            numbers.stream().filter(number -> !number.equals(failing)).forEach(number ->
                    assertThat(invoiceRead(number, "$.collectionCase.state")).isEqualTo("ENDED"));
            assertThat(invoiceRead(failing, "$.collectionCase.state")).isEqualTo("ACTIVE");

            // Repaired (here by hand) and due: the next attempt applies it.
            jdbc.update("UPDATE case_update SET settlement = 'PAID', next_attempt_at = ? WHERE invoice_number = ?",
                    Timestamp.from(Instant.now().minusSeconds(1)), failing);
            assertThat(worker.applyDue()).isEqualTo(1);
        } finally {
            worker.start();
        }
        assertEndedPaid(failing);
        assertThat(caseUpdates("$.failing")).isEqualTo("0");
    }

    @Test
    void aSmallFileMovesItsCasesBeforeTheAnswer() {
        String customer = customer(unique("Small File Payer "));
        List<String> numbers = invoices(customer, "100", "200", "300");
        String prefix = unique("S");
        worker.stop(); // nothing is left for the workers to do
        try {
            ResponseEntity<String> imported = payInFull(prefix, numbers);
            assertThat(field(imported, "$.casesInBackground")).as(imported.getBody()).isEqualTo("false");
            numbers.forEach(number -> assertThat(invoiceRead(number, "$.collectionCase.state")).isEqualTo("ENDED"));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM case_update", Long.class)).isZero();
        } finally {
            worker.start();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A bank file paying each invoice's amount by its KID, the payment ids {@code prefix-<invoice>}. */
    private ResponseEntity<String> payInFull(String prefix, List<String> numbers) {
        Map<String, String> kids = kids(numbers);
        return importFile(notification(prefix, numbers.stream()
                .map(number -> transaction(prefix + "-" + number, invoiceRead(number, "$.amount"), kids.get(number)))
                .toArray(String[]::new)));
    }

    private Map<String, String> kids(List<String> numbers) {
        return numbers.stream().collect(java.util.stream.Collectors.toMap(n -> n, n -> invoiceRead(n, "$.paymentReference")));
    }

    private String caseUpdates(String path) {
        ResponseEntity<String> read = as(COLLECTOR).getForEntity("/api/payments/case-updates", String.class);
        assertThat(read.getStatusCode()).as(read.getBody()).isEqualTo(HttpStatus.OK);
        return field(read, path);
    }

    private void awaitNoCaseUpdates() {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!caseUpdates("$.pending").equals("0")) {
            assertThat(Instant.now()).as("case updates still pending after " + PATIENCE).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private HistoricProcessInstance endedCase(String number) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number)
                .processDefinitionKey(CollectionCaseProcess.PROCESS_KEY).singleResult();
        assertThat(instance.getEndTime()).as("case of " + number + " ended").isNotNull();
        return instance;
    }

    private void assertEndedPaid(String number) {
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(endedCase(number).getId())
                .activityId(CollectionCaseProcess.Elements.CASE_PAID).finished().count()).as("case of " + number + " ended Paid")
                .isEqualTo(1);
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp timestamp ? timestamp.toInstant()
                : value instanceof java.time.OffsetDateTime offset ? offset.toInstant()
                : Instant.parse(String.valueOf(value));
    }
}
