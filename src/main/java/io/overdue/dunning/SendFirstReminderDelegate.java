package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Engine glue for the "Send first reminder" task: asynchronous, retried, idempotent by invoice number. */
@Component(CollectionCaseProcess.Delegates.SEND_FIRST_REMINDER)
class SendFirstReminderDelegate implements JavaDelegate {

    private final FirstReminder firstReminder;

    SendFirstReminderDelegate(FirstReminder firstReminder) {
        this.firstReminder = firstReminder;
    }

    @Override
    public void execute(DelegateExecution execution) {
        firstReminder.send((String) execution.getVariable(Variables.INVOICE_NUMBER));
    }
}
