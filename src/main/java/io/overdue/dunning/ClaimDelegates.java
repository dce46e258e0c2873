package io.overdue.dunning;

import io.overdue.agency.AgencyHandOvers;
import io.overdue.agency.WriteOffs;
import io.overdue.disputes.Dispute;
import io.overdue.disputes.Disputes;
import io.overdue.dunning.CollectionCaseProcess.Delegates;
import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.invoices.InvoiceStatus;
import io.overdue.plans.PaymentPlans;
import io.overdue.promises.Promise;
import io.overdue.promises.PromiseStatus;
import io.overdue.promises.Promises;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Locale;

import static io.overdue.dunning.ClaimVariables.amount;
import static io.overdue.dunning.ClaimVariables.id;
import static io.overdue.dunning.ClaimVariables.invoiceNumber;
import static io.overdue.dunning.ClaimVariables.text;

/**
 * Engine glue for promises, disputes and the case's endings: each delegate reads the case's variables, calls the
 * service that owns the records, and puts back what the model routes on. The work runs in the engine's
 * transaction, so a record and the case's step commit together or not at all.
 */
@Configuration(proxyBeanMethods = false)
class ClaimDelegates {

    /** Reads {@link Variables#PROMISED_PAYMENT_DATE}, {@link Variables#PROMISED_AMOUNT}, {@link Variables#PROMISE_NOTE}; sets {@link Variables#PROMISE_ID}. */
    @Bean(Delegates.RECORD_PROMISE)
    JavaDelegate recordPromise(Promises promises, DunningProperties properties) {
        return execution -> {
            String requestId = text(execution, ClaimVariables.PROMISE_REQUEST_ID);
            String note = text(execution, Variables.PROMISE_NOTE);
            if (requestId == null && note == null
                    && CollectionCaseProcess.CallOutcomes.PAID_ALREADY.equals(text(execution, Variables.CALL_OUTCOME))) {
                note = "The customer says it is paid already";
            }
            Promise promise = promises.record(new Promises.NewPromise(invoiceNumber(execution),
                    requestId(execution, requestId), text(execution, ClaimVariables.PROMISE_CLIENT_ID),
                    ClaimVariables.date(execution, Variables.PROMISED_PAYMENT_DATE, properties.zone()),
                    amount(execution, Variables.PROMISED_AMOUNT), note,
                    fromApi(execution, requestId) ? Promise.Source.API : Promise.Source.CALL));
            execution.setVariable(Variables.PROMISE_ID, promise.id());
            execution.removeVariables(List.of(ClaimVariables.PROMISE_REQUEST_ID, ClaimVariables.PROMISE_CLIENT_ID,
                    ClaimVariables.CLAIM_SOURCE));
        };
    }

    /** Sets {@link Variables#PROMISE_KEPT}; a broken promise also sets {@link Variables#NEXT_LEVEL_AT_ONCE}. */
    @Bean(Delegates.CHECK_PROMISE)
    JavaDelegate checkPromise(Promises promises) {
        return execution -> {
            Promise promise = promises.check(id(execution, Variables.PROMISE_ID));
            boolean kept = promise.status() != PromiseStatus.BROKEN;
            execution.setVariable(Variables.PROMISE_KEPT, kept);
            if (!kept) {
                execution.setVariable(Variables.NEXT_LEVEL_AT_ONCE, true);
            }
        };
    }

    /**
     * Reads {@link Variables#DISPUTE_REASON} and {@link Variables#DISPUTED_AMOUNT}; sets {@link Variables#DISPUTE_ID}.
     * The dispute is partial when the partial-dispute event subprocess records it: its id is then local to that
     * subprocess's scope, so each partial dispute keeps its own while others run beside it. A dispute of the whole
     * claim (one at a time) keeps its id on the case itself: the main flow may run on a concurrent execution while a
     * partial dispute is open, and a variable local to that would not outlive the engine's pruning of it.
     */
    @Bean(Delegates.RECORD_DISPUTE)
    JavaDelegate recordDispute(Disputes disputes) {
        return execution -> {
            String requestId = text(execution, ClaimVariables.DISPUTE_REQUEST_ID);
            Dispute dispute = disputes.record(new Disputes.NewDispute(invoiceNumber(execution),
                    requestId(execution, requestId), text(execution, ClaimVariables.DISPUTE_CLIENT_ID),
                    amount(execution, Variables.DISPUTED_AMOUNT),
                    text(execution, Variables.DISPUTE_REASON),
                    fromApi(execution, requestId) ? Dispute.Source.API : Dispute.Source.CALL,
                    Elements.RECORD_PARTIAL_DISPUTE.equals(execution.getCurrentActivityId())));
            if (dispute.partial()) {
                execution.setVariableLocal(Variables.DISPUTE_ID, dispute.id());
            } else {
                execution.setVariable(Variables.DISPUTE_ID, dispute.id());
            }
            execution.removeVariables(List.of(ClaimVariables.DISPUTE_REQUEST_ID, ClaimVariables.DISPUTE_CLIENT_ID,
                    ClaimVariables.CLAIM_SOURCE));
        };
    }

    /** Stores {@link Variables#DISPUTE_RESOLUTION}, {@link Variables#RESOLUTION_NOTES} and {@link Variables#DECIDED_BY}. */
    @Bean(Delegates.RECORD_DISPUTE_RESOLUTION)
    JavaDelegate recordDisputeResolution(Disputes disputes) {
        return execution -> {
            String resolution = text(execution, Variables.DISPUTE_RESOLUTION);
            if (resolution == null) {
                throw new IllegalStateException("variable " + Variables.DISPUTE_RESOLUTION + " is not set");
            }
            disputes.decide(id(execution, Variables.DISPUTE_ID),
                    Disputes.Decision.valueOf(resolution.toUpperCase(Locale.ROOT)),
                    text(execution, Variables.RESOLUTION_NOTES), text(execution, Variables.DECIDED_BY));
        };
    }

    /**
     * Credits the upheld dispute ({@link Variables#CREDIT_AMOUNT}, else the disputed amount, else the balance, at most
     * the balance) and sets {@link Variables#INVOICE_CREDITED_IN_FULL}. CREDIT_AMOUNT is consumed (removed), so that a
     * later dispute decided without one does not credit this one's amount again.
     */
    @Bean(Delegates.CREDIT_DISPUTED_AMOUNT)
    JavaDelegate creditDisputedAmount(Disputes disputes) {
        return execution -> {
            Disputes.Credit credit = disputes.creditUpheld(id(execution, Variables.DISPUTE_ID),
                    amount(execution, Variables.CREDIT_AMOUNT));
            execution.removeVariable(Variables.CREDIT_AMOUNT);
            execution.setVariable(Variables.INVOICE_CREDITED_IN_FULL, credit.nothingLeft());
        };
    }

    /**
     * The case ends: pending promises are kept when {@link Variables#SETTLEMENT} is PAID, void otherwise; open disputes
     * close; a live payment plan ends with the invoice, and {@link Variables#PAID_BY_PLAN} says whether an active plan
     * paid it (the model ends the case "Paid by plan" then).
     */
    @Bean(Delegates.CLOSE_CASE)
    JavaDelegate closeCase(Promises promises, Disputes disputes, PaymentPlans plans) {
        return execution -> {
            String invoice = invoiceNumber(execution);
            InvoiceStatus settlement = settlement(text(execution, Variables.SETTLEMENT));
            promises.closePending(invoice, settlement == InvoiceStatus.PAID);
            disputes.closeOpen(invoice);
            execution.setVariable(Variables.PAID_BY_PLAN, plans.endWithInvoice(invoice, settlement));
        };
    }

    /** Null for a case credited in full by its own dispute step, which passes no settlement. */
    private static InvoiceStatus settlement(String value) {
        return value == null ? null : InvoiceStatus.valueOf(value);
    }

    /** Hands the case file to {@link Variables#AGENCY_NAME}, or the configured agency; once per invoice. */
    @Bean(Delegates.HAND_OVER_TO_AGENCY)
    JavaDelegate handOverToAgency(AgencyHandOvers handOvers) {
        return execution -> handOvers.handOver(invoiceNumber(execution), text(execution, Variables.AGENCY_NAME));
    }

    /**
     * The API's request id, or one for a promise or dispute the case raised itself (a call's outcome): the step's
     * activity instance, which a retry of a rolled-back step may change without harm since nothing was stored.
     */
    private static String requestId(DelegateExecution execution, String fromApi) {
        return fromApi != null ? fromApi : "case:" + execution.getActivityInstanceId();
    }

    /** A request id says the API or the workbench brought it; the workbench's says it came from a call. */
    private static boolean fromApi(DelegateExecution execution, String requestId) {
        return requestId != null && !ClaimVariables.FROM_CALL.equals(text(execution, ClaimVariables.CLAIM_SOURCE));
    }

    /** Writes the balance off ({@link Variables#ESCALATION_REASON}, by {@link Variables#DECIDED_BY}) and closes the invoice. */
    @Bean(Delegates.WRITE_OFF_INVOICE)
    JavaDelegate writeOffInvoice(WriteOffs writeOffs) {
        return execution -> writeOffs.writeOffWithinCase(invoiceNumber(execution),
                text(execution, Variables.ESCALATION_REASON), text(execution, Variables.DECIDED_BY));
    }
}
