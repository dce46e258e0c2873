package io.overdue.payments;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import io.overdue.payments.CreditBalanceProcess.Delegates;
import io.overdue.payments.CreditBalanceProcess.Elements;
import io.overdue.payments.CreditBalanceProcess.Errors;
import io.overdue.payments.CreditBalanceProcess.Variables;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plain-engine tests of {@code bpmn/credit-balance.bpmn}: every path. The delegates are stand-ins that keep the credit
 * in memory and set the same variables as {@link CreditBalanceDelegates}; {@link CreditBalances} itself is tested with
 * Spring and a database ({@code CreditAndLedgerContract}).
 */
@Deployment(resources = {CreditBalanceProcess.RESOURCE, CreditBalanceProcess.FORM_RESOURCE})
class CreditBalanceProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension =
      ProcessEngineCoverageExtension.builder().assertClassCoverageAtLeast(1.0).build();

  private final FakeCredit credit = new FakeCredit();

  @BeforeEach
  void setUp() {
    init(extension.getProcessEngine());
    credit.register();
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    reset();
  }

  @Test
  void aRefundSettlesTheCredit() {
    ProcessInstance process = start();
    assertThat(process).isWaitingAt(Elements.SETTLE_CREDIT_BALANCE);
    assertThat(task(process)).hasCandidateGroup("collectors");
    Assertions.assertThat(taskService().getVariableLocal(task(process).getId(), "creditOpen")).isEqualTo("150.00 NOK");

    complete(task(process), Map.of(Variables.CREDIT_SETTLEMENT, "REFUND", Variables.REFUND_NOTE, "to 1503.12.34567"));

    assertThat(process).hasPassed(Elements.BOOK_CREDIT_SETTLEMENT, Elements.CREDIT_BALANCE_SETTLED).isEnded();
    Assertions.assertThat(credit.log).containsExactly("REFUND 150 by collector");
  }

  @Test
  void anOffsetSmallerThanTheCreditComesBackForTheRest() {
    credit.invoiceOwes = new BigDecimal("100");
    ProcessInstance process = start();

    complete(task(process), Map.of(Variables.CREDIT_SETTLEMENT, "OFFSET", Variables.OFFSET_INVOICE_NUMBER, "7002"));

    assertThat(process).hasPassed(Elements.CREDIT_LEFT).isWaitingAt(Elements.SETTLE_CREDIT_BALANCE);
    Assertions.assertThat(taskService().getVariableLocal(task(process).getId(), "creditOpen")).isEqualTo("50.00 NOK");

    complete(task(process), Map.of(Variables.CREDIT_SETTLEMENT, "OFFSET", Variables.OFFSET_INVOICE_NUMBER, "7003"));

    assertThat(process).isEnded().hasPassed(Elements.CREDIT_BALANCE_SETTLED);
    Assertions.assertThat(credit.log).containsExactly("OFFSET 100 on 7002 by collector", "OFFSET 50 on 7003 by collector");
  }

  @Test
  void aRefusedChoiceGoesBackToTheCollectorWithTheReasonsAndBooksNothing() {
    ProcessInstance process = start();

    complete(task(process), Map.of(Variables.CREDIT_SETTLEMENT, "OFFSET", Variables.OFFSET_INVOICE_NUMBER, "9999"));

    assertThat(process).hasPassed(Elements.SETTLEMENT_REFUSED).isWaitingAt(Elements.SETTLE_CREDIT_BALANCE);
    assertThat(process).variables().containsEntry(Variables.SETTLEMENT_PROBLEMS,
        "offsetInvoiceNumber: invoice 9999 does not exist");
    Assertions.assertThat(credit.log).isEmpty();

    complete(task(process), Map.of(Variables.CREDIT_SETTLEMENT, "REFUND", Variables.REFUND_NOTE, "to 1503.12.34567"));
    assertThat(process).isEnded();
  }

  private ProcessInstance start() {
    return runtimeService().startProcessInstanceByKey(CreditBalanceProcess.PROCESS_KEY, "NDEA-2026-11-20-000042",
        Map.of(Variables.CREDIT_ID, 17L));
  }

  /** A credit of NOK 150.00 kept in memory, booked like {@link CreditBalances} books it. */
  static final class FakeCredit {
    final List<String> log = new ArrayList<>();
    BigDecimal open = new BigDecimal("150");
    BigDecimal invoiceOwes = new BigDecimal("1000");

    void register() {
      Mocks.register(Delegates.LOAD_CREDIT_FACTS, (TaskListener) task -> {
        Assertions.assertThat(task.getVariable(Variables.CREDIT_ID)).isEqualTo(17L);
        task.setVariableLocal("creditOpen", open.setScale(2) + " NOK");
      });
      Mocks.register(Delegates.RECORD_DECIDER, (TaskListener) task ->
          task.setVariable(Variables.DECIDED_BY, task.getAssignee() == null ? "collector" : task.getAssignee()));
      Mocks.register(Delegates.BOOK_CREDIT_SETTLEMENT, (JavaDelegate) execution -> {
        String decider = (String) execution.getVariable(Variables.DECIDED_BY);
        if ("OFFSET".equals(execution.getVariable(Variables.CREDIT_SETTLEMENT))) {
          String invoice = (String) execution.getVariable(Variables.OFFSET_INVOICE_NUMBER);
          if ("9999".equals(invoice)) {
            execution.setVariable(Variables.SETTLEMENT_PROBLEMS, "offsetInvoiceNumber: invoice 9999 does not exist");
            throw new BpmnError(Errors.SETTLEMENT_INVALID);
          }
          BigDecimal amount = open.min(invoiceOwes);
          log.add("OFFSET " + amount + " on " + invoice + " by " + decider);
          open = open.subtract(amount);
        } else {
          log.add("REFUND " + open + " by " + decider);
          open = BigDecimal.ZERO;
        }
        execution.setVariable(Variables.CREDIT_LEFT, open.signum() > 0);
      });
      Mocks.register("dunningSchedule", new Schedule());
    }
  }

  /** {@code dunningSchedule}: the tasks' due date. */
  public static final class Schedule {
    public Date taskDue() {
      return Date.from(Instant.now().plus(Duration.ofDays(2)));
    }
  }
}
