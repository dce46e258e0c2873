package io.overdue.reports;

import io.overdue.support.ApplicationTest;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every figure of the reports on the known ledger of {@link ReportLedger} for March 2021, against what was computed by
 * hand (in each test's comment), and the cases by state on real cases of the engine.
 */
class ReportsTest extends ApplicationTest {

    @Autowired Reports reports;
    @Autowired NamedParameterJdbcTemplate jdbc;
    @Autowired RuntimeService runtime;

    final ReportPeriod march = ReportLedger.march();

    @BeforeEach
    void knownLedger() {
        ReportLedger.write(jdbc);
    }

    /**
     * Receivables at the end of 31 March, per invoice (cancelled F left out):
     * A 0 (paid by 20 March); B 2000, due 19 Feb: 40 days past due; C 2000 + 1000 paid on 5 April = 3000, due 19 March:
     * 12 days; D 1500, due 3 April: not yet due; E 0 (written off on 15 March); G 0 (the ERP's balance, changed 25
     * March); H 400, due 31 March: 0 days, not yet due; I 900, due 20 Dec: 101 days; J 250, due 15 Jan: 75 days.
     * Not yet due 1900 (2), 1–30 3000 (1), 31–60 2000 (1), 61–90 250 (1), over 90 900 (1): 8050 in all.
     * Shares: 1900/8050 = 23.6 %, 3000/8050 = 37.3 %, 2000/8050 = 24.8 %, 250/8050 = 3.1 %, 900/8050 = 11.2 %.
     */
    @Test
    void agingAtThePeriodsEnd() {
        assertThat(rows("aging")).containsExactly(
                List.of("ISK", "bucket.current", 2L, amount("1900"), amount("23.6")),
                List.of("ISK", "bucket.1-30", 1L, amount("3000"), amount("37.3")),
                List.of("ISK", "bucket.31-60", 1L, amount("2000"), amount("24.8")),
                List.of("ISK", "bucket.61-90", 1L, amount("250"), amount("3.1")),
                List.of("ISK", "bucket.90+", 1L, amount("900"), amount("11.2")));
    }

    /**
     * Countback from 31 March with receivables of 8050. Credit sales as issued (B with its credit note: 2500):
     * month 1, 1–31 March (31 days): C 3000 + D 1500 + H 400 = 4900 < 8050: 31 days, 3150 left;
     * month 2, 1–28 February (28 days): B 2500 + G 700 = 3200 >= 3150: 3150 / 3200 × 28 = 27.5625 days.
     * DSO = 31 + 27.5625 = 58.5625, shown 58.6.
     */
    @Test
    void dsoByCountback() {
        assertThat(rows("dso")).containsExactly(List.of("ISK", amount("8050"), amount("58.6"), "countback.complete"));
    }

    /**
     * Opening receivables (end of 28 February): A 0 + 600 paid in March = 600; B 2000 + the credit note of 10 March
     * 500 = 2500; E 800 (written off later); G 700 (the ERP lowered it on 25 March); I 900 + 100 = 1000; J 250 + 100 =
     * 350; C, D and H not issued yet: 5950. Credit sales in March 4900. Closing 8050, of it not yet due 1900.
     * CEI = (5950 + 4900 − 8050) / (5950 + 4900 − 1900) × 100 = 2800 / 8950 × 100 = 31.28…, shown 31.3.
     */
    @Test
    void collectionEffectivenessIndex() {
        assertThat(rows("cei")).containsExactly(
                List.of("ISK", amount("5950"), amount("4900"), amount("8050"), amount("1900"), amount("31.3")));
    }

    /** Promised in March: kept 2 (5th, 25th), broken 1 (12th), pending 1, void 1. Kept rate 2 / (2 + 1) = 66.7 %. */
    @Test
    void promisesKept() {
        assertThat(rows("promises")).containsExactly(List.of(2L, 1L, 1L, 1L, amount("66.7")));
    }

    /**
     * In Oslo time: 1 raised 20 Feb, resolved 3 March (11 days); 2 raised 2 March, resolved 9 March (7); 3 raised 10
     * March, open; 4 raised 21 March 00:30 (20 March in UTC), resolved 5 April; 5 raised in January, open; 6 raised 31
     * March 00:30 and resolved 31 March 23:30 (0 days; 30 and 31 March in UTC); 7 raised 1 April 00:30 (31 March in
     * UTC): not in March. Raised in March: 2, 3, 4, 6 = 4. Resolved: 1, 2, 6 = 3, days 11, 7, 0: average 6.0, median
     * 7.0. Open at the end: 3, 4, 5 = 3.
     */
    @Test
    void disputes() {
        assertThat(rows("disputes")).containsExactly(List.of(4L, 3L, 3L, amount("6.0"), amount("7.0")));
    }

    /**
     * Notices sent in March, and the payments on their invoice from their day to 7 days after, each payment for the
     * latest notice before it: A1 (15th, EMAIL+SMS): 635 on the 20th (fee included). B1, B2, C1 (C paid on 5 April,
     * 14 days later): nothing. I2 (5th, EMAIL+LETTER): the 100 of the 9th belongs to I3 (8th, LETTER), sent after it.
     * J1 (10th, SMS): 50 on its own day and 30 on day 7; the 20 on day 8 is too late: 80.
     * Level 1: A1, B1, C1, J1: 4 notices, 2 followed (50 %), 715. Level 2: B2, I2: 2, 0, 0 %. Level 3: I3: 1, 1, 100 %.
     * EMAIL: A1, B1, C1, I2: 4, 1 (25 %), 635. LETTER: B2, I2, I3: 3, 1 (33.3 %), 100. SMS: A1, J1: 2, 2, 715.
     */
    @Test
    void recoveryByLevelAndByChannel() {
        assertThat(rows("recovery-by-level")).containsExactly(
                List.of("ISK", "1", 4L, 2L, amount("50.0"), amount("715")),
                List.of("ISK", "2", 2L, 0L, amount("0.0"), amount("0")),
                List.of("ISK", "3", 1L, 1L, amount("100.0"), amount("100")));
        assertThat(rows("recovery-by-channel")).containsExactly(
                List.of("ISK", "channel.EMAIL", 4L, 1L, amount("25.0"), amount("635")),
                List.of("ISK", "channel.LETTER", 3L, 1L, amount("33.3"), amount("100")),
                List.of("ISK", "channel.SMS", 2L, 2L, amount("100.0"), amount("715")));
    }

    @Test
    void withoutMoneyOnlyCountsAndSharesRemain() {
        ReportTable aging = reports.table("aging", march, false);
        assertThat(aging.columns()).extracting(ReportTable.Column::key)
                .containsExactly("currency", "bucket", "invoices", "share_percent");
        assertThat(reports.table("cei", march, false).columns()).extracting(ReportTable.Column::key)
                .containsExactly("currency", "cei_percent");
        assertThat(reports.sections(march, false)).flatExtracting(ReportTable.Section::tables)
                .flatExtracting(ReportTable::columns).extracting(ReportTable.Column::kind)
                .doesNotContain(ReportTable.Kind.MONEY);
    }

    /**
     * Two new cases this month: one waits for its due date and is suspended (on hold), the other is paid and ends as
     * Paid. Other tests share the engine, so the figures are compared before and after.
     */
    @Test
    void casesByState() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
        ReportPeriod thisMonth = ReportPeriod.of("this-month", null, null, today);
        Map<String, List<Object>> openBefore = byFirstColumn(reports.table("open-cases", thisMonth, true));
        Map<String, List<Object>> flowBefore = byFirstTwoColumns(reports.table("case-flow", thisMonth, true));

        String customer = unique("R");
        ResponseEntity<String> created = as(ERP).exchange("/api/customers/" + customer, org.springframework.http.HttpMethod.PUT,
                jsonEntity("""
                        {"name": "Case Count AS", "kind": "BUSINESS", "country": "NO", "language": "nb",
                         "email": "post@casecount.example"}"""), String.class);
        assertThat(created.getStatusCode().is2xxSuccessful()).as(created.getBody()).isTrue();
        String waiting = invoice(customer, today.plusDays(30));
        String paid = invoice(customer, today.plusDays(30));
        ResponseEntity<String> payment = as(ERP).postForEntity("/api/invoices/" + paid + "/payments", jsonEntity("""
                {"paymentId": "%s", "amount": 100, "currency": "NOK", "paidOn": "%s"}""".formatted(unique("PAY"), today)),
                String.class);
        assertThat(payment.getStatusCode().is2xxSuccessful()).as(payment.getBody()).isTrue();
        String caseId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(waiting).singleResult().getId();
        List<String> waitsAt = runtime.getActiveActivityIds(caseId);
        assertThat(waitsAt).hasSize(1);
        runtime.suspendProcessInstanceById(caseId);

        Map<String, List<Object>> openAfter = byFirstColumn(reports.table("open-cases", thisMonth, true));
        Map<String, List<Object>> flowAfter = byFirstTwoColumns(reports.table("case-flow", thisMonth, true));
        assertThat(delta(openBefore, openAfter, "cases.all-open", 1)).isEqualTo(1);
        assertThat(delta(openBefore, openAfter, "cases.all-open", 2)).isEqualTo(1);
        assertThat(delta(openBefore, openAfter, "activity." + waitsAt.get(0), 1)).isEqualTo(1);
        assertThat(delta(openBefore, openAfter, "activity." + waitsAt.get(0), 2)).isEqualTo(1);
        assertThat(delta(flowBefore, flowAfter, "cases.started/", 2)).isEqualTo(2);
        assertThat(delta(flowBefore, flowAfter, "cases.ended/outcome.CasePaid", 2)).isEqualTo(1);
    }

    @Test
    void anUnknownTableIsNotFound() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reports.table("salaries", march, true))
                .isInstanceOf(io.overdue.shared.NotFoundException.class);
    }

    private String invoice(String customer, LocalDate due) {
        String number = uniqueDigits();
        ResponseEntity<String> response = as(ERP).postForEntity("/api/invoices", jsonEntity("""
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                 "currency": "NOK", "amount": 100}""".formatted(number, customer, due.minusDays(44), due)), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
        return number;
    }

    private List<List<Object>> rows(String table) {
        return reports.table(table, march, true).rows().stream()
                // Tables by currency: the ledger's own; the others (promises, disputes) have one row.
                .filter(row -> !(row.get(0) instanceof String currency) || currency.equals(ReportLedger.CURRENCY))
                .map(row -> row.stream().map(ReportsTest::comparable).toList()).toList();
    }

    /** BigDecimals compared by value: 1900.0000 from the database equals 1900. */
    private static Object comparable(Object value) {
        return value instanceof BigDecimal number ? number.stripTrailingZeros() : value;
    }

    private static BigDecimal amount(String value) {
        return new BigDecimal(value).stripTrailingZeros();
    }

    private static Map<String, List<Object>> byFirstColumn(ReportTable table) {
        return table.rows().stream().collect(Collectors.toMap(row -> String.valueOf(row.get(0)), Function.identity()));
    }

    private static Map<String, List<Object>> byFirstTwoColumns(ReportTable table) {
        return table.rows().stream().collect(Collectors.toMap(
                row -> row.get(0) + "/" + (row.get(1) == null ? "" : row.get(1)), Function.identity()));
    }

    private static long delta(Map<String, List<Object>> before, Map<String, List<Object>> after, String key, int column) {
        return count(after, key, column) - count(before, key, column);
    }

    private static long count(Map<String, List<Object>> rows, String key, int column) {
        return rows.containsKey(key) ? ((Number) rows.get(key).get(column)).longValue() : 0;
    }
}
