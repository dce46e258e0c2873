package io.overdue.dunning;

import io.overdue.channels.CommunicationLog;
import io.overdue.channels.SentNotice;
import io.overdue.credit.CreditHoldEvent;
import io.overdue.credit.CreditHolds;
import io.overdue.customers.CreditHoldSource;
import io.overdue.customers.CustomerService;
import io.overdue.dunning.CollectionCaseProcess.Delegates;
import io.overdue.dunning.CollectionCaseProcess.TaskFacts;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.support.ApplicationTest;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.overdue.dunning.DunningTestData.CREDITOR_ZONE;
import static io.overdue.dunning.DunningTestData.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Level planning, the courtesy reminder, credit holds, one more round and the collectors' task facts, called
 * directly (the model on this branch is still v1). Norwegian customers: levels go 3 days after due, then 15 days
 * after the previous notice, each with a 14-day deadline; three levels.
 */
class DunningLevelsTest extends ApplicationTest {

    @Autowired DunningLevels levels;
    @Autowired DunningNoticeStore store;
    @Autowired DunningNotices notices;
    @Autowired CourtesyReminders courtesy;
    @Autowired CaseFacts caseFacts;
    @Autowired CustomerService customers;
    @Autowired CreditHolds creditHolds;
    @Autowired CommunicationLog log;
    @Autowired ApplicationContext beans;
    @Autowired JdbcTemplate jdbc;

    @Test
    void theFirstLevelWaitsFromTheDueDateAtTheReminderTime() throws Exception {
        String invoice = consumerInvoice(today().plusDays(5), "2000");

        DunningLevels.Plan plan = levels.plan(invoice, 0, false);

        assertThat(plan.moreLevels()).isTrue();
        assertThat(plan.nextLevel()).isEqualTo(1);
        assertWithinTheReminderHour(plan.nextNoticeAt(), today().plusDays(5 + 3));
    }

    @Test
    void laterLevelsWaitFromThePreviousNoticeNotFromTheDueDate() throws Exception {
        String invoice = consumerInvoice(today().minusDays(20), "2000");
        LocalDate previous = today().minusDays(2);
        record(invoice, 1, 1, previous, previous.plusDays(14), null);

        DunningLevels.Plan plan = levels.plan(invoice, 1, false);

        assertThat(plan.nextLevel()).isEqualTo(2);
        assertWithinTheReminderHour(plan.nextNoticeAt(), previous.plusDays(15));
    }

    @Test
    void aBrokenPromiseSendsTheNextLevelAtOnceAndTheFlagIsConsumed() throws Exception {
        String invoice = consumerInvoice(today().minusDays(20), "2000");
        record(invoice, 1, 1, today().minusDays(2), today().plusDays(12), null);
        DelegateExecution execution = execution(invoice, Map.of(Variables.LEVEL, 1, Variables.NEXT_LEVEL_AT_ONCE, true));
        Instant before = Instant.now();

        delegate(Delegates.PLAN_NEXT_LEVEL).execute(execution);

        verify(execution).setVariable(Variables.NEXT_LEVEL, 2);
        verify(execution).setVariable(Variables.MORE_LEVELS, true);
        ArgumentCaptor<Date> at = ArgumentCaptor.forClass(Date.class);
        verify(execution).setVariable(eq(Variables.NEXT_NOTICE_AT), at.capture());
        assertThat(at.getValue().toInstant()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        verify(execution).removeVariable(Variables.NEXT_LEVEL_AT_ONCE);
    }

    @Test
    void aWaitThatEndedWhileTheCaseWasPausedGoesNowNotInThePast() throws Exception {
        String invoice = consumerInvoice(today().minusDays(30), "2000");
        Instant before = Instant.now();

        DunningLevels.Plan plan = levels.plan(invoice, 0, false);

        assertThat(plan.nextNoticeAt().toInstant()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    }

    @Test
    void afterTheLastLevelTheCaseWaitsForItsDeadlineToRunOut() throws Exception {
        String invoice = consumerInvoice(today().minusDays(40), "2000");
        LocalDate deadline = today().plusDays(13);
        record(invoice, 3, 1, today().minusDays(1), deadline, null);
        DelegateExecution execution = execution(invoice, Map.of(Variables.LEVEL, 3));

        delegate(Delegates.PLAN_NEXT_LEVEL).execute(execution);

        verify(execution).setVariable(Variables.MORE_LEVELS, false);
        verify(execution).setVariable(Variables.NEXT_LEVEL, 4);
        ArgumentCaptor<Date> at = ArgumentCaptor.forClass(Date.class);
        verify(execution).setVariable(eq(Variables.NEXT_NOTICE_AT), at.capture());
        Instant endOfDeadline = deadline.plusDays(1).atStartOfDay(CREDITOR_ZONE).toInstant();
        assertThat(at.getValue().toInstant()).isBetween(endOfDeadline, endOfDeadline.plus(1, ChronoUnit.HOURS));
    }

    @Test
    void withNoLevelLeftAndNothingSentTheCaseGoesOnNow() throws Exception {
        String invoice = consumerInvoice(today().minusDays(40), "2000");
        Instant before = Instant.now();

        DunningLevels.Plan plan = levels.plan(invoice, 3, false);

        assertThat(plan.moreLevels()).isFalse();
        assertThat(plan.nextNoticeAt().toInstant()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    }

    @Test
    void oneMoreRoundSendsTheLastLevelAgainUnderKeysOfTheNewRound() throws Exception {
        DelegateExecution execution = execution("1", Map.of(Variables.LEVEL, 3));

        delegate(Delegates.START_ONE_MORE_ROUND).execute(execution);

        verify(execution).setVariable(Variables.ROUND, 2);
        verify(execution).setVariable(Variables.LEVEL, 2);
        assertThat(DunningLevels.oneMoreRound(3, 2)).isEqualTo(new DunningLevels.Round(2, 3));
        assertThat(DunningNotice.key("7001", 3, 2)).isEqualTo("notice:7001:L3:R2").isNotEqualTo(DunningNotice.key("7001", 3, 1));
    }

    @Test
    void sendingALevelTellsTheModelWhatItAskedFor() throws Exception {
        DunningTestData.Debt debt = DunningTestData.businessDebt(as(ERP), today().minusDays(18), "5000");
        String customer = debt.customer();
        String invoice = debt.invoice();
        DelegateExecution execution = execution(invoice, Map.of(Variables.NEXT_LEVEL, 2));

        delegate(Delegates.SEND_DUNNING_NOTICE).execute(execution);

        verify(execution).setVariable(Variables.LEVEL, 2);
        verify(execution).setVariable(eq(Variables.LAST_NOTICE_AT), org.mockito.ArgumentMatchers.any(Date.class));
        verify(execution).setVariable(Variables.CREDIT_HOLD, false);
        verify(execution).setVariable(Variables.CALL_CUSTOMER, false);
        assertThat(notices.forInvoice(invoice)).singleElement()
                .satisfies(notice -> assertThat(notice.template()).isEqualTo("reminder-2"));
    }

    @Test
    void theCourtesyReminderIsWantedAboveThePresetsAmountWhileItsMomentIsAhead() throws Exception {
        LocalDate due = today().plusDays(10);
        String large = consumerInvoice(due, "6000");
        DelegateExecution execution = execution(large, Map.of());

        delegate(Delegates.DECIDE_COURTESY_REMINDER).execute(execution);

        verify(execution).setVariableLocal(Variables.COURTESY_REMINDER_WANTED, true);
        ArgumentCaptor<Date> at = ArgumentCaptor.forClass(Date.class);
        verify(execution).setVariableLocal(eq(Variables.COURTESY_REMINDER_AT), at.capture());
        assertWithinTheReminderHour(at.getValue(), due.minusDays(3));

        assertThat(courtesy.decide(consumerInvoice(due, "1000")).wanted()).as("below NOK 5,000").isFalse();
        assertThat(courtesy.decide(consumerInvoice(today().plusDays(2), "6000")).wanted()).as("moment passed").isFalse();
    }

    @Test
    void theCourtesyReminderGoesOnceAndNotAfterTheDueDate() throws Exception {
        String invoice = consumerInvoice(today().plusDays(3), "6000");

        delegate(Delegates.SEND_COURTESY_REMINDER).execute(execution(invoice, Map.of()));
        courtesy.send(invoice);

        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(log.forInvoice(invoice)).singleElement().satisfies(entry -> {
            assertThat(entry.idempotencyKey()).isEqualTo("courtesy:" + invoice);
            assertThat(entry.template()).isEqualTo("courtesy-reminder");
        });

        String late = consumerInvoice(today().minusDays(1), "6000");
        assertThat(courtesy.send(late)).isEmpty();
        assertThat(log.forInvoice(late)).isEmpty();
    }

    @Test
    void theCreditHoldIsPlacedAtTheLevelAndReleasedOnceNothingIsOverdue() throws Exception {
        DunningTestData.Debt debt = DunningTestData.businessDebt(as(ERP), today().minusDays(40), "5000");
        String customer = debt.customer();
        String invoice = debt.invoice();
        record(invoice, 3, 1, today(), today().plusDays(14), null);

        ReleaseCreditHoldDelegate release = beans.getBean(Delegates.RELEASE_CREDIT_HOLD, ReleaseCreditHoldDelegate.class);
        assertThat(release.isNeeded(invoice)).as("no hold yet").isFalse();

        delegate(Delegates.PLACE_CREDIT_HOLD).execute(execution(invoice, Map.of(Variables.LEVEL, 3)));

        assertThat(customers.get(customer).creditHold()).isTrue();
        assertThat(customers.get(customer).creditHoldSource()).isEqualTo(CreditHoldSource.POLICY);
        assertThat(creditHolds.state(customer).history()).extracting(CreditHoldEvent::reason).contains("level 3: inkassovarsel");
        assertThat(release.isNeeded(invoice)).isTrue();

        delegate(Delegates.RELEASE_CREDIT_HOLD).execute(execution(invoice, Map.of()));
        assertThat(customers.get(customer).creditHold()).as("still overdue").isTrue();

        DunningTestData.cancel(jdbc, invoice);
        delegate(Delegates.RELEASE_CREDIT_HOLD).execute(execution(invoice, Map.of()));
        assertThat(customers.get(customer).creditHold()).isFalse();
    }

    @Test
    void theDeciderIsTheAssigneeElseTheCurrentUserElseUnknown() throws Exception {
        RecordDeciderListener listener = (RecordDeciderListener) beans.getBean(Delegates.RECORD_DECIDER);
        DelegateTask assigned = mock(DelegateTask.class, RETURNS_DEEP_STUBS);
        when(assigned.getAssignee()).thenReturn("kari");
        listener.notify(assigned);
        verify(assigned.getExecution().getProcessInstance()).setVariable(Variables.DECIDED_BY, "kari");

        identity.setAuthenticatedUserId("boss");
        try {
            assertThat(listener.decider(null)).isEqualTo("boss");
        } finally {
            identity.clearAuthentication();
        }
        assertThat(listener.decider(" ")).isEqualTo(RecordDeciderListener.UNKNOWN);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCollectorsTaskShowsTheCustomerFileWithLevelChargesContactsOpenInvoicesAndLastContacts() throws Exception {
        DunningTestData.Debt debt = DunningTestData.businessDebt(as(ERP), today().minusDays(18), "5000");
        String customer = debt.customer();
        String invoice = debt.invoice();
        String other = DunningTestData.debt(as(ERP), customer, today().plusDays(10), "750.50").invoice();
        notices.send(invoice, 2, 1); // a business: email only, compensation shown, no fee
        DelegateTask task = mock(DelegateTask.class);
        when(task.getVariable(Variables.INVOICE_NUMBER)).thenReturn(invoice);

        ((org.camunda.bpm.engine.delegate.TaskListener) beans.getBean(Delegates.LOAD_CASE_FACTS)).notify(task);

        ArgumentCaptor<Map<String, Object>> captor = ArgumentCaptor.forClass(Map.class);
        verify(task).setVariablesLocal(captor.capture());
        Map<String, Object> facts = captor.getValue();
        assertThat(facts).containsKeys(taskFactKeys()).containsKeys(Variables.INVOICE_NUMBER, Variables.CUSTOMER_NUMBER,
                Variables.CUSTOMER_NAME, Variables.OPEN_BALANCE, Variables.CURRENCY, Variables.DUE_DATE);
        assertThat(facts.values()).allMatch(String.class::isInstance);
        assertThat(facts.get(Variables.CUSTOMER_NUMBER)).isEqualTo(customer);
        assertThat(facts.get(TaskFacts.DUNNING_LEVEL)).isEqualTo("2");
        assertThat((String) facts.get(TaskFacts.CHARGES)).contains("Fixed compensation: 470.00 NOK");
        assertThat(facts.get(TaskFacts.TOTAL_CLAIMED)).isEqualTo("5470.00 NOK");
        assertThat((String) facts.get(TaskFacts.CONTACTS)).contains("CFO: Per Økonomi, per@fjellheim.example, +4792345678",
                "CEO: Ola Sjef, ola@fjellheim.example");
        assertThat(facts.get(TaskFacts.PHONE)).isEqualTo("+4791234567");
        assertThat(((String) facts.get(TaskFacts.OPEN_INVOICES)).lines())
                .containsExactly(invoice + ": 5000.00 NOK, due " + today().minusDays(18),
                        other + ": 750.50 NOK, due " + today().plusDays(10));
        assertThat((String) facts.get(TaskFacts.LAST_CONTACTS)).contains("EMAIL reminder-2 to faktura@fjellheim.example (SENT)");
        assertThat(facts.get(TaskFacts.PROMISES_AND_DISPUTES)).isEqualTo(CaseFacts.NONE_RECORDED);
        assertThat(facts.get(TaskFacts.CREDIT_HOLD_STATE)).isEqualTo("not on hold");
    }

    private String consumerInvoice(LocalDate due, String amount) {
        return DunningTestData.consumerDebt(as(ERP), due, amount).invoice();
    }

    private void record(String invoice, int level, int round, LocalDate sentOn, LocalDate deadline, BigDecimal fee) {
        store.insert(recorded(invoice, level, round, sentOn, deadline, fee));
    }

    /** A notice as {@link DunningNotices} records it, for tests that need one sent earlier. */
    static DunningNotice recorded(String invoice, int level, int round, LocalDate sentOn, LocalDate deadline, BigDecimal fee) {
        Instant sentAt = sentOn.atTime(LocalTime.of(9, 0)).atZone(CREDITOR_ZONE).toInstant();
        String template = level == 3 ? "inkassovarsel" : level == 2 ? "reminder-2" : "reminder-1";
        return new DunningNotice(0, invoice, "C", level, round, sentAt, sentOn, deadline, template,
                "FIRM", List.of("EMAIL"), "NOK", new BigDecimal("2000"), fee == null ? "NONE" : "REMINDER_FEE", fee,
                fee == null ? null : "NOK", null, null, null, null, null, null, null, null, null, null, false, false, null);
    }

    private static void assertWithinTheReminderHour(Date at, LocalDate day) {
        ZonedDateTime nine = day.atTime(LocalTime.of(9, 0)).atZone(CREDITOR_ZONE);
        assertThat(at.toInstant()).isBetween(nine.toInstant(), nine.plusHours(1).toInstant());
    }

    private static DelegateExecution execution(String invoice, Map<String, Object> variables) {
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getVariable(Variables.INVOICE_NUMBER)).thenReturn(invoice);
        variables.forEach((name, value) -> when(execution.getVariable(name)).thenReturn(value));
        return execution;
    }

    private JavaDelegate delegate(String name) {
        return beans.getBean(name, JavaDelegate.class);
    }

    private static String[] taskFactKeys() {
        return Arrays.stream(TaskFacts.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(DunningLevelsTest::constant).toArray(String[]::new);
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
