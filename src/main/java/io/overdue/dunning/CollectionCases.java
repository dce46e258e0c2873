package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Messages;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.invoices.InvoicesAccepted;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;

import static org.camunda.bpm.engine.variable.Variables.createVariables;

/**
 * Starts, amends and settles collection cases as invoices arrive. Runs synchronously inside the intake
 * transaction, so an invoice is never stored without its case, nor a case started for an invoice that was
 * rolled back.
 */
@Service
class CollectionCases {

    private final RuntimeService runtime;
    private final DunningProperties properties;

    CollectionCases(RuntimeService runtime, DunningProperties properties) {
        this.runtime = runtime;
        this.properties = properties;
    }

    @EventListener
    void on(InvoicesAccepted accepted) {
        for (InvoicesAccepted.Change change : accepted.changes()) {
            switch (change.kind()) {
                case NEW -> start(change);
                case AMENDED -> amend(change);
                case SETTLED -> settle(change);
            }
        }
    }

    private void start(InvoicesAccepted.Change invoice) {
        VariableMap variables = caseFacts(invoice)
                .putValue(Variables.INVOICE_NUMBER, invoice.invoiceNumber())
                .putValue(Variables.CUSTOMER_NUMBER, invoice.customerNumber())
                .putValue(Variables.CUSTOMER_NAME, invoice.customerName())
                .putValue(Variables.CURRENCY, invoice.currency())
                .putValue(Variables.REMINDER_DEADLINE, properties.reminderDeadline().toString())
                .putValue(Variables.FOLLOW_UP_INTERVAL, properties.followUpInterval().toString());
        runtime.startProcessInstanceByKey(CollectionCaseProcess.PROCESS_KEY, invoice.invoiceNumber(), variables);
    }

    /** New facts go into the case; a case still waiting for the due date re-plans its first reminder. */
    private void amend(InvoicesAccepted.Change invoice) {
        runtime.createProcessInstanceQuery().processDefinitionKey(CollectionCaseProcess.PROCESS_KEY)
                .processInstanceBusinessKey(invoice.invoiceNumber()).active().list()
                .forEach(instance -> runtime.setVariables(instance.getId(), caseFacts(invoice)));
        runtime.createMessageCorrelation(Messages.INVOICE_AMENDED)
                .processInstanceBusinessKey(invoice.invoiceNumber())
                .correlateAll();
    }

    private void settle(InvoicesAccepted.Change invoice) {
        runtime.createMessageCorrelation(Messages.INVOICE_SETTLED)
                .processInstanceBusinessKey(invoice.invoiceNumber())
                .setVariable(Variables.SETTLEMENT, invoice.status().name())
                .setVariable(Variables.OPEN_BALANCE, invoice.openBalance().toPlainString())
                .correlateAll();
    }

    private VariableMap caseFacts(InvoicesAccepted.Change invoice) {
        return createVariables()
                .putValue(Variables.OPEN_BALANCE, invoice.openBalance().toPlainString())
                .putValue(Variables.DUE_DATE, invoice.dueDate().toString())
                .putValue(Variables.FIRST_REMINDER_AT, firstReminderAt(invoice.invoiceNumber(), invoice.dueDate()));
    }

    /**
     * Due date plus grace, at the reminder time in the creditor's zone, spread by a jitter derived from the
     * invoice number: stable across amendments, and thousands of invoices due on one day do not all fire in
     * the same second.
     */
    Date firstReminderAt(String invoiceNumber, LocalDate dueDate) {
        long jitterSeconds = properties.jitter().toSeconds() <= 0 ? 0
                : Math.floorMod(invoiceNumber.hashCode(), properties.jitter().toSeconds());
        ZonedDateTime at = dueDate.plus(properties.gracePeriod()).atTime(properties.reminderTime())
                .atZone(properties.zone()).plus(Duration.ofSeconds(jitterSeconds));
        return Date.from(at.toInstant());
    }

}
