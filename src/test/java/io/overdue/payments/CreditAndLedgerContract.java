package io.overdue.payments;

import com.jayway.jsonpath.JsonPath;
import io.overdue.payments.CreditBalanceProcess.Elements;
import io.overdue.payments.CreditBalanceProcess.Variables;
import io.overdue.support.NoticeRows;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-worked allocation, credit balances and the customer's ledger, over HTTP and the engine. An invoice of NOK
 * 1,000.00 has a notice claiming a fee of 35.00 and interest of 5.20: a payment covers the fee, then the interest,
 * then the principal, and what is more than owed becomes the customer's credit, settled by a collector's task.
 */
abstract class CreditAndLedgerContract extends PaymentsTestBase {

    private static final String RATE_SOURCE = "CreditAndLedgerContract: temporary rate";

    @Autowired TaskService tasks;
    @Autowired HistoryService history;

    /** A sent notice of level 1 claiming the fee (none when null) and interest. */
    void notice(String invoiceNumber, String customerNumber, LocalDate sentOn, String fee, String interest) {
        NoticeRows.insert(jdbc, invoiceNumber, customerNumber, sentOn, "1000", fee, interest, null);
    }

    String ledger(String customer, String query) {
        ResponseEntity<String> read = as(COLLECTOR).getForEntity("/api/customers/" + customer + "/ledger" + query, String.class);
        assertThat(read.getStatusCode()).as(read.getBody()).isEqualTo(HttpStatus.OK);
        return read.getBody();
    }

    static String read(String json, String path) {
        return String.valueOf((Object) JsonPath.read(json, path));
    }

    Task creditTask(String paymentId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(paymentId)
                .processDefinitionKey(CreditBalanceProcess.PROCESS_KEY).singleResult();
    }

    void settle(Task task, Map<String, Object> answers) {
        tasks.setAssignee(task.getId(), COLLECTOR);
        tasks.complete(task.getId(), answers);
    }

    BigDecimal creditLeft(String paymentId) {
        return jdbc.queryForObject("SELECT open_amount FROM credit_balance WHERE payment_id = ?", BigDecimal.class, paymentId);
    }

    @Test
    void aPaymentCoversTheFeeThenTheInterestThenThePrincipalAndTheLedgerShowsEveryStep() {
        String customer = customer(unique("Ledger Payer "));
        String number = uniqueDigits();
        String kid = invoice(customer, number, "1000");
        notice(number, customer, TODAY, "35.00", "5.20");
        String first = unique("P");

        ResponseEntity<String> paid = pay(payment(first, "1000.00", "\"reference\": \"" + kid + "\""));

        assertThat(field(paid, "$.payment.status")).as(paid.getBody()).isEqualTo("MATCHED");
        // 1,000.00 − 35.00 − 5.20 = 959.80 on the principal: 40.20 of it is still owed and dunning goes on
        assertThat(invoiceRead(number, "$.openBalance")).isEqualTo("40.2");
        assertThat(invoiceRead(number, "$.status")).isEqualTo("OPEN");
        assertThat(invoiceRead(number, "$.collectionCase.state")).isEqualTo("ACTIVE");
        assertThat(jdbc.queryForMap("SELECT to_costs, to_interest, to_principal, to_credit FROM invoice_payment "
                + "WHERE payment_id = ?", first).values().stream().map(v -> ((BigDecimal) v).stripTrailingZeros().toPlainString()))
                .containsExactly("35", "5.2", "959.8", "0");

        String ledger = ledger(customer, "");
        assertThat(read(ledger, "$.currencies[0].currency")).isEqualTo("NOK");
        List<String> kinds = JsonPath.read(ledger, "$.currencies[0].entries[*].kind");
        assertThat(kinds).containsExactly("INVOICE", "FEE", "INTEREST", "PAYMENT");
        List<Double> balances = JsonPath.read(ledger, "$.currencies[0].entries[*].balance");
        assertThat(balances).containsExactly(1000.0, 1035.0, 1040.2, 40.2);
        assertThat(read(ledger, "$.currencies[0].entries[3].allocation.costs")).isEqualTo("35.0");
        assertThat(read(ledger, "$.currencies[0].entries[3].allocation.principal")).isEqualTo("959.8");
        assertThat(read(ledger, "$.currencies[0].balance")).isEqualTo("40.2");
        assertThat(read(ledger, "$.currencies[0].open.principal")).isEqualTo("40.2");
        assertThat(read(ledger, "$.currencies[0].open.costs")).isEqualTo("0.0");

        // The ERP may book at most what is owed
        ResponseEntity<String> tooMuch = as(ERP).postForEntity("/api/invoices/" + number + "/payments", jsonEntity("""
                {"paymentId": "%s", "amount": 40.21, "currency": "NOK", "paidOn": "%s"}""".formatted(unique("P"), TODAY)),
                String.class);
        assertInvalid(tooMuch, "amount");
        assertThat(tooMuch.getBody()).contains("exceeds what is owed, 40.2 NOK");

        // 100.00 more: 40.20 ends the invoice and its case, 59.80 is the customer's credit with a collector's task
        String second = unique("P");
        pay(payment(second, "100.00", "\"reference\": \"" + kid + "\""));
        assertThat(invoiceRead(number, "$.status")).isEqualTo("PAID");
        assertThat(invoiceRead(number, "$.collectionCase.state")).isEqualTo("ENDED");
        assertThat(creditLeft(second)).isEqualByComparingTo("59.80");
        Task task = creditTask(second);
        assertThat(task.getTaskDefinitionKey()).isEqualTo(Elements.SETTLE_CREDIT_BALANCE);
        assertThat(tasks.getVariableLocal(task.getId(), "creditOpen")).isEqualTo("59.80 NOK");
        assertThat((String) tasks.getVariableLocal(task.getId(), "creditReason")).contains("over-payment")
                .contains("owed 40.2 NOK");

        String credited = ledger(customer, "");
        assertThat(read(credited, "$.currencies[0].balance")).isEqualTo("-59.8");
        assertThat(read(credited, "$.currencies[0].open.credit")).isEqualTo("59.8");

        // Offset against the customer's next invoice: booked there as a payment, the credit is settled
        String next = uniqueDigits();
        invoice(customer, next, "500");
        settle(task, Map.of(Variables.CREDIT_SETTLEMENT, "OFFSET", Variables.OFFSET_INVOICE_NUMBER, next));
        assertThat(invoiceRead(next, "$.openBalance")).isEqualTo("440.2");
        assertThat(creditLeft(second)).isEqualByComparingTo("0");
        assertThat(creditTask(second)).as("settled: the process ended").isNull();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(second).finished().count())
                .isEqualTo(1);

        String after = ledger(customer, "");
        List<String> afterKinds = JsonPath.read(after, "$.currencies[0].entries[*].kind");
        assertThat(afterKinds).containsExactly("INVOICE", "INVOICE", "FEE", "INTEREST", "PAYMENT", "PAYMENT",
                "PAYMENT", "CREDIT_OFFSET");
        assertThat(read(after, "$.currencies[0].balance")).isEqualTo("440.2");
        assertThat(read(after, "$.currencies[0].open.principal")).isEqualTo("440.2");
        assertThat(read(after, "$.currencies[0].open.credit")).isEqualTo("0.0");

        // From today on, everything before is one opening balance; a bad date is named
        String fromTomorrow = ledger(customer, "?from=" + TODAY.plusDays(1));
        List<String> opening = JsonPath.read(fromTomorrow, "$.currencies[0].entries[*].kind");
        assertThat(opening).containsExactly("OPENING_BALANCE");
        assertThat(read(fromTomorrow, "$.currencies[0].entries[0].balance")).isEqualTo("440.2");
        assertInvalid(as(COLLECTOR).getForEntity("/api/customers/" + customer + "/ledger?from=2026-13-01&to=x",
                String.class), "from", "to");
        assertThat(as(COLLECTOR).getForEntity("/api/customers/" + unique("NOPE") + "/ledger", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aRefusedSettlementComesBackToTheCollectorAndARefundSettlesTheCredit() {
        String customer = customer(unique("Refund Payer "));
        String other = customer(unique("Other Payer "));
        String number = uniqueDigits();
        String kid = invoice(customer, number, "300");
        String foreign = uniqueDigits();
        invoice(other, foreign, "300");
        String paymentId = unique("P");
        pay(payment(paymentId, "450", "\"reference\": \"" + kid + "\""));
        assertThat(creditLeft(paymentId)).isEqualByComparingTo("150");

        settle(creditTask(paymentId), Map.of(Variables.CREDIT_SETTLEMENT, "OFFSET", Variables.OFFSET_INVOICE_NUMBER, foreign));

        Task again = creditTask(paymentId);
        assertThat(again).as("back to the collector").isNotNull();
        assertThat((String) tasks.getVariable(again.getId(), Variables.SETTLEMENT_PROBLEMS))
                .contains("offsetInvoiceNumber").contains("belongs to another customer");
        assertThat(invoiceRead(foreign, "$.openBalance")).as("nothing booked").isEqualTo("300.0");
        assertThat(creditLeft(paymentId)).isEqualByComparingTo("150");

        settle(again, Map.of(Variables.CREDIT_SETTLEMENT, "REFUND", Variables.REFUND_NOTE, " "));
        assertThat((String) tasks.getVariable(creditTask(paymentId).getId(), Variables.SETTLEMENT_PROBLEMS))
                .contains("refundNote");

        settle(creditTask(paymentId), Map.of(Variables.CREDIT_SETTLEMENT, "REFUND",
                Variables.REFUND_NOTE, "Paid back to 1503.12.34567 on " + TODAY + ", ref. 42"));
        assertThat(creditLeft(paymentId)).isEqualByComparingTo("0");
        assertThat(creditTask(paymentId)).isNull();
        assertThat(jdbc.queryForObject("SELECT settled_by FROM credit_settlement s JOIN credit_balance c ON c.id = s.credit_id "
                + "WHERE c.payment_id = ?", String.class, paymentId)).isEqualTo(COLLECTOR);

        String ledger = ledger(customer, "");
        List<String> kinds = JsonPath.read(ledger, "$.currencies[0].entries[*].kind");
        assertThat(kinds).containsExactly("INVOICE", "PAYMENT", "REFUND");
        assertThat(read(ledger, "$.currencies[0].balance")).isEqualTo("0.0");
    }

    @Test
    void theSameOverPaymentReceivedTwiceIsCreditedOnce() {
        String customer = customer(unique("Twice Payer "));
        String number = uniqueDigits();
        String kid = invoice(customer, number, "200");
        String paymentId = unique("P");
        String body = payment(paymentId, "250", "\"reference\": \"" + kid + "\"");

        pay(body);
        ResponseEntity<String> again = pay(body);

        assertThat(field(again, "$.result")).isEqualTo("UNCHANGED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_balance WHERE payment_id = ?", Long.class, paymentId))
                .isEqualTo(1);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(paymentId).count()).isEqualTo(1);
    }

    @Test
    void aSecondPaymentOfAPaidInvoiceIsKeptForACollectorWhoCreditsItToTheCustomer() {
        String customer = customer(unique("Double Payer "));
        String number = uniqueDigits();
        String kid = invoice(customer, number, "800");
        pay(payment(unique("P"), "800", "\"reference\": \"" + kid + "\""));
        String twice = unique("P");

        ResponseEntity<String> again = pay(payment(twice, "800", "\"reference\": \"" + kid + "\""));

        assertThat(field(again, "$.payment.status")).isEqualTo("UNMATCHED");
        assertThat(field(again, "$.payment.reason")).contains("is already PAID");
        assertThat(creditTask(twice)).as("no credit before a collector decides").isNull();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(twice)
                .processDefinitionKey(MatchPaymentProcess.PROCESS_KEY).count()).as("a Match payment task").isEqualTo(1);

        ResponseEntity<String> unknown = as(COLLECTOR).postForEntity("/api/payments/" + twice + "/credit",
                jsonEntity("{\"customerNumber\": \"" + unique("NOPE") + "\"}"), String.class);
        assertInvalid(unknown, "customerNumber");
        assertThat(as(ERP).postForEntity("/api/payments/" + twice + "/credit",
                jsonEntity("{\"customerNumber\": \"" + customer + "\"}"), String.class).getStatusCode())
                .as("integrations do not decide").isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> credited = as(COLLECTOR).postForEntity("/api/payments/" + twice + "/credit",
                jsonEntity("{\"customerNumber\": \"" + customer + "\"}"), String.class);

        assertThat(credited.getStatusCode()).as(credited.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(field(credited, "$.status")).isEqualTo("CREDITED");
        assertThat(field(credited, "$.matchedBy")).isEqualTo(COLLECTOR);
        assertThat(creditLeft(twice)).isEqualByComparingTo("800");
        assertThat(creditTask(twice)).isNotNull();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(twice)
                .processDefinitionKey(MatchPaymentProcess.PROCESS_KEY).count()).as("the Match payment task ended").isZero();
        assertThat(as(COLLECTOR).postForEntity("/api/payments/" + twice + "/credit",
                jsonEntity("{\"customerNumber\": \"" + customer + "\"}"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(rows("invoice_payment", twice)).as("on no invoice").isZero();
        List<String> credits = JsonPath.read(as(COLLECTOR).getForEntity("/api/payments?status=credited&size=200",
                String.class).getBody(), "$.items[*].paymentId");
        assertThat(credits).contains(twice);
        assertThat(read(ledger(customer, ""), "$.currencies[0].balance")).isEqualTo("-800.0");
    }

    @Test
    void interestOnceClaimedRunsToThePaymentDayAndTheLedgerShowsWhatAccruedAfterTheNotice() {
        // Due the day before the half-year began: every day of interest takes the one rate added here.
        LocalDate halfYear = LocalDate.of(TODAY.getYear(), TODAY.getMonthValue() <= 6 ? 1 : 7, 1);
        LocalDate due = halfYear.minusDays(1);
        String customer = customer(unique("Interest Payer "));
        String number = uniqueDigits();
        ResponseEntity<String> posted = as(ERP).postForEntity("/api/invoices", jsonEntity("""
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                 "currency": "NOK", "amount": 10000}""".formatted(number, customer, due.minusDays(30), due)), String.class);
        assertThat(posted.getStatusCode()).as(posted.getBody()).isEqualTo(HttpStatus.CREATED);
        String kid = JsonPath.read(posted.getBody(), "$.paymentReference");
        jdbc.update("DELETE FROM statutory_rate WHERE source = ?", RATE_SOURCE);
        jdbc.update("INSERT INTO statutory_rate (country, kind, valid_from, figure, currency, source) "
                + "VALUES ('NO', 'LATE_INTEREST_RATE', ?, 12.5, NULL, ?)", halfYear, RATE_SOURCE);
        try {
            notice(number, customer, due.plusDays(1), null, "1.00");
            // NOK 10,000 × 12.5 % × days / 365, rounded once to øre: owed up to the day of payment, not the 1.00 stated
            long days = java.time.temporal.ChronoUnit.DAYS.between(due, TODAY);
            BigDecimal interest = new BigDecimal("10000").multiply(new BigDecimal("12.5")).multiply(BigDecimal.valueOf(days))
                    .divide(BigDecimal.valueOf(36_500), 2, java.math.RoundingMode.HALF_UP);
            String paymentId = unique("P");

            pay(payment(paymentId, "10000", "\"reference\": \"" + kid + "\""));

            assertThat(jdbc.queryForObject("SELECT to_interest FROM invoice_payment WHERE payment_id = ?",
                    BigDecimal.class, paymentId)).isEqualByComparingTo(interest);
            assertThat(new BigDecimal(invoiceRead(number, "$.openBalance"))).isEqualByComparingTo(interest);
            String ledger = ledger(customer, "");
            List<String> kinds = JsonPath.read(ledger, "$.currencies[0].entries[*].kind");
            assertThat(kinds).containsExactly("INVOICE", "INTEREST", "INTEREST", "PAYMENT");
            assertThat(new BigDecimal(read(ledger, "$.currencies[0].entries[2].amount")))
                    .isEqualByComparingTo(interest.subtract(new BigDecimal("1.00")));
            assertThat(new BigDecimal(read(ledger, "$.currencies[0].balance"))).isEqualByComparingTo(interest);
            assertThat(new BigDecimal(read(ledger, "$.currencies[0].open.principal"))).isEqualByComparingTo(interest);
        } finally {
            jdbc.update("DELETE FROM statutory_rate WHERE source = ?", RATE_SOURCE);
        }
    }
}
