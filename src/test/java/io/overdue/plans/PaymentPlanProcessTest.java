package io.overdue.plans;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import io.overdue.plans.PaymentPlanProcess.Delegates;
import io.overdue.plans.PaymentPlanProcess.Elements;
import io.overdue.plans.PaymentPlanProcess.Forms;
import io.overdue.plans.PaymentPlanProcess.Messages;
import io.overdue.plans.PaymentPlanProcess.Outcomes;
import io.overdue.plans.PaymentPlanProcess.Stages;
import io.overdue.plans.PaymentPlanProcess.Variables;
import io.overdue.support.EngineJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * Plain-engine tests of {@code bpmn/payment-plan.bpmn} (no Spring context): every path, with the clock and the jobs
 * under the test's control. The delegates are stand-ins that keep a plan in memory and set the same variables as the
 * real beans ({@link PaymentPlanDelegates}); {@link PlanCourse} itself is tested with Spring and a database.
 */
@Deployment(resources = {PaymentPlanProcess.RESOURCE, Forms.PROPOSE_PAYMENT_PLAN_RESOURCE,
    Forms.APPROVE_PAYMENT_PLAN_RESOURCE, Forms.CONFIRM_PAYMENT_PLAN_RESOURCE, "forms/resolve-dispute.form"})
class PaymentPlanProcessTest {

  /** The build fails below this share of flow nodes and sequence flows covered by the tests of this class. */
  @RegisterExtension
  static ProcessEngineCoverageExtension extension =
      ProcessEngineCoverageExtension.builder().assertClassCoverageAtLeast(0.9).build();

  private static final String INVOICE = "INV-2026-0100";
  private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  private final FakePlan fake = new FakePlan();

  @BeforeEach
  void setUp() {
    init(extension.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(START));
    fake.register();
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
    reset();
  }

  // ------------------------------------------------------------------------------------------ proposal and approval

  @Test
  void smallPlanApprovedByPolicyIsSentAcceptedThroughTheLinkAndPaidOnItsDates() {
    ProcessInstance plan = startPlan();
    assertThat(plan).isWaitingAt(Elements.PROPOSE_PAYMENT_PLAN);
    assertThat(task(plan)).hasCandidateGroup("collectors");

    propose(plan);
    assertThat(plan).hasPassed(Elements.RECORD_PROPOSAL, Elements.DECIDE_PLAN_APPROVAL)
        .hasNotPassed(Elements.APPROVE_PAYMENT_PLAN).isWaitingAt(Elements.SEND_PLAN_FOR_ACCEPTANCE);
    execute(asyncJob(plan, Elements.SEND_PLAN_FOR_ACCEPTANCE));
    assertThat(plan).isWaitingAt(Elements.AWAIT_CUSTOMER_CONFIRMATION);
    Assertions.assertThat(task(plan).getDueDate()).isEqualTo(fake.deadline);

    acceptThroughLink();
    assertThat(plan).hasPassed(Elements.PLAN_ACCEPTED_BY_CUSTOMER, Elements.ACTIVATE_PLAN)
        .hasNotPassed(Elements.RELEASE_CREDIT_HOLD_FOR_PLAN).isWaitingAt(Elements.AWAIT_REMINDER_DAY);

    for (int k = 0; k < fake.instalments.size(); k++) {
      Job reminder = timer(plan, Elements.REMINDER_DAY_CAME);
      Assertions.assertThat(reminder.getDuedate()).isEqualTo(Date.from(fake.instalments.get(k).due.minus(DAY.multipliedBy(3))));
      ClockUtil.setCurrentTime(reminder.getDuedate());
      execute(reminder);
      execute(asyncJob(plan, Elements.SEND_INSTALMENT_REMINDER));
      assertThat(plan).isWaitingAt(Elements.AWAIT_INSTALMENT_DATE);
      pay(k);
    }

    assertThat(plan).isEnded().hasPassed(Elements.EVERY_INSTALMENT_PAID, Elements.PAYMENT_PLAN_PAID)
        .variables().containsEntry(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.PAID);
    Assertions.assertThat(fake.log).containsExactly("proposed by collector", "approval AUTOMATIC", "sent for acceptance",
        "activated", "reminder 1", "paid 1", "reminder 2", "paid 2", "reminder 3", "paid 3");
  }

  @Test
  void refusedProposalGoesBackToTheCollectorWithTheReasons() {
    ProcessInstance plan = startPlan();
    fake.refuseNextProposal = true;

    propose(plan);

    assertThat(plan).hasPassed(Elements.PROPOSAL_INVALID).isWaitingAt(Elements.PROPOSE_PAYMENT_PLAN)
        .variables().containsEntry(Variables.PROPOSAL_PROBLEMS, "- instalments: add up to 9000.00 but must add up to 10000.00");
    propose(plan);
    assertThat(plan).isWaitingAt(Elements.SEND_PLAN_FOR_ACCEPTANCE);
  }

  @Test
  void customerWhoDeclinesEndsWithoutAPlan() {
    ProcessInstance plan = startPlan();

    complete(task(plan), withVariables(Variables.PLAN_PROPOSAL, "DECLINED"));

    assertThat(plan).isEnded().hasPassed(Elements.NO_PLAN_AGREED).hasNotPassed(Elements.RECORD_PROPOSAL);
    Assertions.assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void largePlanNeedsAManagerWhoApprovesIt() {
    fake.approval = "MANAGER";
    ProcessInstance plan = startPlan();
    propose(plan);

    assertThat(plan).isWaitingAt(Elements.APPROVE_PAYMENT_PLAN);
    Task approval = task(plan);
    assertThat(approval).hasCandidateGroup("managers");
    claim(approval, "manager");
    complete(approval, withVariables(Variables.PLAN_APPROVAL_DECISION, "APPROVE", Variables.PLAN_APPROVAL_NOTES, "Long customer"));

    assertThat(plan).hasPassed(Elements.RECORD_PLAN_APPROVAL).isWaitingAt(Elements.SEND_PLAN_FOR_ACCEPTANCE);
    Assertions.assertThat(fake.log).contains("manager APPROVE by manager");
  }

  @Test
  void planAManagerRejectsEndsWithoutAPlan() {
    fake.approval = "MANAGER";
    ProcessInstance plan = startPlan();
    propose(plan);

    complete(task(plan), withVariables(Variables.PLAN_APPROVAL_DECISION, "REJECT", Variables.PLAN_APPROVAL_NOTES, "Broke two plans"));

    assertThat(plan).isEnded().hasPassed(Elements.PLAN_REJECTED).hasNotPassed(Elements.SEND_PLAN_FOR_ACCEPTANCE)
        .variables().containsEntry(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.NOT_AGREED);
  }

  @Test
  void planProposedThroughTheApiSkipsTheProposalTask() {
    ProcessInstance plan = runtimeService().startProcessInstanceByKey(PaymentPlanProcess.PROCESS_KEY, INVOICE,
        withVariables(Variables.INVOICE_NUMBER, INVOICE, Variables.PLAN_ID, 42L));

    assertThat(plan).hasPassed(Elements.DECIDE_PLAN_APPROVAL).hasNotPassed(Elements.PROPOSE_PAYMENT_PLAN)
        .isWaitingAt(Elements.SEND_PLAN_FOR_ACCEPTANCE);
    Assertions.assertThat(fake.log).containsExactly("approval AUTOMATIC");
  }

  // ------------------------------------------------------------------------------------------ confirmation

  @Test
  void customerWhoNeverAcceptsLetsThePlanExpire() {
    ProcessInstance plan = planAwaitingConfirmation();

    Job deadline = timer(plan, Elements.ACCEPTANCE_DEADLINE_PASSED);
    Assertions.assertThat(deadline.getDuedate()).isEqualTo(fake.deadline);
    execute(deadline);

    assertThat(plan).isEnded().hasPassed(Elements.EXPIRE_PLAN, Elements.PLAN_EXPIRED).hasNotPassed(Elements.ACTIVATE_PLAN)
        .variables().containsEntry(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.NOT_AGREED);
    Assertions.assertThat(fake.log).contains("expired");
  }

  @Test
  void collectorRecordsAConfirmationReceivedByLetter() {
    ProcessInstance plan = planAwaitingConfirmation();

    complete(task(plan), withVariables(Variables.PLAN_CONFIRMATION, "CONFIRMED", Variables.CONFIRMATION_NOTES, "Signed letter"));

    assertThat(plan).hasPassed(Elements.RECORD_CONFIRMATION, Elements.ACTIVATE_PLAN).isWaitingAt(Elements.AWAIT_REMINDER_DAY);
    Assertions.assertThat(fake.log).contains("confirmed by collector", "activated");
  }

  @Test
  void customerWhoWithdrawsEndsWithoutAPlan() {
    ProcessInstance plan = planAwaitingConfirmation();

    complete(task(plan), withVariables(Variables.PLAN_CONFIRMATION, "WITHDRAWN", Variables.CONFIRMATION_NOTES, "Paid by loan"));

    assertThat(plan).isEnded().hasPassed(Elements.WITHDRAW_PLAN, Elements.PLAN_WITHDRAWN)
        .variables().containsEntry(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.NOT_AGREED);
  }

  @Test
  void creditHoldIsLiftedWhileThePlanIsKeptWhenThePolicySaysSo() {
    fake.releaseHold = true;
    ProcessInstance plan = planAwaitingConfirmation();

    acceptThroughLink();

    assertThat(plan).isWaitingAt(Elements.RELEASE_CREDIT_HOLD_FOR_PLAN);
    execute(asyncJob(plan, Elements.RELEASE_CREDIT_HOLD_FOR_PLAN));
    assertThat(plan).isWaitingAt(Elements.AWAIT_REMINDER_DAY);
    Assertions.assertThat(fake.log).contains("credit hold released");
  }

  // ------------------------------------------------------------------------------------------ instalments

  @Test
  void instalmentPaidLateWithinGraceKeepsThePlan() {
    ProcessInstance plan = activePlan();
    remindFirst(plan);

    ClockUtil.setCurrentTime(Date.from(fake.instalments.get(0).due.plus(DAY.multipliedBy(2))));
    Job grace = timer(plan, Elements.GRACE_PASSED);
    Assertions.assertThat(grace.getDuedate()).isEqualTo(Date.from(fake.instalments.get(0).due.plus(DAY.multipliedBy(4))));
    pay(0);

    assertThat(plan).hasPassed(Elements.PAID_BY_DATE).hasNotPassed(Elements.SEND_MISSED_INSTALMENT_REMINDER)
        .isWaitingAt(Elements.AWAIT_REMINDER_DAY).variables().containsEntry(Variables.INSTALMENT_SEQ, 2);
  }

  @Test
  void missedInstalmentPaidAfterItsReminderKeepsThePlan() {
    ProcessInstance plan = activePlan();
    remindFirst(plan);

    missInstalment(plan);
    assertThat(plan).isWaitingAt(Elements.AWAIT_LAST_CHANCE);
    Assertions.assertThat(fake.log).contains("missed reminder 1");
    pay(0);

    assertThat(plan).hasPassed(Elements.PAID_AFTER_REMINDER).isWaitingAt(Elements.AWAIT_REMINDER_DAY)
        .variables().containsEntry(Variables.INSTALMENT_SEQ, 2);
  }

  @Test
  void missedInstalmentStillUnpaidAfterItsDeadlineBreaksThePlan() {
    ProcessInstance plan = activePlan();
    remindFirst(plan);
    missInstalment(plan);

    Job deadline = timer(plan, Elements.MISSED_DEADLINE_PASSED);
    ClockUtil.setCurrentTime(deadline.getDuedate());
    execute(deadline);

    assertThat(plan).isEnded().hasPassed(Elements.BREAK_PAYMENT_PLAN, Elements.INSTALMENT_MISSED,
        Elements.PLAN_BROKEN_CAUGHT, Elements.PAYMENT_PLAN_BROKEN).hasNotPassed(Elements.PAYMENT_PLAN_PAID)
        .variables().containsEntry(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.BROKEN);
    Assertions.assertThat(fake.log).last().isEqualTo("broken at 1");
  }

  @Test
  void paymentJustBeforeTheBreakKeepsThePlan() {
    ProcessInstance plan = activePlan();
    remindFirst(plan);
    missInstalment(plan);
    // Paid while no wait listened (e.g. booked during the reminder's own step): the break step reads it afresh.
    fake.instalments.get(0).paid = true;

    Job deadline = timer(plan, Elements.MISSED_DEADLINE_PASSED);
    execute(deadline);

    assertThat(plan).hasPassed(Elements.BREAK_PAYMENT_PLAN).hasNotPassed(Elements.INSTALMENT_MISSED)
        .isWaitingAt(Elements.AWAIT_REMINDER_DAY);
  }

  @Test
  void earlyFullPaymentEndsThePlanAtOnce() {
    ProcessInstance plan = activePlan();

    fake.instalments.forEach(i -> i.paid = true);
    runtimeService().createMessageCorrelation(Messages.INSTALMENT_PAYMENT_RECEIVED).processInstanceBusinessKey(INVOICE)
        .correlateAll();

    assertThat(plan).isEnded().hasPassed(Elements.PAID_BEFORE_REMINDER, Elements.PAYMENT_PLAN_PAID)
        .hasNotPassed(Elements.SEND_INSTALMENT_REMINDER)
        .variables().containsEntry(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.PAID);
  }

  // ------------------------------------------------------------------------------------------ disputes

  @Test
  void disputeRejectedResumesThePlanWhereItStood() {
    ProcessInstance plan = activePlan();
    pay(0);

    dispute();
    assertThat(plan).hasPassed(Elements.DISPUTE_DURING_PLAN, Elements.RECORD_PLAN_DISPUTE)
        .isWaitingAt(Elements.RESOLVE_PLAN_DISPUTE);
    Assertions.assertThat(timersOf(plan)).isEmpty();
    resolveDispute(plan, "MORE_INFORMATION");
    execute(timer(plan, Elements.MORE_INFORMATION_ON_PLAN_DISPUTE_DUE));
    resolveDispute(plan, "REJECT");

    assertThat(plan).isWaitingAt(Elements.AWAIT_REMINDER_DAY).variables().containsEntry(Variables.INSTALMENT_SEQ, 2);
    Assertions.assertThat(fake.log).contains("dispute", "resolution MORE_INFORMATION", "resolution REJECT");
  }

  @Test
  void disputeUpheldEndsThePlanForTheCaseToCredit() {
    ProcessInstance plan = activePlan();

    dispute();
    resolveDispute(plan, "UPHOLD");

    assertThat(plan).isEnded().hasPassed(Elements.CANCEL_PLAN_FOR_DISPUTE, Elements.PLAN_ENDED_BY_DISPUTE)
        .variables().containsEntry(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.DISPUTE_UPHELD);
    Assertions.assertThat(fake.log).last().isEqualTo("cancelled");
  }

  // ------------------------------------------------------------------------------------------ forms

  @Test
  void everyTaskOpensItsDeployedForm() throws Exception {
    fake.approval = "MANAGER";
    ProcessInstance plan = startPlan();
    assertForm(plan, Elements.PROPOSE_PAYMENT_PLAN, Forms.PROPOSE_PAYMENT_PLAN);
    propose(plan);
    assertForm(plan, Elements.APPROVE_PAYMENT_PLAN, Forms.APPROVE_PAYMENT_PLAN);
    complete(task(plan), withVariables(Variables.PLAN_APPROVAL_DECISION, "APPROVE", Variables.PLAN_APPROVAL_NOTES, "ok"));
    execute(asyncJob(plan, Elements.SEND_PLAN_FOR_ACCEPTANCE));
    assertForm(plan, Elements.AWAIT_CUSTOMER_CONFIRMATION, Forms.CONFIRM_PAYMENT_PLAN);
    acceptThroughLink();
    dispute();
    assertForm(plan, Elements.RESOLVE_PLAN_DISPUTE, "ResolveDisputeForm");
  }

  // ------------------------------------------------------------------------------------------ helpers

  private ProcessInstance startPlan() {
    return runtimeService().startProcessInstanceByKey(PaymentPlanProcess.PROCESS_KEY, INVOICE,
        withVariables(Variables.INVOICE_NUMBER, INVOICE));
  }

  private void propose(ProcessInstance plan) {
    complete(task(plan), withVariables(Variables.PLAN_PROPOSAL, "PROPOSE", Variables.PLAN_SPLIT, "EVEN_SPLIT",
        Variables.INSTALMENT_COUNT, 3L, Variables.FIRST_PAYMENT_DATE, "2026-12-15", Variables.PAYMENT_INTERVAL, "P1M"));
  }

  private ProcessInstance planAwaitingConfirmation() {
    ProcessInstance plan = startPlan();
    propose(plan);
    execute(asyncJob(plan, Elements.SEND_PLAN_FOR_ACCEPTANCE));
    assertThat(plan).isWaitingAt(Elements.AWAIT_CUSTOMER_CONFIRMATION);
    return plan;
  }

  private ProcessInstance activePlan() {
    ProcessInstance plan = planAwaitingConfirmation();
    acceptThroughLink();
    assertThat(plan).isWaitingAt(Elements.AWAIT_REMINDER_DAY);
    return plan;
  }

  private void acceptThroughLink() {
    runtimeService().createMessageCorrelation(Messages.PLAN_ACCEPTED).processInstanceBusinessKey(INVOICE).correlate();
  }

  private void remindFirst(ProcessInstance plan) {
    Job reminder = timer(plan, Elements.REMINDER_DAY_CAME);
    ClockUtil.setCurrentTime(reminder.getDuedate());
    execute(reminder);
    execute(asyncJob(plan, Elements.SEND_INSTALMENT_REMINDER));
    assertThat(plan).isWaitingAt(Elements.AWAIT_INSTALMENT_DATE);
  }

  private void missInstalment(ProcessInstance plan) {
    Job grace = timer(plan, Elements.GRACE_PASSED);
    ClockUtil.setCurrentTime(grace.getDuedate());
    execute(grace);
    execute(asyncJob(plan, Elements.SEND_MISSED_INSTALMENT_REMINDER));
  }

  private void pay(int index) {
    fake.instalments.get(index).paid = true;
    fake.log.add("paid " + (index + 1));
    runtimeService().createMessageCorrelation(Messages.INSTALMENT_PAYMENT_RECEIVED).processInstanceBusinessKey(INVOICE)
        .correlateAll();
  }

  private void dispute() {
    runtimeService().createMessageCorrelation(Messages.DISPUTE_RAISED).processInstanceBusinessKey(INVOICE)
        .setVariable("disputeReason", "Goods damaged").correlate();
  }

  private void resolveDispute(ProcessInstance plan, String resolution) {
    complete(task(plan), withVariables("disputeResolution", resolution, "resolutionNotes", "checked"));
  }

  private void assertForm(ProcessInstance plan, String taskKey, String formKey) throws Exception {
    Task task = taskService().createTaskQuery().processInstanceId(plan.getId()).taskDefinitionKey(taskKey).singleResult();
    Assertions.assertThat(task).as(taskKey).isNotNull();
    org.camunda.bpm.engine.form.CamundaFormRef ref = formService().getTaskFormData(task.getId()).getCamundaFormRef();
    Assertions.assertThat(ref.getKey()).isEqualTo(formKey);
    Assertions.assertThat(ref.getBinding()).isEqualTo("latest");
    try (java.io.InputStream form = formService().getDeployedTaskForm(task.getId())) {
      Assertions.assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(form).path("id").asText())
          .isEqualTo(formKey);
    }
  }

  private Job timer(ProcessInstance plan, String activityId) {
    return EngineJobs.timer(managementService(), plan.getId(), activityId);
  }

  private Job asyncJob(ProcessInstance plan, String activityId) {
    return EngineJobs.asyncJob(managementService(), plan.getId(), activityId);
  }

  private List<Job> timersOf(ProcessInstance plan) {
    return managementService().createJobQuery().processInstanceId(plan.getId()).timers().list();
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** Stand-ins for the Spring beans the model calls: a plan of three monthly instalments kept in memory. */
  static final class FakePlan {
    final List<String> log = new ArrayList<>();
    final List<FakeInstalment> instalments = new ArrayList<>();
    String approval = "AUTOMATIC";
    boolean refuseNextProposal;
    boolean releaseHold;
    Date deadline = Date.from(START.plus(Duration.ofDays(14)));

    static final class FakeInstalment {
      final Instant due;
      boolean paid;
      boolean reminded;
      Instant lateAt;

      FakeInstalment(Instant due) {
        this.due = due;
      }
    }

    void register() {
      for (int k = 0; k < 3; k++) {
        instalments.add(new FakeInstalment(Instant.parse("2026-12-15T00:00:00Z").plus(Duration.ofDays(30L * k))));
      }
      Mocks.register(Delegates.LOAD_PLAN_FACTS, (TaskListener) task -> task.setVariableLocal("planTerms", "3 instalments at most"));
      Mocks.register(Delegates.LOAD_CASE_FACTS, (TaskListener) task -> task.setVariableLocal("customerName", "Acme AS"));
      Mocks.register(Delegates.RECORD_DECIDER, (TaskListener) task ->
          task.setVariable(Variables.DECIDED_BY, task.getAssignee() == null ? "collector" : task.getAssignee()));
      Mocks.register(Delegates.RECORD_PLAN_PROPOSAL, (JavaDelegate) execution -> {
        if (refuseNextProposal) {
          refuseNextProposal = false;
          execution.setVariable(Variables.PROPOSAL_PROBLEMS, "- instalments: add up to 9000.00 but must add up to 10000.00");
          throw new BpmnError(PaymentPlanProcess.Errors.PROPOSAL_INVALID);
        }
        log.add("proposed by " + execution.getVariable(Variables.DECIDED_BY));
        execution.setVariable(Variables.PLAN_ID, 42L);
        execution.removeVariable(Variables.PROPOSAL_PROBLEMS);
      });
      Mocks.register(Delegates.DECIDE_PLAN_APPROVAL, (JavaDelegate) execution -> {
        log.add("approval " + approval);
        execution.setVariable(Variables.PLAN_APPROVAL, approval);
        execution.setVariable(Variables.PLAN_APPROVAL_REASON, "test");
      });
      Mocks.register(Delegates.RECORD_PLAN_APPROVAL, (JavaDelegate) execution -> {
        String decision = (String) execution.getVariable(Variables.PLAN_APPROVAL_DECISION);
        log.add("manager " + decision + " by " + execution.getVariable(Variables.DECIDED_BY));
        if (!"APPROVE".equals(decision)) {
          execution.setVariable(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.NOT_AGREED);
        }
      });
      Mocks.register(Delegates.SEND_PLAN_FOR_ACCEPTANCE, (JavaDelegate) execution -> {
        log.add("sent for acceptance");
        execution.setVariable(Variables.ACCEPTANCE_DEADLINE, deadline);
      });
      Mocks.register(Delegates.RECORD_PLAN_CONFIRMATION, (JavaDelegate) execution -> log.add("confirmed by collector"));
      Mocks.register(Delegates.EXPIRE_PAYMENT_PLAN, (JavaDelegate) execution -> {
        log.add("expired");
        execution.setVariable(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.NOT_AGREED);
      });
      Mocks.register(Delegates.WITHDRAW_PAYMENT_PLAN, (JavaDelegate) execution -> {
        log.add("withdrawn");
        execution.setVariable(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.NOT_AGREED);
      });
      Mocks.register(Delegates.CANCEL_PAYMENT_PLAN, (JavaDelegate) execution -> {
        log.add("cancelled");
        execution.setVariable(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.DISPUTE_UPHELD);
      });
      Mocks.register(Delegates.ACTIVATE_PAYMENT_PLAN, (JavaDelegate) execution -> {
        log.add("activated");
        execution.setVariable(Variables.RELEASE_HOLD_FOR_PLAN, releaseHold);
      });
      Mocks.register(Delegates.RELEASE_CREDIT_HOLD_FOR_PLAN, (JavaDelegate) execution -> log.add("credit hold released"));
      Mocks.register(Delegates.NEXT_INSTALMENT, (JavaDelegate) this::next);
      Mocks.register(Delegates.SEND_INSTALMENT_REMINDER, (JavaDelegate) execution -> {
        FakeInstalment instalment = current(execution);
        instalment.reminded = true;
        log.add("reminder " + execution.getVariable(Variables.INSTALMENT_SEQ));
      });
      Mocks.register(Delegates.SEND_MISSED_INSTALMENT_REMINDER, (JavaDelegate) execution -> {
        current(execution).lateAt = now();
        log.add("missed reminder " + execution.getVariable(Variables.INSTALMENT_SEQ));
      });
      Mocks.register(Delegates.BREAK_PAYMENT_PLAN, (JavaDelegate) execution -> {
        boolean broken = !current(execution).paid;
        execution.setVariable(Variables.PLAN_BROKEN, broken);
        if (broken) {
          log.add("broken at " + execution.getVariable(Variables.INSTALMENT_SEQ));
          execution.setVariable(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.BROKEN);
        }
      });
      Mocks.register("recordDispute", (JavaDelegate) execution -> log.add("dispute"));
      Mocks.register("recordDisputeResolution",
          (JavaDelegate) execution -> log.add("resolution " + execution.getVariable("disputeResolution")));
      Mocks.register("dunningSchedule", new Schedule());
    }

    /** The same stages as {@link PlanCourse#next}, on the in-memory plan: 3 days' notice, 3 days' grace, 7 to pay. */
    private void next(DelegateExecution execution) {
      int seq = 0;
      for (int k = 0; k < instalments.size(); k++) {
        if (!instalments.get(k).paid) {
          seq = k + 1;
          break;
        }
      }
      Map<String, Object> step = new HashMap<>();
      step.put(Variables.INSTALMENT_SEQ, seq);
      if (seq == 0) {
        step.put(Variables.INSTALMENT_STAGE, Stages.ALL_PAID);
        step.put(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.PAID);
      } else {
        FakeInstalment instalment = instalments.get(seq - 1);
        if (instalment.lateAt != null) {
          step.put(Variables.INSTALMENT_STAGE, Stages.LAST_CHANCE);
          step.put(Variables.INSTALMENT_WAIT_UNTIL, Date.from(instalment.lateAt.plus(Duration.ofDays(7))));
        } else if (!instalment.reminded && now().isBefore(instalment.due)) {
          step.put(Variables.INSTALMENT_STAGE, Stages.REMIND);
          step.put(Variables.INSTALMENT_WAIT_UNTIL, Date.from(instalment.due.minus(DAY.multipliedBy(3))));
        } else {
          step.put(Variables.INSTALMENT_STAGE, Stages.DUE);
          step.put(Variables.INSTALMENT_WAIT_UNTIL, Date.from(instalment.due.plus(DAY.multipliedBy(4))));
        }
      }
      execution.setVariables(step);
    }

    private FakeInstalment current(DelegateExecution execution) {
      return instalments.get((Integer) execution.getVariable(Variables.INSTALMENT_SEQ) - 1);
    }

    /** {@code dunningSchedule}: the dispute path's wait and the tasks' due date. */
    public static final class Schedule {
      public String disputeInformationWait() {
        return "P7D";
      }

      public Date taskDue() {
        return Date.from(now().plus(Duration.ofDays(2)));
      }
    }
  }
}
