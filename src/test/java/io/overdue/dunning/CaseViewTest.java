package io.overdue.dunning;

import com.jayway.jsonpath.JsonPath;
import io.overdue.channels.LetterChannel;
import io.overdue.support.NoticeRows;
import io.overdue.support.TestNotices;
import io.overdue.channels.SmsChannel;
import io.overdue.support.ApplicationTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/invoices/{invoiceNumber}/case} end to end: intake over HTTP, jobs run by hand, the answer read as JSON. */
class CaseViewTest extends ApplicationTest {

    /** Marks the rate row a test adds, so that a run that died before its clean-up cannot block the next. */
    private static final String TEST_RATE_SOURCE = "CaseViewTest: temporary rate";

    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired JdbcTemplate jdbc;
    @Autowired SmsChannel sms;
    @Autowired LetterChannel letters;

    @Test
    void aFreshInvoiceWaitsForItsDueDateWithTheCourtesyReminderDecisionFirst() {
        String number = uniqueDigits();
        LocalDate due = today().plusDays(10);
        postInvoice(number, norwegianCustomer(), due, "1250.50");

        String view = view(number);
        assertThat((String) JsonPath.read(view, "$.case.state")).isEqualTo("ACTIVE");
        assertThat((List<String>) JsonPath.read(view, "$.case.waitingAt")).containsExactly("Await due date");
        assertThat((Map<String, Object>) JsonPath.read(view, "$.case")).doesNotContainKeys("endedAt", "outcome");
        assertThat((Integer) JsonPath.read(view, "$.dunningLevel")).isZero();
        assertThat((List<?>) JsonPath.read(view, "$.communications")).isEmpty();

        // First the courtesy window (seven days before the due date), then the due date and grace.
        assertThat((String) JsonPath.read(view, "$.nextStep.kind")).isEqualTo("TIMER");
        assertThat((String) JsonPath.read(view, "$.nextStep.activityId")).isEqualTo(CollectionCaseProcess.Elements.COURTESY_WINDOW_OPENED);
        assertThat((String) JsonPath.read(view, "$.nextStep.name")).isEqualTo("Courtesy window opened");
        Instant dueAt = Instant.parse(JsonPath.read(view, "$.nextStep.dueAt"));
        assertThat(dueAt).isEqualTo(jobOf(number, CollectionCaseProcess.Elements.COURTESY_WINDOW_OPENED).getDuedate().toInstant());
        ZonedDateTime window = due.minusDays(7).atTime(LocalTime.of(9, 0)).atZone(CREDITOR_ZONE);
        assertThat(dueAt).isBetween(window.toInstant(), window.plusHours(1).toInstant());
        // Due date plus three days' grace, at 09:00 in the creditor's zone plus at most an hour's jitter.
        Instant duePassed = jobOf(number, CollectionCaseProcess.Elements.DUE_DATE_PASSED).getDuedate().toInstant();
        ZonedDateTime planned = due.plusDays(3).atTime(LocalTime.of(9, 0)).atZone(CREDITOR_ZONE);
        assertThat(duePassed).isBetween(planned.toInstant(), planned.plusHours(1).toInstant());

        assertThat((String) JsonPath.read(view, "$.balance.currency")).isEqualTo("NOK");
        assertThat((String) JsonPath.read(view, "$.balance.asOf")).isEqualTo(today().toString());
        assertThat(amount(view, "$.balance.principal")).isEqualByComparingTo("1250.50");
        assertThat(amount(view, "$.balance.fees")).isEqualByComparingTo("0");
        assertThat(amount(view, "$.balance.interest")).isEqualByComparingTo("0");
        assertThat((Object) JsonPath.read(view, "$.balance.interestNote")).isNull();
        assertThat(amount(view, "$.balance.total")).isEqualByComparingTo("1250.50");
    }

    @Test
    void anOverdueInvoiceAfterItsReminderIsAtLevelOneWithTheNoticesAndWaitsForTheDeadline() {
        String customer = norwegianCustomer();
        String number = uniqueDigits();
        LocalDate due = today().minusDays(10);
        postInvoice(number, customer, due, "1250.50");

        String waiting = view(number);
        assertThat(Instant.parse(JsonPath.read(waiting, "$.nextStep.dueAt"))).isBefore(Instant.now());
        // Past the courtesy window (too late for one) and the due date: the first level is planned for now.
        runDueTimers(number);
        String queued = view(number);
        assertThat((String) JsonPath.read(queued, "$.nextStep.kind")).isEqualTo("ASYNC_CONTINUATION");
        assertThat((String) JsonPath.read(queued, "$.nextStep.name")).isEqualTo("Send dunning notice");
        // Queued now: the job executor takes jobs by due date (after downtime the oldest first), so it has one.
        assertThat(Instant.parse(JsonPath.read(queued, "$.nextStep.dueAt"))).isBefore(Instant.now().plusSeconds(1));
        management.executeJob(jobOf(number, CollectionCaseProcess.Elements.SEND_DUNNING_NOTICE).getId());

        String reminded = view(number);
        assertThat((Integer) JsonPath.read(reminded, "$.dunningLevel")).isEqualTo(1);
        assertThat((List<String>) JsonPath.read(reminded, "$.case.waitingAt")).containsExactly("Await next level");
        assertThat((List<String>) JsonPath.read(reminded, "$.communications[*].channel")).containsExactly("EMAIL");
        assertThat((String) JsonPath.read(reminded, "$.communications[0].recipient")).isEqualTo("faktura@fjellheim.example");
        assertThat((String) JsonPath.read(reminded, "$.communications[0].template")).isEqualTo("reminder-1");
        assertThat((String) JsonPath.read(reminded, "$.communications[0].subject")).contains(number);
        assertThat((String) JsonPath.read(reminded, "$.communications[0].status")).isEqualTo("SENT");
        assertThat((Map<String, Object>) JsonPath.read(reminded, "$.communications[0]")).doesNotContainKey("content");
        // The Norwegian policy's second level for a business: 15 days after this notice.
        assertThat((String) JsonPath.read(reminded, "$.nextStep.kind")).isEqualTo("TIMER");
        assertThat((String) JsonPath.read(reminded, "$.nextStep.name")).isEqualTo("Next level due");
        assertThat(Instant.parse(JsonPath.read(reminded, "$.nextStep.dueAt")))
                .isEqualTo(jobOf(number, CollectionCaseProcess.Elements.NEXT_LEVEL_DUE).getDuedate().toInstant())
                .isAfter(Instant.now().plus(14, ChronoUnit.DAYS));

        // The first reminder claims no interest, so none is owed yet (a payment of the principal settles it).
        assertThat(amount(reminded, "$.balance.interest")).isEqualByComparingTo("0");
        assertThat((Object) JsonPath.read(reminded, "$.balance.interestNote")).isNull();
        assertThat(amount(reminded, "$.balance.total")).isEqualByComparingTo("1250.50");

        // The same notice by SMS and letter is still one notice: the level counts notices, not channels.
        sms.send(TestNotices.firstReminder(number, customer, "+4791234567", number + "0"));
        long letterId = letters.store(TestNotices.firstReminder(number, customer, null, number + "0")).id();
        String everyChannel = view(number);
        assertThat((Integer) JsonPath.read(everyChannel, "$.dunningLevel")).isEqualTo(1);
        assertThat((List<String>) JsonPath.read(everyChannel, "$.communications[*].channel"))
                .containsExactly("EMAIL", "SMS", "LETTER");
        assertThat((List<String>) JsonPath.read(everyChannel, "$.communications[?(@.channel == 'LETTER')].href"))
                .containsExactly("/api/invoices/" + number + "/letters/" + letterId);
        assertThat((List<Object>) JsonPath.read(everyChannel, "$.communications[?(@.channel != 'LETTER')].href"))
                .containsOnlyNulls();
    }

    @Test
    void aNoticeThatCouldNotClaimInterestForAMissingRateSaysSoInsteadOfAFigure() {
        LocalDate due = today().minusDays(20);
        String number = uniqueDigits();
        String customer = norwegianCustomer();
        postInvoice(number, customer, due.minusDays(30), due, "500");
        NoticeRows.insert(jdbc, number, customer, today(), "500", null, null,
                "No LATE_INTEREST_RATE in force for NO on 2026-07-01");
        String view = view(number);
        assertThat((Object) JsonPath.read(view, "$.balance.interest")).isNull();
        assertThat((String) JsonPath.read(view, "$.balance.interestNote"))
                .isEqualTo("Late interest is not included: No LATE_INTEREST_RATE in force for NO on 2026-07-01");
        assertThat(amount(view, "$.balance.total")).isEqualByComparingTo("500");
    }

    @Test
    void lateInterestOnceANoticeClaimedItRunsToTodayAtTheRateInForce() {
        LocalDate today = today();
        LocalDate halfYear = halfYearStart(today);
        // Due the day before the half-year began: every day of interest falls in it and takes the one rate added here.
        LocalDate due = halfYear.minusDays(1);
        String number = uniqueDigits();
        String customer = norwegianCustomer();
        postInvoice(number, customer, due.minusDays(30), due, "10000");
        assertThat(amount(view(number), "$.balance.interest")).as("owed only once claimed").isEqualByComparingTo("0");
        // A notice claimed 0.01 of interest on the due date; from then on interest is owed to the day.
        NoticeRows.insert(jdbc, number, customer, due, "10000", null, "0.01", null);
        removeTestRate();
        jdbc.update("INSERT INTO statutory_rate (country, kind, valid_from, figure, currency, source) "
                + "VALUES ('NO', 'LATE_INTEREST_RATE', ?, 12.5, NULL, ?)", halfYear, TEST_RATE_SOURCE);
        try {
            String view = view(number);
            long days = ChronoUnit.DAYS.between(due, today);
            // NOK 10,000 × 12.5 % × days / 365, rounded once to øre (docs/charges.md).
            BigDecimal interest = new BigDecimal("10000").multiply(new BigDecimal("12.5")).multiply(BigDecimal.valueOf(days))
                    .divide(BigDecimal.valueOf(36_500), 2, RoundingMode.HALF_UP);
            assertThat(amount(view, "$.balance.interest")).isEqualByComparingTo(interest);
            assertThat((Object) JsonPath.read(view, "$.balance.interestNote")).isNull();
            assertThat(amount(view, "$.balance.total")).isEqualByComparingTo(new BigDecimal("10000").add(interest));
        } finally {
            removeTestRate();
        }
    }

    @Test
    void aSettledInvoiceHasAnEndedCaseAndNoNextStep() {
        String customer = norwegianCustomer();
        String number = uniqueDigits();
        LocalDate due = today().minusDays(30);
        postInvoice(number, customer, due, "800");
        postInvoice(invoiceJson(number, customer, due.minusDays(14), due, "800").replace("\"amount\": 800", "\"amount\": 800, \"openBalance\": 0"));

        String view = view(number);
        assertThat((String) JsonPath.read(view, "$.invoiceStatus")).isEqualTo("PAID");
        assertThat((String) JsonPath.read(view, "$.case.state")).isEqualTo("ENDED");
        assertThat((String) JsonPath.read(view, "$.case.outcome")).isEqualTo("Paid");
        assertThat((String) JsonPath.read(view, "$.case.endedAt")).isNotNull();
        assertThat((Object) JsonPath.read(view, "$.nextStep")).isNull();
        // Nothing is owed, so no rate is needed: no note about a missing one.
        assertThat(amount(view, "$.balance.principal")).isEqualByComparingTo("0");
        assertThat(amount(view, "$.balance.interest")).isEqualByComparingTo("0");
        assertThat((Object) JsonPath.read(view, "$.balance.interestNote")).isNull();
        assertThat(amount(view, "$.balance.total")).isEqualByComparingTo("0");
    }

    @Test
    void anInvoicePaidAtIntakeHasNoCaseButABalance() {
        String customer = norwegianCustomer();
        String number = uniqueDigits();
        LocalDate due = today().plusDays(5);
        postInvoice(invoiceJson(number, customer, due.minusDays(14), due, "300").replace("\"amount\": 300", "\"amount\": 300, \"openBalance\": 0"));

        ResponseEntity<String> response = as(COLLECTOR).getForEntity("/api/invoices/" + number + "/case", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((Map<String, Object>) JsonPath.read(response.getBody(), "$")).containsEntry("case", null)
                .containsEntry("nextStep", null);
        assertThat(amount(response.getBody(), "$.balance.total")).isEqualByComparingTo("0");
        assertThat((Integer) JsonPath.read(response.getBody(), "$.dunningLevel")).isZero();
    }

    @Test
    void anUnknownInvoiceIsNotFound() {
        ResponseEntity<String> response = as(ERP).getForEntity("/api/invoices/" + unique("NOPE") + "/case", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((String) JsonPath.read(response.getBody(), "$.title")).isEqualTo("Not found");
    }

    // ---------------------------------------------------------------- helpers

    private static LocalDate today() {
        return LocalDate.now(CREDITOR_ZONE);
    }

    private static LocalDate halfYearStart(LocalDate day) {
        return LocalDate.of(day.getYear(), day.getMonthValue() <= 6 ? 1 : 7, 1);
    }

    private void removeTestRate() {
        jdbc.update("DELETE FROM statutory_rate WHERE source = ?", TEST_RATE_SOURCE);
    }

    private String view(String invoiceNumber) {
        ResponseEntity<String> response = as(COLLECTOR).getForEntity("/api/invoices/" + invoiceNumber + "/case", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static BigDecimal amount(String json, String path) {
        Object value = JsonPath.read(json, path);
        assertThat(value).as(path).isNotNull();
        return new BigDecimal(value.toString());
    }

    private Job jobOf(String invoiceNumber, String activityId) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoiceNumber).singleResult().getId();
        return management.createJobQuery().processInstanceId(instance).activityId(activityId).singleResult();
    }

    /** Runs the case's timers that are due, and what they lead to up to the next wait or queued step. */
    private void runDueTimers(String invoiceNumber) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoiceNumber).singleResult().getId();
        for (int round = 0; round < 10; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(instance).timers().executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }

    private String norwegianCustomer() {
        String number = unique("C");
        ResponseEntity<String> response = as(ERP).exchange("/api/customers/" + number, HttpMethod.PUT, json("""
                {"name": "Fjellheim Elektro AS", "organisationNumber": "923609016", "kind": "BUSINESS",
                 "country": "NO", "language": "nb", "email": "faktura@fjellheim.example", "phone": "+4791234567"}
                """), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).isTrue();
        return number;
    }

    private void postInvoice(String number, String customer, LocalDate due, String amount) {
        postInvoice(number, customer, due.minusDays(14), due, amount);
    }

    private void postInvoice(String number, String customer, LocalDate issue, LocalDate due, String amount) {
        postInvoice(invoiceJson(number, customer, issue, due, amount));
    }

    private void postInvoice(String invoiceJson) {
        ResponseEntity<String> response = as(ERP).postForEntity("/api/invoices", json(invoiceJson), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }

    private static String invoiceJson(String number, String customer, LocalDate issue, LocalDate due, String amount) {
        return """
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                 "currency": "NOK", "amount": %s}""".formatted(number, customer, issue, due, amount);
    }

    private static HttpEntity<String> json(String body) {
        return ApplicationTest.jsonEntity(body);
    }
}
