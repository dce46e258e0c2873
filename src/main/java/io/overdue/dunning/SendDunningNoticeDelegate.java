package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.Optional;

/**
 * Engine glue for "Send dunning notice" (asynchronous, retried): {@link DunningNotices} sends level
 * {@code nextLevel}; the model learns what it asked for (credit hold, call) from the recorded notice, so a retry
 * answers the same.
 */
@Component(CollectionCaseProcess.Delegates.SEND_DUNNING_NOTICE)
class SendDunningNoticeDelegate implements JavaDelegate {

    private final DunningNotices notices;

    SendDunningNoticeDelegate(DunningNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int level = CaseVariables.number(execution, Variables.NEXT_LEVEL, 0);
        if (level < 1) {
            throw new IllegalStateException("Send dunning notice needs " + Variables.NEXT_LEVEL + " (set by planNextLevel)");
        }
        Optional<DunningNotice> sent = notices.send(CaseVariables.invoiceNumber(execution), level, CaseVariables.round(execution));
        if (sent.isPresent()) {
            execution.setVariable(Variables.LEVEL, level);
            execution.setVariable(Variables.LAST_NOTICE_AT, Date.from(sent.get().sentAt()));
        }
        // A closed invoice sent nothing and asks for nothing; its case is ending through the settlement.
        execution.setVariable(Variables.CREDIT_HOLD, sent.map(DunningNotice::creditHold).orElse(false));
        execution.setVariable(Variables.CALL_CUSTOMER, sent.map(DunningNotice::callCustomer).orElse(false));
    }
}
