package io.overdue.dunning;

import io.overdue.channels.ContactFrequency;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/**
 * Engine glue when a call is asked for: reserves the customer's next call slot ({@link ContactFrequency#reserveCall},
 * within the call caps and, when {@link DunningProperties#contactHours()}, the contact hours) and tells the model when
 * the call task opens.
 */
@Component(CollectionCaseProcess.Delegates.RESERVE_CALL_SLOT)
class ReserveCallSlotListener implements ExecutionListener {

    private final CaseFacts caseFacts;
    private final ContactFrequency frequency;
    private final DunningProperties properties;
    private final Clock clock;

    ReserveCallSlotListener(CaseFacts caseFacts, ContactFrequency frequency, DunningProperties properties, Clock clock) {
        this.caseFacts = caseFacts;
        this.frequency = frequency;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String invoice = CaseVariables.invoiceNumber(execution);
        Instant now = clock.instant();
        Instant slot = frequency.reserveCall(caseFacts.of(invoice).customer().customerNumber(), invoice, now,
                properties.contactHours());
        execution.setVariable(Variables.CALL_SLOT_AT, Date.from(slot));
        execution.setVariable(Variables.CALL_SLOT_NOW, !slot.isAfter(now));
    }
}
