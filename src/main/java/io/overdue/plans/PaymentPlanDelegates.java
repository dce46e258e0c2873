package io.overdue.plans;

import io.overdue.plans.PaymentPlanProcess.Delegates;
import io.overdue.plans.PaymentPlanProcess.Errors;
import io.overdue.plans.PaymentPlanProcess.Outcomes;
import io.overdue.plans.PaymentPlanProcess.Stages;
import io.overdue.plans.PaymentPlanProcess.Variables;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.Violation;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Date;
import java.util.stream.Collectors;

/**
 * Engine glue of {@code bpmn/payment-plan.bpmn}: each delegate reads the plan's variables, calls {@link PlanCourse}
 * and puts back what the model routes on. The work runs in the engine's transaction, so the plan's record and the
 * process step commit together or not at all.
 */
@Configuration(proxyBeanMethods = false)
class PaymentPlanDelegates {

    /**
     * Reads the proposal form's answers; sets {@link Variables#PLAN_ID}. A refused proposal throws the BPMN error
     * {@link Errors#PROPOSAL_INVALID} with every fault in {@link Variables#PROPOSAL_PROBLEMS}, back to the collector.
     */
    @Bean(Delegates.RECORD_PLAN_PROPOSAL)
    JavaDelegate recordPlanProposal(PlanCourse course) {
        return execution -> {
            PlanCourse.ProposalAnswers answers = new PlanCourse.ProposalAnswers(
                    text(execution, Variables.PLAN_SPLIT), number(execution, Variables.INSTALMENT_COUNT),
                    text(execution, Variables.FIRST_PAYMENT_DATE), text(execution, Variables.PAYMENT_INTERVAL),
                    text(execution, Variables.INSTALMENT_LINES),
                    Boolean.TRUE.equals(execution.getVariable(Variables.ADD_PLAN_FEE)));
            try {
                PaymentPlan plan = course.propose(invoiceNumber(execution), answers, proposer(execution));
                execution.setVariable(Variables.PLAN_ID, plan.id());
                execution.removeVariable(Variables.PROPOSAL_PROBLEMS);
            } catch (InvalidInputException e) {
                String problems = e.violations().stream().map(PaymentPlanDelegates::line).collect(Collectors.joining("\n"));
                execution.setVariable(Variables.PROPOSAL_PROBLEMS, problems);
                throw new BpmnError(Errors.PROPOSAL_INVALID, problems);
            }
        };
    }

    /** Sets {@link Variables#PLAN_APPROVAL} and {@link Variables#PLAN_APPROVAL_REASON}. */
    @Bean(Delegates.DECIDE_PLAN_APPROVAL)
    JavaDelegate decidePlanApproval(PlanCourse course) {
        return execution -> {
            PaymentPlanDecisions.Approval approval = course.decideApproval(planId(execution));
            execution.setVariable(Variables.PLAN_APPROVAL, approval.approval());
            execution.setVariable(Variables.PLAN_APPROVAL_REASON, approval.reason());
        };
    }

    /** Reads the manager's {@link Variables#PLAN_APPROVAL_DECISION}; a rejection ends with no plan. */
    @Bean(Delegates.RECORD_PLAN_APPROVAL)
    JavaDelegate recordPlanApproval(PlanCourse course) {
        return execution -> {
            boolean approved = "APPROVE".equals(text(execution, Variables.PLAN_APPROVAL_DECISION));
            course.managerDecision(planId(execution), approved, text(execution, Variables.DECIDED_BY));
            if (!approved) {
                execution.setVariable(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.NOT_AGREED);
            }
        };
    }

    @Bean(Delegates.RECORD_PLAN_CONFIRMATION)
    JavaDelegate recordPlanConfirmation(PlanCourse course) {
        return execution -> course.confirmedByCollector(planId(execution));
    }

    @Bean(Delegates.EXPIRE_PAYMENT_PLAN)
    JavaDelegate expirePaymentPlan(PlanCourse course) {
        return execution -> {
            course.expire(planId(execution));
            execution.setVariable(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.NOT_AGREED);
        };
    }

    @Bean(Delegates.WITHDRAW_PAYMENT_PLAN)
    JavaDelegate withdrawPaymentPlan(PlanCourse course) {
        return execution -> {
            course.cancel(planId(execution), text(execution, Variables.DECIDED_BY));
            execution.setVariable(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.NOT_AGREED);
        };
    }

    @Bean(Delegates.CANCEL_PAYMENT_PLAN)
    JavaDelegate cancelPaymentPlan(PlanCourse course) {
        return execution -> {
            course.cancel(planId(execution), text(execution, Variables.DECIDED_BY));
            execution.setVariable(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.DISPUTE_UPHELD);
        };
    }

    /** Sets {@link Variables#RELEASE_HOLD_FOR_PLAN}. */
    @Bean(Delegates.ACTIVATE_PAYMENT_PLAN)
    JavaDelegate activatePaymentPlan(PlanCourse course) {
        return execution -> execution.setVariable(Variables.RELEASE_HOLD_FOR_PLAN, course.activate(planId(execution)));
    }

    @Bean(Delegates.RELEASE_CREDIT_HOLD_FOR_PLAN)
    JavaDelegate releaseCreditHoldForPlan(PlanCourse course) {
        return execution -> course.releaseCreditHold(planId(execution));
    }

    /**
     * Sets {@link Variables#INSTALMENT_SEQ}, {@link Variables#INSTALMENT_STAGE} and {@link Variables#INSTALMENT_WAIT_UNTIL};
     * a plan paid in full also sets the outcome {@link Outcomes#PAID}.
     */
    @Bean(Delegates.NEXT_INSTALMENT)
    JavaDelegate nextInstalment(PlanCourse course) {
        return execution -> {
            PlanCourse.Step step = course.next(planId(execution));
            execution.setVariable(Variables.INSTALMENT_SEQ, step.seq());
            execution.setVariable(Variables.INSTALMENT_STAGE, step.stage());
            execution.setVariable(Variables.INSTALMENT_WAIT_UNTIL, step.waitUntil() == null ? null : Date.from(step.waitUntil()));
            if (Stages.ALL_PAID.equals(step.stage())) {
                execution.setVariable(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.PAID);
            }
        };
    }

    @Bean(Delegates.SEND_INSTALMENT_REMINDER)
    JavaDelegate sendInstalmentReminder(PlanCourse course) {
        return execution -> course.remindDueSoon(planId(execution), seq(execution));
    }

    @Bean(Delegates.SEND_MISSED_INSTALMENT_REMINDER)
    JavaDelegate sendMissedInstalmentReminder(PlanCourse course) {
        return execution -> course.remindMissed(planId(execution), seq(execution));
    }

    /** Sets {@link Variables#PLAN_BROKEN}; a broken plan also sets the outcome {@link Outcomes#BROKEN}. */
    @Bean(Delegates.BREAK_PAYMENT_PLAN)
    JavaDelegate breakPaymentPlan(PlanCourse course) {
        return execution -> {
            boolean broken = course.breakIfUnpaid(planId(execution), seq(execution));
            execution.setVariable(Variables.PLAN_BROKEN, broken);
            if (broken) {
                execution.setVariable(Variables.PAYMENT_PLAN_OUTCOME, Outcomes.BROKEN);
            }
        };
    }

    // ---------------------------------------------------------------- variables

    static String invoiceNumber(DelegateExecution execution) {
        String invoiceNumber = text(execution, Variables.INVOICE_NUMBER);
        if (invoiceNumber == null) {
            throw new IllegalStateException("variable " + Variables.INVOICE_NUMBER + " is not set");
        }
        return invoiceNumber;
    }

    static long planId(DelegateExecution execution) {
        Long id = number(execution, Variables.PLAN_ID);
        if (id == null) {
            throw new IllegalStateException("variable " + Variables.PLAN_ID + " is not set");
        }
        return id;
    }

    private static int seq(DelegateExecution execution) {
        Long seq = number(execution, Variables.INSTALMENT_SEQ);
        if (seq == null) {
            throw new IllegalStateException("variable " + Variables.INSTALMENT_SEQ + " is not set");
        }
        return seq.intValue();
    }

    private static String proposer(DelegateExecution execution) {
        String user = text(execution, Variables.DECIDED_BY);
        return user == null || user.isBlank() ? "collector" : user;
    }

    static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** Forms submit numbers as Long or Double, the API as Integer: any whole number will do. */
    static Long number(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String line(Violation violation) {
        return "- " + violation.field() + ": " + violation.message();
    }
}
