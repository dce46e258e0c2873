package io.overdue.dunning;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import io.overdue.dunning.CollectionCaseProcess.CallOutcomes;
import io.overdue.dunning.CollectionCaseProcess.ContactResults;
import io.overdue.dunning.CollectionCaseProcess.Delegates;
import io.overdue.dunning.CollectionCaseProcess.DisputeResolutions;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.dunning.CollectionCaseProcess.EscalationDecisions;
import io.overdue.dunning.CollectionCaseProcess.Groups;
import io.overdue.dunning.CollectionCaseProcess.Messages;
import io.overdue.plans.PaymentPlanProcess;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.support.EngineJobs;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
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
 * Plain-engine tests of {@code bpmn/collection-case.bpmn} (no Spring context): every path, with the clock and the
 * jobs under the test's control. The delegates are stand-ins that set the same variables as the real beans and
 * log what they were asked to do; what the real ones do is tested with Spring and real parts elsewhere.
 */
@Deployment(resources = {CollectionCaseProcess.RESOURCE, CollectionCaseProcess.Forms.CALL_CUSTOMER_RESOURCE,
    CollectionCaseProcess.Forms.RESOLVE_DISPUTE_RESOURCE, CollectionCaseProcess.Forms.DECIDE_ESCALATION_RESOURCE,
    CollectionCaseProcess.Forms.PREPARE_LEGAL_ACTION_RESOURCE, CollectionCaseProcessTest.PLAN_STUB})
class CollectionCaseProcessTest {

  /** The build fails below this share of flow nodes and sequence flows covered by the tests of this class. */
  @RegisterExtension
  static ProcessEngineCoverageExtension extension =
      ProcessEngineCoverageExtension.builder().assertClassCoverageAtLeast(0.9).build();

  /** Stands in for bpmn/payment-plan.bpmn (tested on its own): one task whose completion says how the plan ended. */
  static final String PLAN_STUB = "stubs/payment-plan-stub.bpmn";
  private static final String INVOICE = "INV-2025-0042";
  private static final Instant RECEIVED_AT = Instant.parse("2025-03-03T09:00:00Z");
  private static final Instant DUE_AND_GRACE_AT = Instant.parse("2025-03-20T08:00:00Z");
  private static final Duration LEVEL_WAIT = Duration.ofDays(10);

  private final FakeCase fake = new FakeCase();

  @BeforeEach
  void setUp() {
    // Explicit, because a Spring Boot test in the same JVM may register a second engine.
    init(extension.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(RECEIVED_AT));
    fake.register();
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
    reset();
  }

  // ------------------------------------------------------------------------------------------ before the due date

  @Test
  void paidBeforeDueDateEndsWithoutANotice() {
    ProcessInstance collectionCase = startCase();
    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_DUE_DATE);

    settle(collectionCase, "PAID");

    assertThat(collectionCase).isEnded()
        .hasPassed(Elements.INVOICE_SETTLED, Elements.CLOSE_SETTLED_CASE, Elements.CASE_PAID)
        .hasNotPassed(Elements.DUE_DATE_PASSED, Elements.SEND_DUNNING_NOTICE, Elements.RELEASE_CREDIT_HOLD_AFTER_SETTLEMENT);
    Assertions.assertThat(fake.log).containsExactly("closeCase PAID");
    Assertions.assertThat(jobsOf(collectionCase)).isEmpty();
  }

  @Test
  void creditNoteOrCancellationEndsTheCaseCancelled() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);

    settle(collectionCase, "CANCELLED");

    assertThat(collectionCase).isEnded().hasPassed(Elements.CASE_CANCELLED).hasNotPassed(Elements.CASE_PAID);
  }

  @Test
  void courtesyReminderGoesBeforeTheDueDateWhenThePolicyWantsOne() {
    fake.courtesyWanted = true;
    ProcessInstance collectionCase = startCase();
    Job window = timer(collectionCase, Elements.COURTESY_WINDOW_OPENED);
    Assertions.assertThat(window.getDuedate())
        .isEqualTo(Date.from(DUE_AND_GRACE_AT.minus(Duration.ofDays(10))));

    execute(window);
    Job due = timer(collectionCase, Elements.COURTESY_REMINDER_DUE);
    Assertions.assertThat(due.getDuedate()).isEqualTo(fake.courtesyAt);
    execute(due);
    execute(asyncJob(collectionCase, Elements.SEND_COURTESY_REMINDER));

    assertThat(collectionCase).hasPassed(Elements.DECIDE_COURTESY_REMINDER, Elements.COURTESY_REMINDER_SENT)
        .isWaitingAt(Elements.AWAIT_DUE_DATE);
    Assertions.assertThat(fake.log).containsExactly("courtesy reminder");
  }

  @Test
  void noCourtesyReminderWhenThePolicySaysNo() {
    ProcessInstance collectionCase = startCase();

    execute(timer(collectionCase, Elements.COURTESY_WINDOW_OPENED));

    assertThat(collectionCase).hasPassed(Elements.COURTESY_REMINDER_SKIPPED).hasNotPassed(Elements.SEND_COURTESY_REMINDER)
        .isWaitingAt(Elements.AWAIT_DUE_DATE);
    Assertions.assertThat(fake.log).isEmpty();
  }

  @Test
  void amendedDueDateReplansTheWait() {
    ProcessInstance collectionCase = startCase();
    Date later = Date.from(DUE_AND_GRACE_AT.plus(Duration.ofDays(7)));

    runtimeService().createMessageCorrelation(Messages.INVOICE_AMENDED).processInstanceBusinessKey(INVOICE)
        .setVariable(Variables.FIRST_REMINDER_AT, later).correlateAll();

    assertThat(collectionCase).hasPassed(Elements.INVOICE_AMENDED).isWaitingAt(Elements.AWAIT_DUE_DATE);
    Assertions.assertThat(timer(collectionCase, Elements.DUE_DATE_PASSED).getDuedate()).isEqualTo(later);
  }

  // ------------------------------------------------------------------------------------------ the dunning levels

  @Test
  void aCallCoveredByTheCustomersOpenCallInAnotherCaseOpensNoTaskAndDunningGoesOn() {
    fake.callLevels = Set.of(1);
    fake.callCovered = true;
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);

    assertThat(collectionCase).hasPassed(Elements.CALL_SLOT_FREE).hasNotPassed(Elements.CALL_CUSTOMER)
        .isWaitingAt(Elements.AWAIT_NEXT_LEVEL)
        .variables().containsEntry(Variables.NEXT_LEVEL, 2);
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(collectionCase.getId()).count()).isZero();
  }

  @Test
  void aCallBeyondTheCustomersCapsOpensItsTaskAtTheReservedSlot() {
    fake.callLevels = Set.of(1);
    fake.callSlotIn = Duration.ofHours(20);
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);

    assertThat(collectionCase).isWaitingAt(Elements.CALL_SLOT_REACHED);
    Assertions.assertThat(fake.log).contains("call slot in PT20H");
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(collectionCase.getId()).count()).isZero();
    Job slot = timer(collectionCase, Elements.CALL_SLOT_REACHED);
    Assertions.assertThat(slot.getDuedate()).isEqualTo(Date.from(now().plus(Duration.ofHours(20))));
    execute(slot);

    assertThat(collectionCase).isWaitingAt(Elements.CALL_CUSTOMER);
    completeCall(collectionCase, ContactResults.NO_ANSWER, CallOutcomes.NO_AGREEMENT, Map.of());
    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_NEXT_LEVEL);
  }

  @Test
  void levelsGoOneAfterAnotherWithCallsAndCreditHoldThenManagersDecideOnTheAgency() {
    fake.callLevels = Set.of(2, 3);
    fake.creditHoldLevel = 3;
    ProcessInstance collectionCase = startCase();

    passDueDate(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_NEXT_LEVEL).variables().containsEntry(Variables.NEXT_LEVEL, 1);
    Job firstLevel = timer(collectionCase, Elements.NEXT_LEVEL_DUE);
    Assertions.assertThat(firstLevel.getDuedate()).isEqualTo(Date.from(now().plus(LEVEL_WAIT)));
    sendLevel(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_NEXT_LEVEL);

    sendLevel(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.CALL_CUSTOMER);
    Task call = task(collectionCase);
    assertThat(call).hasCandidateGroup(Groups.COLLECTORS);
    Assertions.assertThat(call.getDueDate()).isEqualTo(Date.from(now().plus(Duration.ofDays(2))));
    Assertions.assertThat(taskService().getVariablesLocal(call.getId())).containsEntry(Variables.CUSTOMER_NAME, "Acme AS");
    completeCall(collectionCase, ContactResults.NO_ANSWER, CallOutcomes.NO_AGREEMENT, Map.of());

    sendLevel(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.PLACE_CREDIT_HOLD);
    execute(asyncJob(collectionCase, Elements.PLACE_CREDIT_HOLD));
    completeCall(collectionCase, ContactResults.REACHED, CallOutcomes.NO_AGREEMENT, Map.of());

    assertThat(collectionCase).isWaitingAt(Elements.FINAL_DEADLINE_PASSED);
    execute(timer(collectionCase, Elements.FINAL_DEADLINE_PASSED));
    assertThat(collectionCase).hasPassed(Elements.LEVELS_EXHAUSTED).isWaitingAt(Elements.DECIDE_ESCALATION);
    assertThat(task(collectionCase)).hasCandidateGroup(Groups.MANAGERS);

    decideEscalation(collectionCase, EscalationDecisions.AGENCY);
    assertThat(collectionCase).isWaitingAt(Elements.HAND_OVER_TO_AGENCY);
    execute(asyncJob(collectionCase, Elements.HAND_OVER_TO_AGENCY));

    assertThat(collectionCase).isEnded().hasPassed(Elements.HANDED_OVER_TO_AGENCY);
    Assertions.assertThat(fake.log).containsExactly("notice L1 R1", "notice L2 R1", "notice L3 R1", "credit hold", "agency");
    assertThat(collectionCase).variables().containsEntry(Variables.DECIDED_BY, "manager");
  }

  @Test
  void paidAfterEachLevelEndsThePaidCase() {
    for (int level = 1; level <= 3; level++) {
      fake.reset();
      ClockUtil.setCurrentTime(Date.from(RECEIVED_AT));
      ProcessInstance collectionCase = startCase(INVOICE + "-" + level);
      passDueDate(collectionCase);
      for (int sent = 0; sent < level; sent++) {
        sendLevel(collectionCase);
      }
      assertThat(collectionCase).variables().containsEntry(Variables.LEVEL, level);

      settle(collectionCase, "PAID");

      assertThat(collectionCase).isEnded().hasPassed(Elements.CASE_PAID);
      Assertions.assertThat(fake.log).last().isEqualTo("closeCase PAID");
    }
  }

  @Test
  void paymentReleasesTheCreditHoldAfterCommitThenEnds() {
    fake.creditHoldLevel = 1;
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);
    execute(asyncJob(collectionCase, Elements.PLACE_CREDIT_HOLD));
    fake.holdToRelease = true;

    settle(collectionCase, "PAID");

    // Asynchronous: the release runs in a job of its own, after the payment committed.
    assertThat(collectionCase).isWaitingAt(Elements.RELEASE_CREDIT_HOLD_AFTER_SETTLEMENT);
    execute(asyncJob(collectionCase, Elements.RELEASE_CREDIT_HOLD_AFTER_SETTLEMENT));
    assertThat(collectionCase).isEnded().hasPassed(Elements.CASE_PAID);
    Assertions.assertThat(fake.log).containsExactly("notice L1 R1", "credit hold", "closeCase PAID", "release credit hold");
  }

  @Test
  void partPaymentLowersTheBalanceAndDunningGoesOn() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);

    runtimeService().createMessageCorrelation(Messages.BALANCE_REDUCED).processInstanceBusinessKey(INVOICE).correlateAll();

    assertThat(collectionCase).isActive().hasPassed(Elements.BALANCE_REDUCED, Elements.DUNNING_GOES_ON)
        .isWaitingAt(Elements.AWAIT_NEXT_LEVEL);
    sendLevel(collectionCase);
    Assertions.assertThat(fake.log).containsExactly("notice L1 R1", "notice L2 R1");
  }

  @Test
  void amendmentWhileWaitingForTheNextLevelPlansItAgain() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);

    runtimeService().createMessageCorrelation(Messages.INVOICE_AMENDED).processInstanceBusinessKey(INVOICE)
        .setVariable(Variables.FIRST_REMINDER_AT, Date.from(DUE_AND_GRACE_AT)).correlateAll();

    assertThat(collectionCase).hasPassed(Elements.INVOICE_AMENDED_BEFORE_NOTICE).isWaitingAt(Elements.AWAIT_NEXT_LEVEL);
    Assertions.assertThat(fake.plannedLevels).containsExactly(1, 2, 2);
  }

  @Test
  void failingNoticeIsRetriedAndEndsInAnIncident() {
    fake.failSending = true;
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    execute(timer(collectionCase, Elements.NEXT_LEVEL_DUE));
    Job send = asyncJob(collectionCase, Elements.SEND_DUNNING_NOTICE);

    assertThatThrownBy(() -> managementService().executeJob(send.getId())).hasMessageContaining("SMTP down");
    Job retried = asyncJob(collectionCase, Elements.SEND_DUNNING_NOTICE);
    Assertions.assertThat(retried.getRetries()).isEqualTo(4);
    Assertions.assertThat(retried.getDuedate()).isEqualTo(Date.from(now().plus(Duration.ofMinutes(5))));

    managementService().setJobRetries(send.getId(), 1);
    assertThatThrownBy(() -> managementService().executeJob(send.getId())).hasMessageContaining("SMTP down");
    List<Incident> incidents = runtimeService().createIncidentQuery().processInstanceId(collectionCase.getId()).list();
    Assertions.assertThat(incidents).singleElement()
        .satisfies(incident -> Assertions.assertThat(incident.getActivityId()).isEqualTo(Elements.SEND_DUNNING_NOTICE));

    // Fixed and retried from Cockpit: the notice goes and the case moves on.
    fake.failSending = false;
    managementService().setJobRetries(send.getId(), 1);
    execute(asyncJob(collectionCase, Elements.SEND_DUNNING_NOTICE));
    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_NEXT_LEVEL).variables().containsEntry(Variables.LEVEL, 1);
  }

  // ------------------------------------------------------------------------------------------ holds

  @Test
  void holdStopsDunningUntilItsDateThenResumes() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);

    hold(collectionCase, "2025-05-02");
    assertThat(collectionCase).hasPassed(Elements.HOLD_REQUESTED, Elements.RECORD_HOLD)
        .isWaitingAt(Elements.AWAIT_END_OF_HOLD);
    Assertions.assertThat(timer(collectionCase, Elements.HOLD_DATE_REACHED).getDuedate())
        .isEqualTo(Date.from(Instant.parse("2025-05-02T08:00:00Z")));
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(collectionCase.getId())
        .activityId(Elements.NEXT_LEVEL_DUE).count()).as("no level is due while on hold").isZero();
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2025-05-02T08:00:00Z")));
    execute(timer(collectionCase, Elements.HOLD_DATE_REACHED));

    resumeDunning(collectionCase);
    assertThat(collectionCase).hasPassed(Elements.END_HOLD).isWaitingAt(Elements.AWAIT_NEXT_LEVEL);
    Assertions.assertThat(fake.log).containsExactly("notice L1 R1", "hold until 2025-05-02 by anna: in hospital",
        "hold ended by its date");
  }

  @Test
  void releasedHoldResumesDunningAtOnce() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);
    hold(collectionCase, "2025-05-02");

    runtimeService().createMessageCorrelation(Messages.CASE_HOLD_RELEASED).processInstanceId(collectionCase.getId())
        .setVariable(Variables.HOLD_RELEASED_BY, "bob").correlate();

    resumeDunning(collectionCase);
    assertThat(collectionCase).hasPassed(Elements.HOLD_RELEASED, Elements.END_HOLD).hasNotPassed(Elements.HOLD_DATE_REACHED)
        .isWaitingAt(Elements.AWAIT_NEXT_LEVEL);
    Assertions.assertThat(fake.log).endsWith("hold released by bob");
  }

  @Test
  void paymentDuringAHoldEndsTheCase() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    hold(collectionCase, "2025-05-02");

    settle(collectionCase, "PAID");

    assertThat(collectionCase).isEnded().hasPassed(Elements.CASE_PAID).hasNotPassed(Elements.END_HOLD);
    Assertions.assertThat(jobsOf(collectionCase)).isEmpty();
  }

  @Test
  void holdIsRefusedWhileAPromiseIsPending() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    promise(collectionCase, "2025-04-20");

    assertThatThrownBy(() -> hold(collectionCase, "2025-05-02")).isInstanceOf(MismatchingMessageCorrelationException.class);
    assertThat(collectionCase).isWaitingAt(Elements.PROMISED_PAYMENT_DUE);
  }

  // ------------------------------------------------------------------------------------------ promises

  @Test
  void keptPromiseResumesDunningAfterItsWait() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);

    promise(collectionCase, "2025-04-20");
    assertThat(collectionCase).hasPassed(Elements.PROMISE_RECEIVED, Elements.RECORD_PROMISE)
        .isWaitingAt(Elements.PROMISED_PAYMENT_DUE);
    Assertions.assertThat(timer(collectionCase, Elements.PROMISED_PAYMENT_DUE).getDuedate())
        .isEqualTo(Date.from(Instant.parse("2025-04-22T00:00:00Z")));
    fake.promiseKept = true;
    execute(timer(collectionCase, Elements.PROMISED_PAYMENT_DUE));

    resumeDunning(collectionCase);
    assertThat(collectionCase).hasPassed(Elements.CHECK_PROMISE)
        .isWaitingAt(Elements.AWAIT_NEXT_LEVEL);
    Assertions.assertThat(timer(collectionCase, Elements.NEXT_LEVEL_DUE).getDuedate())
        .isEqualTo(Date.from(now().plus(LEVEL_WAIT)));
    Assertions.assertThat(fake.log).containsExactly("notice L1 R1", "promise 2025-04-20", "promise kept");
  }

  @Test
  void brokenPromiseSendsTheNextLevelAtOnce() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);
    promise(collectionCase, "2025-04-20");

    execute(timer(collectionCase, Elements.PROMISED_PAYMENT_DUE));

    resumeDunning(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_NEXT_LEVEL);
    Assertions.assertThat(timer(collectionCase, Elements.NEXT_LEVEL_DUE).getDuedate()).isEqualTo(Date.from(now()));
    sendLevel(collectionCase);
    assertThat(collectionCase).variables().containsEntry(Variables.LEVEL, 2);
  }

  @Test
  void paymentWhilePromisedEndsThePaidCase() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);
    promise(collectionCase, "2025-04-20");

    settle(collectionCase, "PAID");

    assertThat(collectionCase).isEnded().hasPassed(Elements.CASE_PAID).hasNotPassed(Elements.CHECK_PROMISE);
  }

  @Test
  void promiseOrPaymentClaimOnTheCallWaitsForThePayment() {
    for (String outcome : List.of(CallOutcomes.PROMISED_TO_PAY, CallOutcomes.PAID_ALREADY)) {
      fake.reset();
      fake.callLevels = Set.of(1);
      ClockUtil.setCurrentTime(Date.from(RECEIVED_AT));
      ProcessInstance collectionCase = startCase(INVOICE + "-" + outcome);
      passDueDate(collectionCase);
      sendLevel(collectionCase);

      completeCall(collectionCase, ContactResults.REACHED, outcome, Map.of(Variables.PROMISED_PAYMENT_DATE, "2025-04-10"));

      assertThat(collectionCase).hasPassed(Elements.PROMISE_MADE_ON_CALL,
          Elements.PROMISE_MADE_ON_CALL_CAUGHT).isWaitingAt(Elements.PROMISED_PAYMENT_DUE);
      Assertions.assertThat(fake.log).last().isEqualTo("promise 2025-04-10");
    }
  }

  @Test
  void promiseIsRefusedWhileADisputeIsOpen() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    dispute(collectionCase, Messages.DISPUTE_RAISED);

    assertThatThrownBy(() -> promise(collectionCase, "2025-04-20")).isInstanceOf(MismatchingMessageCorrelationException.class);
    assertThat(collectionCase).isWaitingAt(Elements.RESOLVE_DISPUTE);
  }

  // ------------------------------------------------------------------------------------------ disputes

  @Test
  void disputeUpheldInFullEndsTheCaseCredited() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);

    dispute(collectionCase, Messages.DISPUTE_RAISED);
    assertThat(collectionCase).hasPassed(Elements.DISPUTE_RECEIVED, Elements.RECORD_DISPUTE).isWaitingAt(Elements.RESOLVE_DISPUTE);
    assertThat(task(collectionCase)).hasCandidateGroup(Groups.COLLECTORS);
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(collectionCase.getId()).activityId(Elements.NEXT_LEVEL_DUE).list()).as("dunning paused").isEmpty();

    fake.creditsInFull = true;
    resolveDispute(collectionCase, DisputeResolutions.UPHOLD);

    assertThat(collectionCase).isEnded().hasPassed(Elements.CREDIT_DISPUTED_AMOUNT, Elements.INVOICE_CREDITED_IN_FULL,
        Elements.CLOSE_CREDITED_CASE, Elements.CASE_CREDITED).hasNotPassed(Elements.RELEASE_CREDIT_HOLD_AFTER_CREDIT);
  }

  @Test
  void disputeUpheldInFullReleasesTheCreditHold() {
    fake.creditHoldLevel = 1;
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);
    execute(asyncJob(collectionCase, Elements.PLACE_CREDIT_HOLD));
    dispute(collectionCase, Messages.DISPUTE_RAISED);
    fake.creditsInFull = true;
    fake.holdToRelease = true;

    resolveDispute(collectionCase, DisputeResolutions.UPHOLD);

    execute(asyncJob(collectionCase, Elements.RELEASE_CREDIT_HOLD_AFTER_CREDIT));
    assertThat(collectionCase).isEnded().hasPassed(Elements.CASE_CREDITED);
    Assertions.assertThat(fake.log).last().isEqualTo("release credit hold");
  }

  @Test
  void disputeUpheldForAPartResumesDunningForTheRest() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);
    dispute(collectionCase, Messages.DISPUTE_RAISED);

    resolveDispute(collectionCase, DisputeResolutions.UPHOLD);

    resumeDunning(collectionCase);
    assertThat(collectionCase).isActive().hasPassed(Elements.CREDIT_DISPUTED_AMOUNT).isWaitingAt(Elements.AWAIT_NEXT_LEVEL)
        .variables().containsEntry(Variables.NEXT_LEVEL, 2);
    Assertions.assertThat(fake.log).contains("credit disputed amount");
  }

  @Test
  void disputeRejectedResumesDunningAtTheNextLevel() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);
    dispute(collectionCase, Messages.DISPUTE_RAISED);

    resolveDispute(collectionCase, DisputeResolutions.REJECT);

    resumeDunning(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_NEXT_LEVEL);
    sendLevel(collectionCase);
    Assertions.assertThat(fake.log).containsExactly("notice L1 R1", "dispute", "resolution REJECT", "notice L2 R1");
  }

  @Test
  void disputeBeforeTheDueDateRejectedWaitsForTheDueDateAgain() {
    ProcessInstance collectionCase = startCase();
    dispute(collectionCase, Messages.DISPUTE_RAISED);

    resolveDispute(collectionCase, DisputeResolutions.REJECT);

    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_DUE_DATE);
  }

  @Test
  void disputeNeedingMoreInformationComesBackToTheCollector() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    dispute(collectionCase, Messages.DISPUTE_RAISED);

    resolveDispute(collectionCase, DisputeResolutions.MORE_INFORMATION);
    assertThat(collectionCase).isWaitingAt(Elements.MORE_INFORMATION_DUE);
    Assertions.assertThat(timer(collectionCase, Elements.MORE_INFORMATION_DUE).getDuedate())
        .isEqualTo(Date.from(now().plus(Duration.ofDays(7))));
    execute(timer(collectionCase, Elements.MORE_INFORMATION_DUE));

    assertThat(collectionCase).isWaitingAt(Elements.RESOLVE_DISPUTE);
    resolveDispute(collectionCase, DisputeResolutions.REJECT);
    resumeDunning(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_NEXT_LEVEL);
  }

  @Test
  void disputeRaisedOnTheCallGoesToResolution() {
    fake.callLevels = Set.of(1);
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);

    completeCall(collectionCase, ContactResults.REACHED, CallOutcomes.DISPUTED,
        Map.of(Variables.DISPUTE_REASON, "Goods never delivered"));

    assertThat(collectionCase).hasPassed(Elements.DISPUTE_RAISED_ON_CALL,
        Elements.DISPUTE_RAISED_ON_CALL_CAUGHT).isWaitingAt(Elements.RESOLVE_DISPUTE);
  }

  @Test
  void partialDisputeLetsDunningGoOnForTheRest() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);

    dispute(collectionCase, Messages.PARTIAL_DISPUTE_RAISED);

    assertThat(collectionCase).hasPassed(Elements.PARTIAL_DISPUTE_RAISED, Elements.RECORD_PARTIAL_DISPUTE)
        .isWaitingAt(Elements.RESOLVE_PARTIAL_DISPUTE, Elements.AWAIT_NEXT_LEVEL);
    sendLevel(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.RESOLVE_PARTIAL_DISPUTE, Elements.AWAIT_NEXT_LEVEL);

    resolveDispute(collectionCase, DisputeResolutions.MORE_INFORMATION);
    execute(timer(collectionCase, Elements.MORE_INFORMATION_ON_PART_DUE));
    resolveDispute(collectionCase, DisputeResolutions.UPHOLD);

    assertThat(collectionCase).hasPassed(Elements.CREDIT_DISPUTED_PART, Elements.PARTIAL_DISPUTE_UPHELD)
        .isWaitingAt(Elements.AWAIT_NEXT_LEVEL);
    Assertions.assertThat(fake.log).containsExactly("notice L1 R1", "dispute", "notice L2 R1", "resolution MORE_INFORMATION",
        "resolution UPHOLD", "credit disputed amount");
  }

  @Test
  void partialDisputeRejectedLeavesTheClaimAsItIs() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    dispute(collectionCase, Messages.PARTIAL_DISPUTE_RAISED);

    resolveDispute(collectionCase, DisputeResolutions.REJECT);

    assertThat(collectionCase).hasPassed(Elements.PARTIAL_DISPUTE_REJECTED).isWaitingAt(Elements.AWAIT_NEXT_LEVEL);
  }

  @Test
  void partialDisputeUpheldThatLeavesNothingEndsTheCaseCredited() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    dispute(collectionCase, Messages.PARTIAL_DISPUTE_RAISED);
    fake.creditsInFull = true;

    resolveDispute(collectionCase, DisputeResolutions.UPHOLD);

    assertThat(collectionCase).isEnded().hasPassed(Elements.CREDIT_DISPUTED_PART, Elements.CASE_CREDITED);
  }

  // ------------------------------------------------------------------------------------------ payment plans

  @Test
  void planRequestedOnTheCallRunsThePlanWhileDunningIsPausedAndEndsPaidByPlan() {
    fake.callLevels = Set.of(1);
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);
    completeCall(collectionCase, ContactResults.REACHED, CallOutcomes.PAYMENT_PLAN_REQUESTED, Map.of());

    assertThat(collectionCase).hasPassed(Elements.PAYMENT_PLAN_REQUESTED_ON_CALL_CAUGHT).isWaitingAt(Elements.RUN_PAYMENT_PLAN);
    ProcessInstance plan = planOf(collectionCase);
    assertThat(plan).variables().containsEntry(Variables.INVOICE_NUMBER, INVOICE).containsEntry(PaymentPlanProcess.Variables.PLAN_ID, null);
    Assertions.assertThat(plan.getBusinessKey()).isEqualTo(INVOICE);
    Assertions.assertThat(timersOf(collectionCase)).as("no dunning while the plan runs").extracting(Job::getJobDefinitionId)
        .doesNotContain(timerDefinition(Elements.DUE_DATE_PASSED), timerDefinition(Elements.NEXT_LEVEL_DUE),
            timerDefinition(Elements.FINAL_DEADLINE_PASSED));

    endPlan(plan, Map.of(Variables.PAYMENT_PLAN_OUTCOME, PaymentPlanProcess.Outcomes.PAID));

    assertThat(collectionCase).isEnded().hasPassed(Elements.PAYMENT_PLAN_ENDED, Elements.CLOSE_CASE_PAID_BY_PLAN, Elements.CASE_PAID_BY_PLAN)
        .hasNotPassed(Elements.RELEASE_CREDIT_HOLD_AFTER_PLAN);
    Assertions.assertThat(fake.log).last().isEqualTo("closeCase PAID");
  }

  @Test
  void planPaidReleasesTheCreditHold() {
    ProcessInstance collectionCase = caseInPlan(null);
    fake.holdToRelease = true;

    endPlan(planOf(collectionCase), Map.of(Variables.PAYMENT_PLAN_OUTCOME, PaymentPlanProcess.Outcomes.PAID));

    assertThat(collectionCase).isWaitingAt(Elements.RELEASE_CREDIT_HOLD_AFTER_PLAN);
    execute(asyncJob(collectionCase, Elements.RELEASE_CREDIT_HOLD_AFTER_PLAN));
    assertThat(collectionCase).isEnded().hasPassed(Elements.CASE_PAID_BY_PLAN);
    Assertions.assertThat(fake.log).endsWith("closeCase PAID", "release credit hold");
  }

  @Test
  void planProposedThroughTheApiIsHandedToThePlanOnceAndNoPlanResumesDunning() {
    ProcessInstance collectionCase = caseInPlan(42L);
    assertThat(planOf(collectionCase)).variables().containsEntry(PaymentPlanProcess.Variables.PLAN_ID, 42L);

    endPlan(planOf(collectionCase), Map.of(Variables.PAYMENT_PLAN_OUTCOME, PaymentPlanProcess.Outcomes.NOT_AGREED));

    assertThat(collectionCase).hasPassed(Elements.PAYMENT_PLAN_ENDED).variables().doesNotContainKey(Variables.PROPOSED_PLAN_ID);
    resumeDunning(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_NEXT_LEVEL);
    Assertions.assertThat(timer(collectionCase, Elements.NEXT_LEVEL_DUE).getDuedate()).isEqualTo(Date.from(now().plus(LEVEL_WAIT)));
  }

  @Test
  void brokenPlanSendsTheNextLevelAtOnce() {
    ProcessInstance collectionCase = caseInPlan(null);

    endPlan(planOf(collectionCase), Map.of(Variables.PAYMENT_PLAN_OUTCOME, PaymentPlanProcess.Outcomes.BROKEN));

    assertThat(collectionCase).hasPassed(Elements.PAYMENT_PLAN_ENDED).variables().containsEntry(Variables.NEXT_LEVEL_AT_ONCE, true);
    resumeDunning(collectionCase);
    Assertions.assertThat(timer(collectionCase, Elements.NEXT_LEVEL_DUE).getDuedate()).isEqualTo(Date.from(now()));
    // Level 2 was planned before the plan, and is planned again for at once after it broke.
    Assertions.assertThat(fake.plannedLevels).containsExactly(1, 2, 2);
  }

  @Test
  void brokenPlanAfterTheLastLevelGoesToTheEscalationDecision() {
    fake.levels = 1;
    ProcessInstance collectionCase = caseInPlan(null);

    endPlan(planOf(collectionCase), Map.of(Variables.PAYMENT_PLAN_OUTCOME, PaymentPlanProcess.Outcomes.BROKEN));
    resumeDunning(collectionCase);
    assertThat(collectionCase).isWaitingAt(Elements.FINAL_DEADLINE_PASSED);
    execute(timer(collectionCase, Elements.FINAL_DEADLINE_PASSED));

    assertThat(collectionCase).isWaitingAt(Elements.DECIDE_ESCALATION);
  }

  @Test
  void disputeUpheldDuringThePlanIsCreditedByTheCase() {
    ProcessInstance collectionCase = caseInPlan(null);
    fake.creditsInFull = true;

    endPlan(planOf(collectionCase), Map.of(Variables.PAYMENT_PLAN_OUTCOME, PaymentPlanProcess.Outcomes.DISPUTE_UPHELD,
        Variables.DISPUTE_ID, 11L, Variables.CREDIT_AMOUNT, "1000.00"));

    assertThat(collectionCase).isEnded().hasPassed(Elements.PAYMENT_PLAN_ENDED, Elements.CREDIT_DISPUTED_AMOUNT, Elements.CASE_CREDITED);
    Assertions.assertThat(fake.log).contains("credit disputed amount 11 1000.00");
  }

  @Test
  void invoicePaidInFullWhileThePlanRunsEndsPaidByPlan() {
    ProcessInstance collectionCase = caseInPlan(null);
    ProcessInstance plan = planOf(collectionCase);
    fake.paidByPlan = true;

    settle(collectionCase, "PAID");

    assertThat(collectionCase).isEnded().hasPassed(Elements.CLOSE_SETTLED_CASE, Elements.CASE_SETTLED_BY_PLAN)
        .hasNotPassed(Elements.CASE_PAID);
    assertThat(plan).isEnded();
  }

  // ------------------------------------------------------------------------------------------ escalation

  @Test
  void writeOffReleasesTheHoldAndEndsTheCase() {
    fake.creditHoldLevel = 3;
    ProcessInstance collectionCase = caseAtEscalation();
    fake.holdToRelease = true;

    decideEscalation(collectionCase, EscalationDecisions.WRITE_OFF);

    assertThat(collectionCase).hasPassed(Elements.WRITE_OFF_INVOICE).isWaitingAt(Elements.RELEASE_CREDIT_HOLD_AFTER_WRITE_OFF);
    execute(asyncJob(collectionCase, Elements.RELEASE_CREDIT_HOLD_AFTER_WRITE_OFF));
    assertThat(collectionCase).isEnded().hasPassed(Elements.WRITTEN_OFF);
    Assertions.assertThat(fake.log).contains("write off by manager");
  }

  @Test
  void writeOffWithoutHoldEndsAtOnce() {
    ProcessInstance collectionCase = caseAtEscalation();

    decideEscalation(collectionCase, EscalationDecisions.WRITE_OFF);

    assertThat(collectionCase).isEnded().hasPassed(Elements.WRITTEN_OFF);
  }

  @Test
  void legalActionIsPreparedByAManager() {
    ProcessInstance collectionCase = caseAtEscalation();

    decideEscalation(collectionCase, EscalationDecisions.LEGAL_ACTION);
    assertThat(collectionCase).isWaitingAt(Elements.PREPARE_LEGAL_ACTION);
    assertThat(task(collectionCase)).hasCandidateGroup(Groups.MANAGERS);
    complete(task(collectionCase), withVariables(Variables.LEGAL_ACTION_NOTES, "Forliksrådet, case 25-1234"));

    assertThat(collectionCase).isEnded().hasPassed(Elements.LEGAL_ACTION_TAKEN);
  }

  @Test
  void oneMoreRoundSendsTheLastLevelAgainThenAsksOnceMore() {
    ProcessInstance collectionCase = caseAtEscalation();

    decideEscalation(collectionCase, EscalationDecisions.ONE_MORE_ROUND);

    resumeDunning(collectionCase);
    assertThat(collectionCase).hasPassed(Elements.START_ONE_MORE_ROUND).isWaitingAt(Elements.AWAIT_NEXT_LEVEL)
        .variables().containsEntry(Variables.NEXT_LEVEL, 3).containsEntry(Variables.ROUND, 2);
    sendLevel(collectionCase);
    execute(timer(collectionCase, Elements.FINAL_DEADLINE_PASSED));
    assertThat(collectionCase).isWaitingAt(Elements.DECIDE_ESCALATION);
    Assertions.assertThat(fake.log).endsWith("notice L3 R1", "notice L3 R2");
  }

  @Test
  void everyTaskOpensItsDeployedForm() throws Exception {
    Map<String, String> formOfTask = Map.of(
        Elements.CALL_CUSTOMER, CollectionCaseProcess.Forms.CALL_CUSTOMER,
        Elements.RESOLVE_DISPUTE, CollectionCaseProcess.Forms.RESOLVE_DISPUTE,
        Elements.RESOLVE_PARTIAL_DISPUTE, CollectionCaseProcess.Forms.RESOLVE_DISPUTE,
        Elements.DECIDE_ESCALATION, CollectionCaseProcess.Forms.DECIDE_ESCALATION,
        Elements.PREPARE_LEGAL_ACTION, CollectionCaseProcess.Forms.PREPARE_LEGAL_ACTION);
    fake.callLevels = Set.of(1);
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);
    dispute(collectionCase, Messages.PARTIAL_DISPUTE_RAISED);
    assertFormOf(collectionCase, Elements.CALL_CUSTOMER, formOfTask);
    assertFormOf(collectionCase, Elements.RESOLVE_PARTIAL_DISPUTE, formOfTask);
    completeCall(collectionCase, ContactResults.REACHED, CallOutcomes.PAYMENT_PLAN_REQUESTED, Map.of());
    runtimeService().createProcessInstanceModification(collectionCase.getId())
        .startBeforeActivity(Elements.RESOLVE_DISPUTE).startBeforeActivity(Elements.DECIDE_ESCALATION)
        .startBeforeActivity(Elements.PREPARE_LEGAL_ACTION).execute();
    for (String taskKey : List.of(Elements.RESOLVE_DISPUTE, Elements.DECIDE_ESCALATION, Elements.PREPARE_LEGAL_ACTION)) {
      assertFormOf(collectionCase, taskKey, formOfTask);
    }
  }

  private void assertFormOf(ProcessInstance collectionCase, String taskKey, Map<String, String> formOfTask) throws Exception {
    Task task = taskService().createTaskQuery().processInstanceId(collectionCase.getId()).taskDefinitionKey(taskKey).singleResult();
    Assertions.assertThat(task).as(taskKey).isNotNull();
    org.camunda.bpm.engine.form.CamundaFormRef ref = formService().getTaskFormData(task.getId()).getCamundaFormRef();
    Assertions.assertThat(ref.getKey()).isEqualTo(formOfTask.get(taskKey));
    Assertions.assertThat(ref.getBinding()).isEqualTo("latest");
    // Resolves the reference the way Tasklist does, so a form missing from the deployment fails here.
    try (java.io.InputStream form = formService().getDeployedTaskForm(task.getId())) {
      Assertions.assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(form).path("id").asText())
          .isEqualTo(formOfTask.get(taskKey));
    }
  }

  // ------------------------------------------------------------------------------------------ helpers

  private ProcessInstance startCase() {
    return startCase(INVOICE);
  }

  private ProcessInstance startCase(String invoiceNumber) {
    return runtimeService().startProcessInstanceByKey(CollectionCaseProcess.PROCESS_KEY, invoiceNumber,
        withVariables(Variables.INVOICE_NUMBER, invoiceNumber, Variables.FIRST_REMINDER_AT, Date.from(DUE_AND_GRACE_AT)));
  }

  private ProcessInstance caseAtEscalation() {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);
    sendLevel(collectionCase);
    sendLevel(collectionCase);
    if (fake.creditHoldLevel == 3) {
      execute(asyncJob(collectionCase, Elements.PLACE_CREDIT_HOLD));
    }
    execute(timer(collectionCase, Elements.FINAL_DEADLINE_PASSED));
    assertThat(collectionCase).isWaitingAt(Elements.DECIDE_ESCALATION);
    return collectionCase;
  }

  /**
   * Dunning resumes by entering "Collect the invoice" again, whose due-date timer is past by then: it fires at once
   * (the job executor would take it right away) and the next level is planned.
   */
  /** A case after its first level whose plan runs; {@code proposedPlanId} as the API would hand it over. */
  private ProcessInstance caseInPlan(Long proposedPlanId) {
    ProcessInstance collectionCase = startCase();
    passDueDate(collectionCase);
    sendLevel(collectionCase);
    runtimeService().createMessageCorrelation(Messages.PAYMENT_PLAN_REQUESTED).processInstanceBusinessKey(INVOICE)
        .setVariable(Variables.PROPOSED_PLAN_ID, proposedPlanId).correlate();
    assertThat(collectionCase).hasPassed(Elements.PAYMENT_PLAN_REQUEST_RECEIVED).isWaitingAt(Elements.RUN_PAYMENT_PLAN);
    return collectionCase;
  }

  private String timerDefinition(String activityId) {
    return managementService().createJobDefinitionQuery().activityIdIn(activityId).singleResult().getId();
  }

  private ProcessInstance planOf(ProcessInstance collectionCase) {
    ProcessInstance plan = runtimeService().createProcessInstanceQuery().superProcessInstanceId(collectionCase.getId())
        .singleResult();
    Assertions.assertThat(plan).as("the plan called by the case").isNotNull();
    return plan;
  }

  private void endPlan(ProcessInstance plan, Map<String, Object> variables) {
    complete(task(plan), variables);
  }

  private void resumeDunning(ProcessInstance collectionCase) {
    assertThat(collectionCase).isWaitingAt(Elements.AWAIT_DUE_DATE);
    Job dueDate = timer(collectionCase, Elements.DUE_DATE_PASSED);
    Assertions.assertThat(dueDate.getDuedate()).isBeforeOrEqualTo(ClockUtil.getCurrentTime());
    execute(dueDate);
  }

  private void passDueDate(ProcessInstance collectionCase) {
    ClockUtil.setCurrentTime(Date.from(DUE_AND_GRACE_AT));
    execute(timer(collectionCase, Elements.DUE_DATE_PASSED));
  }

  /** Lets the next level's timer fire and its notice go; the clock moves to the timer's date. */
  private void sendLevel(ProcessInstance collectionCase) {
    Job due = timer(collectionCase, Elements.NEXT_LEVEL_DUE);
    ClockUtil.setCurrentTime(due.getDuedate());
    execute(due);
    execute(asyncJob(collectionCase, Elements.SEND_DUNNING_NOTICE));
  }

  private void settle(ProcessInstance collectionCase, String settlement) {
    runtimeService().createMessageCorrelation(Messages.INVOICE_SETTLED).processInstanceId(collectionCase.getId())
        .setVariable(Variables.SETTLEMENT, settlement).correlate();
  }

  private void promise(ProcessInstance collectionCase, String date) {
    runtimeService().createMessageCorrelation(Messages.PROMISE_TO_PAY).processInstanceId(collectionCase.getId())
        .setVariable(Variables.PROMISED_PAYMENT_DATE, date).correlate();
  }

  private void hold(ProcessInstance collectionCase, String until) {
    runtimeService().createMessageCorrelation(Messages.CASE_HOLD_REQUESTED).processInstanceId(collectionCase.getId())
        .setVariable(Variables.HOLD_UNTIL, until).setVariable(Variables.HOLD_REASON, "in hospital")
        .setVariable(Variables.HELD_BY, "anna").correlate();
  }

  private void dispute(ProcessInstance collectionCase, String message) {
    runtimeService().createMessageCorrelation(message).processInstanceId(collectionCase.getId())
        .setVariable(Variables.DISPUTE_REASON, "Wrong quantity").correlate();
  }

  private void completeCall(ProcessInstance collectionCase, String contactResult, String outcome, Map<String, Object> more) {
    Map<String, Object> variables = new HashMap<>(more);
    variables.put(Variables.CONTACT_RESULT, contactResult);
    variables.put(Variables.CALL_OUTCOME, outcome);
    Task call = taskService().createTaskQuery().processInstanceId(collectionCase.getId())
        .taskDefinitionKey(Elements.CALL_CUSTOMER).singleResult();
    complete(call, variables);
  }

  private void resolveDispute(ProcessInstance collectionCase, String resolution) {
    Task resolve = taskService().createTaskQuery().processInstanceId(collectionCase.getId())
        .taskDefinitionKeyIn(Elements.RESOLVE_DISPUTE, Elements.RESOLVE_PARTIAL_DISPUTE).singleResult();
    taskService().setAssignee(resolve.getId(), "collector");
    complete(resolve, withVariables(Variables.DISPUTE_RESOLUTION, resolution, Variables.RESOLUTION_NOTES, "checked"));
  }

  private void decideEscalation(ProcessInstance collectionCase, String decision) {
    Task decide = task(collectionCase);
    taskService().setAssignee(decide.getId(), "manager");
    complete(decide, withVariables(Variables.ESCALATION_DECISION, decision, Variables.ESCALATION_REASON, "no reaction"));
  }

  private Job timer(ProcessInstance collectionCase, String activityId) {
    return EngineJobs.timer(managementService(), collectionCase.getId(), activityId);
  }

  private Job asyncJob(ProcessInstance collectionCase, String activityId) {
    return EngineJobs.asyncJob(managementService(), collectionCase.getId(), activityId);
  }

  private List<Job> timersOf(ProcessInstance collectionCase) {
    return managementService().createJobQuery().processInstanceId(collectionCase.getId()).timers().list();
  }

  private List<Job> jobsOf(ProcessInstance collectionCase) {
    return managementService().createJobQuery().processInstanceId(collectionCase.getId()).list();
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** Stand-ins for the Spring beans the model calls, with the same variables and a log of what they did. */
  static final class FakeCase {
    final List<String> log = new ArrayList<>();
    final List<Integer> plannedLevels = new ArrayList<>();
    int levels = 3;
    Set<Integer> callLevels = Set.of();
    int creditHoldLevel = 0;
    boolean holdToRelease;
    boolean courtesyWanted;
    Date courtesyAt = Date.from(DUE_AND_GRACE_AT.minus(Duration.ofDays(5)));
    boolean promiseKept;
    boolean creditsInFull;
    boolean failSending;
    boolean paidByPlan;
    /** When the customer's next call slot is, from now; zero: free at once. */
    Duration callSlotIn = Duration.ZERO;
    /** Another case of the customer has its call open. */
    boolean callCovered;

    void reset() {
      log.clear();
      plannedLevels.clear();
      callLevels = Set.of();
      callSlotIn = Duration.ZERO;
      callCovered = false;
      creditHoldLevel = 0;
      holdToRelease = false;
    }

    void register() {
      Mocks.register(Delegates.DUNNING_SCHEDULE, new Schedule());
      Mocks.register(Delegates.PLAN_NEXT_LEVEL, (JavaDelegate) this::planNextLevel);
      Mocks.register(Delegates.SEND_DUNNING_NOTICE, (JavaDelegate) this::sendNotice);
      Mocks.register(Delegates.RESERVE_CALL_SLOT, (ExecutionListener) execution -> {
        if (!callSlotIn.isZero()) {
          log.add("call slot in " + callSlotIn);
        }
        execution.setVariable(Variables.CALL_COVERED, callCovered);
        execution.setVariable(Variables.CALL_SLOT_AT, Date.from(now().plus(callSlotIn)));
        execution.setVariable(Variables.CALL_SLOT_NOW, !callCovered && callSlotIn.isZero());
      });
      Mocks.register(Delegates.PLACE_CREDIT_HOLD, (JavaDelegate) execution -> log.add("credit hold"));
      Mocks.register(Delegates.RELEASE_CREDIT_HOLD, new ReleaseCreditHold());
      Mocks.register(Delegates.START_ONE_MORE_ROUND, (JavaDelegate) execution -> {
        execution.setVariable(Variables.ROUND, round(execution) + 1);
        execution.setVariable(Variables.LEVEL, level(execution) - 1);
      });
      Mocks.register(Delegates.DECIDE_COURTESY_REMINDER, (JavaDelegate) execution -> {
        execution.setVariableLocal(Variables.COURTESY_REMINDER_WANTED, courtesyWanted);
        execution.setVariableLocal(Variables.COURTESY_REMINDER_AT, courtesyWanted ? courtesyAt : null);
      });
      Mocks.register(Delegates.SEND_COURTESY_REMINDER, (JavaDelegate) execution -> log.add("courtesy reminder"));
      Mocks.register(Delegates.RECORD_PROMISE, (JavaDelegate) execution -> {
        log.add("promise " + execution.getVariable(Variables.PROMISED_PAYMENT_DATE));
        execution.setVariable(Variables.PROMISE_ID, 7L);
      });
      Mocks.register(Delegates.CHECK_PROMISE, (JavaDelegate) execution -> {
        execution.setVariable(Variables.PROMISE_KEPT, promiseKept);
        if (promiseKept) {
          log.add("promise kept");
        } else {
          execution.setVariable(Variables.NEXT_LEVEL_AT_ONCE, true);
        }
      });
      Mocks.register(Delegates.RECORD_HOLD, (JavaDelegate) execution -> {
        log.add("hold until " + execution.getVariable(Variables.HOLD_UNTIL) + " by " + execution.getVariable(Variables.HELD_BY)
            + ": " + execution.getVariable(Variables.HOLD_REASON));
        execution.setVariable(Variables.HOLD_ID, 3L);
      });
      Mocks.register(Delegates.END_HOLD, (JavaDelegate) execution -> {
        Object by = execution.getVariable(Variables.HOLD_RELEASED_BY);
        log.add(by == null ? "hold ended by its date" : "hold released by " + by);
        execution.removeVariable(Variables.HOLD_RELEASED_BY);
      });
      Mocks.register(Delegates.RECORD_DISPUTE, (JavaDelegate) execution -> {
        log.add("dispute");
        execution.setVariableLocal(Variables.DISPUTE_ID, 11L);
      });
      Mocks.register(Delegates.RECORD_DISPUTE_RESOLUTION,
          (JavaDelegate) execution -> log.add("resolution " + execution.getVariable(Variables.DISPUTE_RESOLUTION)));
      Mocks.register(Delegates.CREDIT_DISPUTED_AMOUNT, (JavaDelegate) execution -> {
        log.add(execution.getVariable(Variables.CREDIT_AMOUNT) == null ? "credit disputed amount"
            : "credit disputed amount " + execution.getVariable(Variables.DISPUTE_ID) + " " + execution.getVariable(Variables.CREDIT_AMOUNT));
        if (creditsInFull) {
          execution.setVariable(Variables.INVOICE_CREDITED_IN_FULL, true);
        }
      });
      Mocks.register(Delegates.CLOSE_CASE, (JavaDelegate) execution -> {
        log.add("closeCase " + execution.getVariable(Variables.SETTLEMENT));
        execution.setVariable(Variables.PAID_BY_PLAN, paidByPlan);
      });
      Mocks.register(Delegates.HAND_OVER_TO_AGENCY, (JavaDelegate) execution -> log.add("agency"));
      Mocks.register(Delegates.WRITE_OFF_INVOICE,
          (JavaDelegate) execution -> log.add("write off by " + execution.getVariable(Variables.DECIDED_BY)));
      Mocks.register(Delegates.LOAD_CASE_FACTS, (TaskListener) task -> task.setVariablesLocal(Map.of(
          Variables.INVOICE_NUMBER, task.getVariable(Variables.INVOICE_NUMBER), Variables.CUSTOMER_NAME, "Acme AS")));
      Mocks.register(Delegates.RECORD_DECIDER, (TaskListener) task -> task.setVariable(Variables.DECIDED_BY, task.getAssignee()));
    }

    private void planNextLevel(DelegateExecution execution) {
      int next = level(execution) + 1;
      plannedLevels.add(next);
      boolean atOnce = Boolean.TRUE.equals(execution.getVariable(Variables.NEXT_LEVEL_AT_ONCE));
      execution.removeVariable(Variables.NEXT_LEVEL_AT_ONCE);
      execution.setVariable(Variables.NEXT_LEVEL, next);
      execution.setVariable(Variables.MORE_LEVELS, next <= levels);
      execution.setVariable(Variables.NEXT_NOTICE_AT, Date.from(atOnce ? now() : now().plus(LEVEL_WAIT)));
    }

    private void sendNotice(DelegateExecution execution) {
      if (failSending) {
        throw new IllegalStateException("SMTP down");
      }
      int level = (Integer) execution.getVariable(Variables.NEXT_LEVEL);
      log.add("notice L" + level + " R" + round(execution));
      execution.setVariable(Variables.LEVEL, level);
      execution.setVariable(Variables.LAST_NOTICE_AT, Date.from(now()));
      execution.setVariable(Variables.CREDIT_HOLD, level == creditHoldLevel);
      execution.setVariable(Variables.CALL_CUSTOMER, callLevels.contains(level));
    }

    private static int level(DelegateExecution execution) {
      Object level = execution.getVariable(Variables.LEVEL);
      return level == null ? 0 : (Integer) level;
    }

    private static int round(DelegateExecution execution) {
      Object round = execution.getVariable(Variables.ROUND);
      return round == null ? 1 : (Integer) round;
    }

    /** The expressions of {@code dunningSchedule} with fixed, readable timings. */
    public static final class Schedule {
      public Date courtesyWindowOpens(Date firstReminderAt) {
        return Date.from(firstReminderAt.toInstant().minus(Duration.ofDays(10)));
      }

      public Date promiseFollowUp(String promisedPaymentDate) {
        return Date.from(LocalDate.parse(promisedPaymentDate).plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
      }

      public Date holdEnds(String holdUntil) {
        return Date.from(LocalDate.parse(holdUntil).atTime(8, 0).toInstant(ZoneOffset.UTC));
      }

      public String disputeInformationWait() {
        return "P7D";
      }

      public Date taskDue() {
        return Date.from(now().plus(Duration.ofDays(2)));
      }
    }

    /** {@code releaseCreditHold}: a delegate and, for the gateways, whether there is a hold to release. */
    public final class ReleaseCreditHold implements JavaDelegate {
      @Override
      public void execute(DelegateExecution execution) {
        log.add("release credit hold");
      }

      public boolean isNeeded(String invoiceNumber) {
        return holdToRelease;
      }
    }
  }
}
