package io.overdue.dunning;

import static org.assertj.core.api.Assertions.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.overdue.dunning.CollectionCaseProcess.Delegates;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.dunning.CollectionCaseProcess.FollowUpOutcomes;
import io.overdue.dunning.CollectionCaseProcess.Forms;
import io.overdue.dunning.CollectionCaseProcess.Groups;
import io.overdue.dunning.CollectionCaseProcess.Messages;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plain-engine tests of the collection case model (no Spring context): every path, with the
 * clock and the job executor under the test's control.
 */
@Deployment(resources = {CollectionCaseProcess.RESOURCE, Forms.RESOURCE})
class CollectionCaseProcessTest {

  // Full coverage is achievable and cheap here; anything less means a path of the model is untested.
  @RegisterExtension
  static ProcessEngineCoverageExtension extension =
      ProcessEngineCoverageExtension.builder().assertClassCoverageAtLeast(1.0).build();

  private static final Instant INVOICE_RECEIVED_AT = Instant.parse("2025-03-03T09:00:00Z");
  private static final Instant FIRST_REMINDER_AT = Instant.parse("2025-03-20T06:00:00Z");
  // The defaults of DunningProperties: P14D to pay after the reminder, P3D between follow-ups.
  private static final DunningSchedule SCHEDULE = new DunningSchedule(new DunningProperties(null, null, null, null, null, null));
  private static final Map<String, Object> CASE_FACTS = Map.of(
      Variables.INVOICE_NUMBER, "INV-2025-0042",
      Variables.CUSTOMER_NUMBER, "C-1001",
      Variables.CUSTOMER_NAME, "Acme Hardware Ltd",
      Variables.OPEN_BALANCE, "1250.50",
      Variables.CURRENCY, "EUR",
      Variables.DUE_DATE, "2025-03-17");

  private JavaDelegate sendFirstReminder;

  @BeforeEach
  void setUp() {
    // Explicit, because a Spring Boot test in the same JVM may register a second engine.
    init(extension.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(INVOICE_RECEIVED_AT));
    sendFirstReminder = mock(JavaDelegate.class);
    Mocks.register(Delegates.SEND_FIRST_REMINDER, sendFirstReminder);
    Mocks.register(Delegates.DUNNING_SCHEDULE, SCHEDULE);
    // Stands in for the listener that reads our tables: the same variables, set the same way.
    Mocks.register(Delegates.LOAD_CASE_FACTS, (TaskListener) task -> task.setVariablesLocal(CASE_FACTS));
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
    reset();
  }

  @Test
  void settlementBeforeDueDateEndsTheCaseWithoutReminder() {
    ProcessInstance collectionCase = startCase();
    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_DUE_DATE);

    settle(collectionCase);

    assertThat(collectionCase)
        .isEnded()
        .hasPassed(Elements.INVOICE_SETTLED, Elements.CASE_SETTLED)
        .hasNotPassed(Elements.DUE_DATE_PASSED, Elements.SEND_FIRST_REMINDER);
    assertThat(jobsOf(collectionCase)).isEmpty();
    verifyNoInteractions(sendFirstReminder);
  }

  @Test
  void amendmentBeforeDueDateRecreatesTheTimerFromTheNewDate() {
    ProcessInstance collectionCase = startCase();
    Job originalTimer = onlyJob(collectionCase);
    assertThat(originalTimer.getDuedate()).isEqualTo(Date.from(FIRST_REMINDER_AT));

    Date postponed = Date.from(FIRST_REMINDER_AT.plusSeconds(10 * 24 * 3600));
    runtimeService()
        .createMessageCorrelation(Messages.INVOICE_AMENDED)
        .processInstanceId(collectionCase.getId())
        .setVariable(Variables.FIRST_REMINDER_AT, postponed)
        .correlate();

    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_DUE_DATE).hasPassed(Elements.INVOICE_AMENDED);
    Job recreatedTimer = onlyJob(collectionCase);
    assertThat(recreatedTimer.getId()).isNotEqualTo(originalTimer.getId());
    assertThat(recreatedTimer.getDuedate()).isEqualTo(postponed);

    fireTimer(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.SEND_FIRST_REMINDER);
  }

  @Test
  void amendmentAfterDueDateIsNotCorrelated() {
    // Documents that callers must tolerate (or avoid) amending a case that is already in dunning.
    ProcessInstance collectionCase = startCase();
    fireTimer(collectionCase);

    assertThatThrownBy(
            () ->
                runtimeService()
                    .createMessageCorrelation(Messages.INVOICE_AMENDED)
                    .processInstanceId(collectionCase.getId())
                    .correlate())
        .isInstanceOf(MismatchingMessageCorrelationException.class);
    assertThat(collectionCase).isWaitingAt(Elements.SEND_FIRST_REMINDER);
  }

  @Test
  void dueDateLeadsToOneReminderAndThenFollowUpsUntilSettled() throws Exception {
    ProcessInstance collectionCase = startCase();

    fireTimer(collectionCase);
    assertThat(collectionCase).hasPassed(Elements.DUE_DATE_PASSED).isWaitingAt(Elements.SEND_FIRST_REMINDER);
    verifyNoInteractions(sendFirstReminder); // asyncBefore: nothing is sent inside the timer's transaction

    execute(onlyJob(collectionCase));
    verify(sendFirstReminder, times(1)).execute(any());
    assertThat(collectionCase).isWaitingAt(Elements.REMINDER_DEADLINE_PASSED);
    assertThat(onlyJob(collectionCase).getDuedate()).isEqualTo(nowPlusDays(14));

    fireTimer(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.FOLLOW_UP_OVERDUE_INVOICE);
    Task followUp = task(collectionCase);
    assertThat(followUp)
        .hasDefinitionKey(Elements.FOLLOW_UP_OVERDUE_INVOICE)
        .hasCandidateGroup(Groups.COLLECTORS)
        .hasDueDate(nowPlusDays(2));
    assertFormIsLinkedAndDeployed(followUp);
    assertThat(taskService().getVariablesLocal(followUp.getId())).containsExactlyInAnyOrderEntriesOf(CASE_FACTS);

    String promisedPaymentDate = "2025-04-22"; // as the form's date field submits it
    complete(
        followUp,
        withVariables(
            Variables.FOLLOW_UP_OUTCOME, FollowUpOutcomes.PROMISED_TO_PAY,
            Variables.PROMISED_PAYMENT_DATE, promisedPaymentDate,
            Variables.FOLLOW_UP_NOTES, "Customer will pay after their month-end run"));
    assertThat(collectionCase).isWaitingAt(Elements.PROMISED_PAYMENT_DATE_PASSED);
    // The promise is broken only once the promised day is over.
    assertThat(onlyJob(collectionCase).getDuedate())
        .isEqualTo(startOfDay(LocalDate.parse(promisedPaymentDate).plusDays(1)));

    fireTimer(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.FOLLOW_UP_OVERDUE_INVOICE);
    complete(task(collectionCase), withVariables(Variables.FOLLOW_UP_OUTCOME, FollowUpOutcomes.NOT_REACHED));
    assertThat(collectionCase).isWaitingAt(Elements.FOLLOW_UP_INTERVAL_PASSED);
    assertThat(onlyJob(collectionCase).getDuedate()).isEqualTo(nowPlusDays(3));

    fireTimer(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.FOLLOW_UP_OVERDUE_INVOICE);
    assertThat(taskService().createTaskQuery().processInstanceId(collectionCase.getId()).count())
        .isEqualTo(1);
    verify(sendFirstReminder, times(1)).execute(any()); // follow-up loops never resend the first reminder
  }

  @Test
  void reachedWithoutPromiseWaitsTheFollowUpInterval() {
    ProcessInstance collectionCase = startCaseAndWaitForFollowUp();

    complete(
        task(collectionCase),
        withVariables(Variables.FOLLOW_UP_OUTCOME, FollowUpOutcomes.REACHED_NO_PROMISE));

    // hasPassed only sees activities, not sequence flows, so the branch shows in where the case waits.
    assertThat(collectionCase)
        .isWaitingAt(Elements.FOLLOW_UP_INTERVAL_PASSED)
        .isNotWaitingAt(Elements.PROMISED_PAYMENT_DATE_PASSED);
  }

  @Test
  void settlementWhileFollowUpTaskIsOpenEndsTheCase() {
    ProcessInstance collectionCase = startCaseAndWaitForFollowUp();
    assertThat(collectionCase).isWaitingAt(Elements.FOLLOW_UP_OVERDUE_INVOICE);

    settle(collectionCase);

    assertThat(collectionCase).isEnded().hasPassed(Elements.CASE_SETTLED);
    assertThat(taskService().createTaskQuery().processInstanceId(collectionCase.getId()).count())
        .isZero();
  }

  @Test
  void settlementWhileWaitingForTheReminderDeadlineEndsTheCase() {
    ProcessInstance collectionCase = startCase();
    fireTimer(collectionCase);
    execute(onlyJob(collectionCase));
    assertThat(collectionCase).isWaitingAt(Elements.REMINDER_DEADLINE_PASSED);

    settle(collectionCase);

    assertThat(collectionCase)
        .isEnded()
        .hasPassed(Elements.CASE_SETTLED)
        .hasNotPassed(Elements.FOLLOW_UP_OVERDUE_INVOICE);
    assertThat(jobsOf(collectionCase)).isEmpty();
  }

  @Test
  void settlementWhileReminderIsQueuedCancelsTheReminder() {
    ProcessInstance collectionCase = startCase();
    fireTimer(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.SEND_FIRST_REMINDER);

    settle(collectionCase);

    assertThat(collectionCase).isEnded().hasPassed(Elements.CASE_SETTLED);
    assertThat(jobsOf(collectionCase)).isEmpty();
    verifyNoInteractions(sendFirstReminder);
  }

  @Test
  void failingReminderIsRetriedEveryFiveMinutesAndEndsInAnIncident() throws Exception {
    doThrow(new IllegalStateException("mail server down")).when(sendFirstReminder).execute(any());
    ProcessInstance collectionCase = startCase();
    fireTimer(collectionCase);
    Job reminderJob = onlyJob(collectionCase);

    assertThatThrownBy(() -> managementService().executeJob(reminderJob.getId()))
        .hasMessageContaining("mail server down");

    Job afterFirstFailure = onlyJob(collectionCase);
    assertThat(afterFirstFailure.getRetries()).isEqualTo(4); // R5: five attempts in all
    assertThat(afterFirstFailure.getDuedate()).isEqualTo(Date.from(now().toInstant().plusSeconds(5 * 60)));
    assertThat(afterFirstFailure.getExceptionMessage()).contains("mail server down");
    assertThat(runtimeService().createIncidentQuery().processInstanceId(collectionCase.getId()).count())
        .isZero();

    // Skip the remaining attempts rather than replaying them one by one.
    managementService().setJobRetries(reminderJob.getId(), 1);
    assertThatThrownBy(() -> managementService().executeJob(reminderJob.getId()))
        .hasMessageContaining("mail server down");

    assertThat(onlyJob(collectionCase).getRetries()).isZero();
    Incident incident =
        runtimeService().createIncidentQuery().processInstanceId(collectionCase.getId()).singleResult();
    assertThat(incident).isNotNull();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getActivityId()).isEqualTo(Elements.SEND_FIRST_REMINDER);
    assertThat(collectionCase).isWaitingAt(Elements.SEND_FIRST_REMINDER);
    verify(sendFirstReminder, times(2)).execute(any());
  }

  @Test
  void formFieldsMatchProcessVariables() throws Exception {
    JsonNode form;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(Forms.RESOURCE)) {
      assertThat(in).as(Forms.RESOURCE + " on the classpath").isNotNull();
      form = new ObjectMapper().readTree(in);
    }
    assertThat(form.path("id").asText()).isEqualTo(Forms.FOLLOW_UP_OVERDUE_INVOICE);

    Map<String, JsonNode> fieldsByKey = new HashMap<>();
    form.path("components").forEach(c -> {
      if (c.has("key")) {
        fieldsByKey.put(c.get("key").asText(), c);
      }
    });
    List<String> displayOnly = List.of(
        Variables.INVOICE_NUMBER, Variables.CUSTOMER_NUMBER, Variables.CUSTOMER_NAME,
        Variables.OPEN_BALANCE, Variables.CURRENCY, Variables.DUE_DATE);
    List<String> expectedKeys = new ArrayList<>(displayOnly);
    expectedKeys.addAll(List.of(
        Variables.FOLLOW_UP_OUTCOME, Variables.PROMISED_PAYMENT_DATE, Variables.FOLLOW_UP_NOTES));
    assertThat(fieldsByKey).containsOnlyKeys(expectedKeys);

    // Disabled (not merely read-only) so Tasklist does not submit them back and retype the variables.
    displayOnly.forEach(key ->
        assertThat(fieldsByKey.get(key).path("disabled").asBoolean()).as(key + " disabled").isTrue());

    JsonNode outcome = fieldsByKey.get(Variables.FOLLOW_UP_OUTCOME);
    assertThat(outcome.path("validate").path("required").asBoolean()).isTrue();
    assertThat(outcome.path("values").findValuesAsText("value"))
        .containsExactly(
            FollowUpOutcomes.PROMISED_TO_PAY, FollowUpOutcomes.NOT_REACHED, FollowUpOutcomes.REACHED_NO_PROMISE);

    JsonNode promisedDate = fieldsByKey.get(Variables.PROMISED_PAYMENT_DATE);
    assertThat(promisedDate.path("type").asText()).isEqualTo("datetime");
    assertThat(promisedDate.path("subtype").asText()).isEqualTo("date");
    assertThat(promisedDate.path("validate").path("required").asBoolean()).isTrue();
    assertThat(promisedDate.path("conditional").path("hide").asText())
        .isEqualTo("=" + Variables.FOLLOW_UP_OUTCOME + " != \"" + FollowUpOutcomes.PROMISED_TO_PAY + "\"");
  }

  // --- helpers -------------------------------------------------------------------------------

  private ProcessInstance startCase() {
    Map<String, Object> variables = new HashMap<>();
    // All a case carries from its start; everything else is read from our tables when needed.
    variables.put(Variables.INVOICE_NUMBER, "INV-2025-0042");
    variables.put(Variables.FIRST_REMINDER_AT, Date.from(FIRST_REMINDER_AT));
    ProcessInstance collectionCase =
        runtimeService().startProcessInstanceByKey(CollectionCaseProcess.PROCESS_KEY, "INV-2025-0042", variables);
    assertThat(collectionCase).isStarted().hasPassed(Elements.INVOICE_RECEIVED);
    return collectionCase;
  }

  private ProcessInstance startCaseAndWaitForFollowUp() {
    ProcessInstance collectionCase = startCase();
    fireTimer(collectionCase);
    execute(onlyJob(collectionCase));
    fireTimer(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.FOLLOW_UP_OVERDUE_INVOICE);
    return collectionCase;
  }

  private void settle(ProcessInstance collectionCase) {
    runtimeService()
        .createMessageCorrelation(Messages.INVOICE_SETTLED)
        .processInstanceId(collectionCase.getId())
        .setVariable(Variables.SETTLEMENT, "PAID_IN_FULL")
        .correlate();
  }

  /** Moves the clock to the timer's due date first, as the job executor would only run it then. */
  private void fireTimer(ProcessInstance collectionCase) {
    Job timer = onlyJob(collectionCase);
    assertThat(timer.getDuedate()).as("timer due date").isNotNull();
    ClockUtil.setCurrentTime(timer.getDuedate());
    execute(timer);
  }

  private Job onlyJob(ProcessInstance collectionCase) {
    List<Job> jobs = jobsOf(collectionCase);
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private List<Job> jobsOf(ProcessInstance collectionCase) {
    return managementService().createJobQuery().processInstanceId(collectionCase.getId()).list();
  }

  private void assertFormIsLinkedAndDeployed(Task task) throws Exception {
    CamundaFormRef formRef =
        taskService().createTaskQuery().taskId(task.getId()).initializeFormKeys().singleResult().getCamundaFormRef();
    assertThat(formRef.getKey()).isEqualTo(Forms.FOLLOW_UP_OVERDUE_INVOICE);
    assertThat(formRef.getBinding()).isEqualTo("latest");
    // Resolves the reference the way Tasklist does, so a missing form deployment fails here.
    try (InputStream deployedForm = formService().getDeployedTaskForm(task.getId())) {
      assertThat(new ObjectMapper().readTree(deployedForm).path("id").asText())
          .isEqualTo(Forms.FOLLOW_UP_OVERDUE_INVOICE);
    }
  }

  private static ZonedDateTime now() {
    return ZonedDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
  }

  /** Calendar days in the JVM zone, matching how the engine adds ISO durations. */
  private static Date nowPlusDays(int days) {
    return Date.from(now().plusDays(days).toInstant());
  }

  private static Date startOfDay(LocalDate date) {
    return Date.from(date.atStartOfDay(ZoneId.systemDefault()).toInstant());
  }
}
