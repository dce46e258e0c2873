package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Engine glue for the courtesy reminder's event subprocess; {@link CourtesyReminders} decides and sends. */
@Configuration(proxyBeanMethods = false)
class CourtesyReminderDelegates {

    /**
     * Local to the event subprocess's execution: the decision belongs to this one courtesy window, and a local
     * variable ends with it instead of lingering on the case.
     */
    @Bean(CollectionCaseProcess.Delegates.DECIDE_COURTESY_REMINDER)
    JavaDelegate decideCourtesyReminder(CourtesyReminders reminders) {
        return execution -> {
            CourtesyReminders.Decision decision = reminders.decide(CaseVariables.invoiceNumber(execution));
            execution.setVariableLocal(Variables.COURTESY_REMINDER_WANTED, decision.wanted());
            if (decision.wanted()) {
                execution.setVariableLocal(Variables.COURTESY_REMINDER_AT, decision.at());
            }
        };
    }

    @Bean(CollectionCaseProcess.Delegates.SEND_COURTESY_REMINDER)
    JavaDelegate sendCourtesyReminder(CourtesyReminders reminders) {
        return execution -> reminders.send(CaseVariables.invoiceNumber(execution));
    }
}
