package io.overdue.payments;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.overdue.payments.MatchPaymentProcess.Decisions;
import io.overdue.payments.MatchPaymentProcess.Delegates;
import io.overdue.payments.MatchPaymentProcess.Elements;
import io.overdue.payments.MatchPaymentProcess.Forms;
import io.overdue.payments.MatchPaymentProcess.Messages;
import io.overdue.payments.MatchPaymentProcess.TaskFacts;
import io.overdue.payments.MatchPaymentProcess.Variables;
import io.overdue.shared.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * Plain-engine tests of {@code bpmn/match-payment.bpmn} (no Spring context): every path. The booking step is the real
 * delegate ({@link MatchPaymentDelegates#bookPaymentMatch}) on a stand-in {@link PaymentIntake}; the suggestions and
 * the decider are stand-ins (the Spring tests run the real ones).
 */
@Deployment(resources = {MatchPaymentProcess.RESOURCE, Forms.MATCH_PAYMENT_RESOURCE})
class MatchPaymentProcessTest {

  /** Every flow node and sequence flow of the model. */
  @RegisterExtension
  static ProcessEngineCoverageExtension extension =
      ProcessEngineCoverageExtension.builder().assertClassCoverageAtLeast(1.0).build();

  private static final String PAYMENT = "NDEA-2026-11-20-000042";
  private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

  private final PaymentIntake intake = mock(PaymentIntake.class);

  @BeforeEach
  void setUp() {
    init(extension.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(START));
    Mocks.register(Delegates.LOAD_MATCH_SUGGESTIONS, (TaskListener) task -> {
      task.setVariableLocal(TaskFacts.AMOUNT, "1250.50 NOK");
      task.getExecution().setVariable(Variables.MATCH_DECISION, Decisions.BOOK_ON_INVOICE);
    });
    Mocks.register(Delegates.RECORD_DECIDER, (TaskListener) task ->
        task.setVariable(Variables.DECIDED_BY, task.getAssignee() == null ? "unknown" : task.getAssignee()));
    Mocks.register(Delegates.BOOK_PAYMENT_MATCH, new MatchPaymentDelegates().bookPaymentMatch(intake,
        new MatchPaymentTasks(runtimeService())));
    Mocks.register(Delegates.KEEP_PAYMENT_AS_CREDIT, new MatchPaymentDelegates().keepPaymentAsCredit(intake,
        new MatchPaymentTasks(runtimeService())));
    Mocks.register(Delegates.DUNNING_SCHEDULE, new Schedule());
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
    reset();
  }

  @Test
  void theCollectorsChoiceIsBookedAsTheirMatch() {
    ProcessInstance process = start();
    assertThat(process).isWaitingAt(Elements.MATCH_PAYMENT_TASK);
    Task task = task(process);
    assertThat(task).hasCandidateGroup("collectors").hasName("Match payment");
    Assertions.assertThat(task.getDueDate()).isEqualTo(Date.from(START.plus(Duration.ofDays(2))));
    Assertions.assertThat(taskService().getVariableLocal(task.getId(), TaskFacts.AMOUNT)).isEqualTo("1250.50 NOK");

    claim(task, "cora");
    complete(task, withVariables(Variables.SUGGESTED_INVOICE, "7001"));

    assertThat(process).isEnded().hasPassed(Elements.MATCH_DECISION, Elements.BOOK_MATCH, Elements.PAYMENT_BOOKED)
        .hasNotPassed(Elements.MATCH_REFUSED, Elements.MATCHED_ELSEWHERE);
    verify(intake).matchByHand(PAYMENT, "7001", "cora");
  }

  @Test
  void aRefusedChoiceGoesBackToTheCollectorWithTheReasonAndTheNextOneIsBooked() {
    ProcessInstance process = start();
    doThrow(InvalidInputException.of("amount", "the payment 1250.50 NOK is more than invoice 7001's open balance 1000 NOK"))
        .when(intake).matchByHand(eq(PAYMENT), eq("7001"), any());

    complete(task(process), withVariables(Variables.SUGGESTED_INVOICE, "7001"));

    assertThat(process).hasPassed(Elements.MATCH_REFUSED).isWaitingAt(Elements.MATCH_PAYMENT_TASK).variables()
        .containsEntry(Variables.MATCH_PROBLEMS, "- the payment 1250.50 NOK is more than invoice 7001's open balance 1000 NOK");

    complete(task(process), withVariables(Variables.SUGGESTED_INVOICE, Variables.ANOTHER_INVOICE,
        Variables.INVOICE_NUMBER, " 7002 "));

    assertThat(process).isEnded().hasPassed(Elements.PAYMENT_BOOKED);
    verify(intake).matchByHand(PAYMENT, "7002", "unknown");
    Assertions.assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(process.getId())
        .variableName(Variables.MATCH_PROBLEMS).count()).as("removed once booked").isZero();
  }

  @Test
  void aPaymentMatchedElsewhereEndsTheTaskWithoutBooking() {
    ProcessInstance process = start();

    runtimeService().createMessageCorrelation(Messages.PAYMENT_MATCHED).processInstanceBusinessKey(PAYMENT).correlateAll();

    assertThat(process).isEnded().hasPassed(Elements.PAYMENT_MATCHED_ELSEWHERE, Elements.MATCHED_ELSEWHERE)
        .hasNotPassed(Elements.BOOK_MATCH);
    Assertions.assertThat(taskService().createTaskQuery().count()).isZero();
    verify(intake, never()).matchByHand(any(), any(), any());
  }

  @Test
  void aPaymentKeptAsTheCustomersCreditEndsAsCreditAfterAnUnknownCustomerWasRefused() {
    ProcessInstance process = start();
    doThrow(InvalidInputException.of("customerNumber", "customer 99999 does not exist"))
        .when(intake).creditByHand(eq(PAYMENT), eq("99999"), any());

    complete(task(process), withVariables(Variables.MATCH_DECISION, Decisions.CREDIT_CUSTOMER,
        Variables.CREDIT_CUSTOMER_NUMBER, "99999"));

    assertThat(process).hasPassed(Elements.KEEP_AS_CREDIT, Elements.CREDIT_REFUSED)
        .isWaitingAt(Elements.MATCH_PAYMENT_TASK).variables()
        .containsEntry(Variables.MATCH_PROBLEMS, "- customer 99999 does not exist");

    claim(task(process), "cora");
    complete(task(process), withVariables(Variables.MATCH_DECISION, Decisions.CREDIT_CUSTOMER,
        Variables.CREDIT_CUSTOMER_NUMBER, "10001"));

    assertThat(process).isEnded().hasPassed(Elements.KEEP_AS_CREDIT, Elements.KEPT_AS_CREDIT)
        .hasNotPassed(Elements.BOOK_MATCH);
    verify(intake).creditByHand(PAYMENT, "10001", "cora");
    verify(intake, never()).matchByHand(any(), any(), any());
  }

  private ProcessInstance start() {
    return runtimeService().startProcessInstanceByKey(MatchPaymentProcess.PROCESS_KEY, PAYMENT,
        withVariables(Variables.PAYMENT_ID, PAYMENT));
  }

  /** {@code dunningSchedule}: the task's due date. */
  public static final class Schedule {
    public Date taskDue() {
      return Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(2)));
    }
  }
}
