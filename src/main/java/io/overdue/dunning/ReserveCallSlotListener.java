package io.overdue.dunning;

import io.overdue.channels.ContactFrequency;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/**
 * Engine glue when a call is asked for: at most one open call task per customer (another case's open or waiting call
 * covers this one), else reserves the customer's next call slot ({@link ContactFrequency#reserveCall},
 * within the call caps and, when {@link DunningProperties#contactHours()}, the contact hours) and tells the model when
 * the call task opens.
 */
@Component(CollectionCaseProcess.Delegates.RESERVE_CALL_SLOT)
class ReserveCallSlotListener implements ExecutionListener {

    private final CaseFacts caseFacts;
    private final ContactFrequency frequency;
    private final DunningProperties properties;
    private final Clock clock;
    private final io.overdue.invoices.InvoiceService invoices;
    private final org.camunda.bpm.engine.TaskService tasks;
    private final org.camunda.bpm.engine.RuntimeService runtime;

    ReserveCallSlotListener(CaseFacts caseFacts, ContactFrequency frequency, DunningProperties properties, Clock clock,
                            io.overdue.invoices.InvoiceService invoices, org.camunda.bpm.engine.TaskService tasks,
                            org.camunda.bpm.engine.RuntimeService runtime) {
        this.invoices = invoices;
        this.tasks = tasks;
        this.runtime = runtime;
        this.caseFacts = caseFacts;
        this.frequency = frequency;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String invoice = CaseVariables.invoiceNumber(execution);
        CaseFacts.Facts facts = caseFacts.of(invoice);
        Instant now = clock.instant();
        boolean covered = callOpenInAnotherCase(facts, invoice);
        execution.setVariable(Variables.CALL_COVERED, covered);
        if (covered) {
            execution.setVariable(Variables.CALL_SLOT_NOW, false);
            return;
        }
        Instant slot = frequency.reserveCall(facts.customer().customerNumber(), invoice, now, properties.contactHours());
        execution.setVariable(Variables.CALL_SLOT_AT, Date.from(slot));
        execution.setVariable(Variables.CALL_SLOT_NOW, !slot.isAfter(now));
    }

    /**
     * One open call task per customer: another of its open invoices has its call task open or waiting for its slot.
     * One task query for all the customer's cases; the engine is asked about a waiting call only for the open invoices
     * that ever reserved a slot (a case waits for one only after reserving it), not for every open invoice.
     */
    private boolean callOpenInAnotherCase(CaseFacts.Facts facts, String invoice) {
        java.util.Set<String> others = new java.util.HashSet<>();
        for (io.overdue.invoices.Invoice other : invoices.openInvoices(facts.invoice().customerId())) {
            others.add(other.invoiceNumber());
        }
        others.remove(invoice);
        if (others.isEmpty()) {
            return false;
        }
        if (tasks.createTaskQuery().processInstanceBusinessKeyIn(others.toArray(String[]::new))
                .taskDefinitionKey(Elements.CALL_CUSTOMER).count() > 0) {
            return true;
        }
        return frequency.slotHolders(facts.customer().customerNumber()).stream().filter(others::contains)
                .anyMatch(key -> runtime.createExecutionQuery().processInstanceBusinessKey(key)
                        .activityId(Elements.CALL_SLOT_REACHED).count() > 0);
    }
}
