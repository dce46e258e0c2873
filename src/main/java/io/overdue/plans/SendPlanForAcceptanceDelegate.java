package io.overdue.plans;

import io.overdue.plans.PaymentPlanProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * Engine glue for "Send plan for acceptance": the email and SMS with the acceptance link, then the deadline the
 * model's timer waits for. Asynchronous with retries; {@link PlanConfirmations} sends nothing twice.
 */
@Component(PaymentPlanProcess.Delegates.SEND_PLAN_FOR_ACCEPTANCE)
class SendPlanForAcceptanceDelegate implements JavaDelegate {

    private final PlanConfirmations confirmations;

    SendPlanForAcceptanceDelegate(PlanConfirmations confirmations) {
        this.confirmations = confirmations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long planId = ((Number) execution.getVariable(Variables.PLAN_ID)).longValue();
        execution.setVariable(Variables.ACCEPTANCE_DEADLINE, Date.from(confirmations.send(planId)));
    }
}
