package io.overdue.dunning;

import io.overdue.channels.ContactWindows;
import io.overdue.dunning.CollectionCaseProcess.Messages;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.invoices.InvoicesAccepted;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.camunda.bpm.engine.variable.Variables.createVariables;

/**
 * Starts, amends and settles collection cases as invoices arrive. Runs synchronously inside the intake
 * transaction, so an invoice is never stored without its case, nor a case started for an invoice that was
 * rolled back.
 */
@Service
class CollectionCases {

    /**
     * New cases started within one engine command, so the engine writes them in one flush (one JDBC batch per
     * table) instead of one flush per case. Not the whole request at once: the engine's flush orders its
     * inserts at a cost that grows with the square of their number (camunda-bpm-platform#3685). The
     * benchmark found 25 to 250 equally good.
     */
    static final int CASES_PER_COMMAND = 100;

    private final RuntimeService runtime;
    private final ProcessEngine engine;
    private final DunningProperties properties;
    private final CaseUpdateQueue queue;
    private final ContactWindows contactWindows;

    CollectionCases(RuntimeService runtime, ProcessEngine engine, DunningProperties properties, CaseUpdateQueue queue,
                    ContactWindows contactWindows) {
        this.contactWindows = contactWindows;
        this.runtime = runtime;
        this.engine = engine;
        this.properties = properties;
        this.queue = queue;
    }

    /** Inside {@link CaseUpdateQueue#queuing} settlements and part payments are queued for the worker, in this transaction. */
    @EventListener
    void on(InvoicesAccepted accepted) {
        List<InvoicesAccepted.Change> created = new ArrayList<>();
        List<InvoicesAccepted.Change> queued = new ArrayList<>();
        boolean queuing = queue.isQueuing();
        for (InvoicesAccepted.Change change : accepted.changes()) {
            switch (change.kind()) {
                case NEW -> created.add(change);
                case AMENDED -> amend(change);
                case BALANCE_REDUCED -> {
                    if (queuing) {
                        queued.add(change);
                    } else {
                        balanceReduced(change.invoiceNumber());
                    }
                }
                case SETTLED -> {
                    if (queuing) {
                        queued.add(change);
                    } else {
                        settle(change.invoiceNumber(), change.status().name());
                    }
                }
            }
        }
        start(created);
        queue.add(queued);
    }

    private void start(List<InvoicesAccepted.Change> invoices) {
        if (invoices.isEmpty()) {
            return;
        }
        String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(CollectionCaseProcess.PROCESS_KEY).latestVersion().singleResult().getId();
        // The engine has no public API to group starts; its command executor joins the intake transaction.
        CommandExecutor commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        for (int from = 0; from < invoices.size(); from += CASES_PER_COMMAND) {
            List<InvoicesAccepted.Change> chunk = invoices.subList(from, Math.min(invoices.size(), from + CASES_PER_COMMAND));
            commands.execute(commandContext -> {
                chunk.forEach(invoice -> runtime.startProcessInstanceById(definitionId, invoice.invoiceNumber(),
                        createVariables()
                                .putValue(Variables.INVOICE_NUMBER, invoice.invoiceNumber())
                                .putValue(Variables.FIRST_REMINDER_AT, firstReminderAt(invoice.invoiceNumber(), invoice.dueDate(),
                                        invoice.country()))));
                return null;
            });
        }
    }

    /**
     * A case still waiting for the due date re-plans its first reminder, one waiting for its next notice plans it
     * again; later steps read the invoice afresh. Every waiting catch event gets it (the model has two); a case that
     * waits for neither (or has ended) ignores it.
     */
    private void amend(InvoicesAccepted.Change invoice) {
        runtime.createMessageCorrelation(Messages.INVOICE_AMENDED)
                .processInstanceBusinessKey(invoice.invoiceNumber())
                .setVariable(Variables.FIRST_REMINDER_AT, firstReminderAt(invoice.invoiceNumber(), invoice.dueDate(),
                        invoice.country()))
                .correlateAll();
    }

    /**
     * A part payment or part credit: the case records it and dunning goes on for the rest. Accepted in every state
     * of a running case; nothing happens when no case waits for it (e.g. none was started).
     */
    void balanceReduced(String invoiceNumber) {
        runtime.createMessageCorrelation(Messages.BALANCE_REDUCED)
                .processInstanceBusinessKey(invoiceNumber)
                .correlateAll();
    }

    /** Paid, cancelled or written off: the case ends, with {@link Variables#SETTLEMENT} saying how. */
    void settle(String invoiceNumber, String settlement) {
        runtime.createMessageCorrelation(Messages.INVOICE_SETTLED)
                .processInstanceBusinessKey(invoiceNumber)
                .setVariable(Variables.SETTLEMENT, settlement)
                .correlateAll();
    }

    /**
     * Due date plus grace, at the reminder time in the creditor's zone, spread by a jitter derived from the
     * invoice number: stable across amendments, and thousands of invoices due on one day do not all fire in
     * the same second. A day outside the customer's contact hours (a Sunday, a public holiday) moves to the next
     * allowed one.
     */
    Date firstReminderAt(String invoiceNumber, LocalDate dueDate, String country) {
        return Date.from(NoticeMoments.withinContactHours(properties, contactWindows, country,
                NoticeMoments.on(properties, invoiceNumber, dueDate.plus(properties.gracePeriod())).toInstant()));
    }
}
