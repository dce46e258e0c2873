package io.overdue.dunning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.overdue.channels.SentNotice;
import io.overdue.disputes.Dispute;
import io.overdue.dunning.CollectionCaseProcess.Messages;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.invoices.ConflictRetry;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.promises.Promise;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violations;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.shared.ConflictException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person can do to a running case beyond working its tasks: the workbench's actions on the customer file.
 * Each goes to the case as a message, checked like the API's requests, so that the model decides whether the case
 * takes it now and a refused request leaves nothing behind.
 */
@Service
public class CaseActions {

    private static final int ATTEMPTS = 5;

    private final RuntimeService runtime;
    private final CasePlans plans;
    private final CaseClaims claims;
    private final CaseMessages caseMessages;
    private final CaseHolds holds;
    private final InvoiceCopyEmails copies;
    private final InvoiceService invoices;
    private final DunningProperties properties;
    private final ConflictRetry retry;
    private final Clock clock;

    CaseActions(RuntimeService runtime, CasePlans plans, CaseClaims claims, CaseMessages caseMessages, CaseHolds holds,
                InvoiceCopyEmails copies, InvoiceService invoices, DunningProperties properties, ConflictRetry retry,
                Clock clock) {
        this.runtime = runtime;
        this.plans = plans;
        this.claims = claims;
        this.caseMessages = caseMessages;
        this.holds = holds;
        this.copies = copies;
        this.invoices = invoices;
        this.properties = properties;
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * A promise the customer made on a call the collector logs from the customer file (source CALL).
     *
     * @param promisedDate ISO date as typed; checked like the API's ({@code promisedDate})
     * @param requestKey   the form's one-time key: the same form sent twice records one promise
     * @return the stored promise and whether this call stored it
     */
    public Recorded<Promise> promise(String invoiceNumber, String promisedDate, BigDecimal amount, String note,
                                     String requestKey) {
        var taken = claims.makePromise(invoiceNumber,
                new CaseClaimRequests.PromiseRequest(promisedDate, amount, note, requestKey), true);
        return new Recorded<>(taken.record(), taken.created());
    }

    /** A dispute the customer raised with the collector (source CALL); checked like the API's. */
    public Recorded<Dispute> dispute(String invoiceNumber, String reason, BigDecimal amount, String requestKey) {
        var taken = claims.raiseDispute(invoiceNumber, new CaseClaimRequests.DisputeRequest(reason, amount, requestKey), true);
        return new Recorded<>(taken.record(), taken.created());
    }

    /** A stored record and whether this request stored it (false: the same request again). */
    public record Recorded<T>(T record, boolean created) {
    }

    /**
     * Stops dunning until {@code until} (at the reminder time), when it resumes as after a kept promise. Only a case
     * that is collecting takes a hold; payments settle a case on hold as any other.
     *
     * @param until ISO date, after today and at most {@code overdue.dunning.longest-hold} ahead
     * @throws io.overdue.shared.InvalidInputException naming {@code until} and {@code reason} when wrong
     */
    public CaseHolds.CaseHold hold(String invoiceNumber, String until, String reason, String user) {
        return retry.inTransaction("hold on invoice " + invoiceNumber, ATTEMPTS, () -> {
            Invoice invoice = invoice(invoiceNumber);
            Violations violations = new Violations();
            LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
            LocalDate date = null;
            if (until == null || until.isBlank()) {
                violations.add("until", "must not be blank: the day dunning resumes (ISO 8601, e.g. " + today.plusDays(14) + ")");
            } else {
                try {
                    date = LocalDate.parse(until.strip());
                    LocalDate latest = today.plus(properties.longestHold());
                    if (!date.isAfter(today)) {
                        violations.add("until", "must be after today (" + today + ")");
                    } else if (date.isAfter(latest)) {
                        violations.add("until", "must be at most " + properties.longestHold() + " ahead (" + latest
                                + " at the latest); a longer pause needs a payment plan");
                    }
                } catch (DateTimeParseException e) {
                    violations.add("until", "'" + until + "' is not a valid date (ISO 8601, e.g. " + today.plusDays(14) + ")");
                }
            }
            if (reason == null || reason.isBlank()) {
                violations.add("reason", "must not be blank: say why dunning stops");
            } else if (reason.strip().length() > CaseHolds.MAX_REASON) {
                violations.add("reason", "must be at most " + CaseHolds.MAX_REASON + " characters");
            }
            violations.throwIfAny();
            caseMessages.refuseClosed(invoice, "a hold");
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put(Variables.HOLD_UNTIL, date.toString());
            variables.put(Variables.HOLD_REASON, reason.strip());
            variables.put(Variables.HELD_BY, user);
            caseMessages.correlate(invoiceNumber, Messages.CASE_HOLD_REQUESTED, "a hold", variables);
            List<CaseHolds.CaseHold> all = holds.of(invoiceNumber);
            return all.get(all.size() - 1);
        });
    }

    /** Ends the case's hold now: dunning resumes as if its date had come. */
    public void releaseHold(String invoiceNumber, String user) {
        retry.inTransaction("release of the hold on invoice " + invoiceNumber, ATTEMPTS, () -> {
            invoice(invoiceNumber);
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put(Variables.HOLD_RELEASED_BY, user);
            caseMessages.correlate(invoiceNumber, Messages.CASE_HOLD_RELEASED, "the release of a hold (it is not on hold)",
                    variables);
            return null;
        });
    }

    /** The invoice's holds, oldest first. */
    public List<CaseHolds.CaseHold> holds(String invoiceNumber) {
        return holds.of(invoiceNumber);
    }

    /**
     * Emails the customer the invoice copy the ERP uploaded, through the outbox, once per {@code requestKey}.
     *
     * @throws io.overdue.shared.ConflictException when no copy is stored or the customer has no email address
     */
    public SentNotice resendInvoiceCopy(String invoiceNumber, String requestKey) {
        return copies.resend(invoiceNumber, requestKey);
    }

    private Invoice invoice(String invoiceNumber) {
        return invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
    }

    /**
     * The customer asked for a payment plan by other means (a letter, an email): the case's collectors get the task
     * to propose one, exactly as after {@code POST /api/invoices/{n}/plan} with only a note.
     */
    public void requestPaymentPlan(String invoiceNumber, String note, String user) {
        plans.post(invoiceNumber, JsonNodeFactory.instance.objectNode().put("note", note), user);
    }

    /**
     * Moves the case straight to a collector's call, skipping whatever it waits for now (for instance when an
     * invoice is taken over from an older system after its reminders were already sent there). After the call
     * the case goes on with the policy's next level.
     *
     * @return false when the invoice has no running case
     */
    public boolean callNow(String invoiceNumber) {
        for (int attempt = 1; ; attempt++) {
            try {
                ProcessInstance instance = runtime.createProcessInstanceQuery()
                        .processDefinitionKey(CollectionCaseProcess.PROCESS_KEY)
                        .processInstanceBusinessKey(invoiceNumber).active().singleResult();
                if (instance == null) {
                    return false;
                }
                ActivityInstance tree = runtime.getActivityInstance(instance.getId());
                if (tree.getActivityInstances(Elements.CALL_CUSTOMER).length > 0) {
                    return true;
                }
                if (tree.getActivityInstances(Elements.RUN_PAYMENT_PLAN).length > 0) {
                    // Cancelling the plan's call would drop the plan instance and leave its plan live.
                    throw new ConflictException("the case of invoice " + invoiceNumber + " runs a payment plan; "
                            + "its tasks are the collectors' now");
                }
                // Start the call first: cancelling the last activity before would end the case. Inside the running
                // "Collect the invoice" the call replaces what it waits for; elsewhere (a promise, a dispute) the
                // whole wait is replaced and collection starts again at the call.
                ActivityInstance[] collection = tree.getActivityInstances(Elements.COLLECTION);
                ActivityInstance scope = collection.length == 1 ? collection[0] : tree;
                ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(instance.getId());
                modification = collection.length == 1
                        ? modification.startBeforeActivity(Elements.CALL_CUSTOMER, scope.getId())
                        : modification.startBeforeActivity(Elements.CALL_CUSTOMER);
                for (ActivityInstance child : scope.getChildActivityInstances()) {
                    modification.cancelActivityInstance(child.getId());
                }
                for (var transition : scope.getChildTransitionInstances()) {
                    modification.cancelTransitionInstance(transition.getId());
                }
                modification.execute();
                return true;
            } catch (OptimisticLockingException e) {
                // The job executor moved the case at the same moment; look again.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
