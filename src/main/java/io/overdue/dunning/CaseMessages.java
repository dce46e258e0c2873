package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Elements;
import io.overdue.invoices.Invoice;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hands an API request to the invoice's case by message, or refuses it with what the case is doing instead. Whether
 * the case takes a message now is the model's to say: a message nothing waits for is refused, and nothing of the
 * request is kept, since the caller's transaction rolls back with the refusal.
 */
@Component
class CaseMessages {

    /** The plan task of model version 2, where cases started before the plan process may still wait. */
    static final String ARRANGE_PAYMENT_PLAN_OF_VERSION_2 = "ArrangePaymentPlan";

    private final RuntimeService runtime;

    CaseMessages(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * Refuses unless something with the invoice's business key waits for {@code message} now. Asked before the
     * message is sent, so that the usual refusal does not go through the engine's exception, which it logs as an
     * error with its stack trace, and before the caller writes what the message would carry.
     */
    void refuseUnlessWaiting(String invoiceNumber, String message, String what) {
        if (runtime.createExecutionQuery().processInstanceBusinessKey(invoiceNumber)
                .messageEventSubscriptionName(message).count() == 0) {
            throw new CaseRefusedException(whyNot(invoiceNumber, what));
        }
    }

    /**
     * Correlates by business key. Absent values are set as null, so that a value left from an earlier request is not
     * taken for this one's.
     */
    void correlate(String invoiceNumber, String message, String what, Map<String, Object> variables) {
        refuseUnlessWaiting(invoiceNumber, message, what);
        MessageCorrelationBuilder correlation = runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(invoiceNumber);
        variables.forEach(correlation::setVariable);
        try {
            correlation.correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
            // the case moved on between the question and the message
            throw new CaseRefusedException(whyNot(invoiceNumber, what));
        }
    }

    void refuseClosed(Invoice invoice, String what) {
        if (invoice.status().isClosed()) {
            throw new CaseRefusedException("Invoice " + invoice.invoiceNumber() + " is " + invoice.status()
                    + " and its collection case has ended; it cannot take " + what);
        }
    }

    /** Says what the case is doing instead of taking {@code what}. */
    String whyNot(String invoiceNumber, String what) {
        // By process key: a payment plan's instance has the same business key.
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoiceNumber)
                .processDefinitionKey(CollectionCaseProcess.PROCESS_KEY)
                .listPage(0, 1).stream().findFirst().orElse(null);
        if (instance == null) {
            return "Invoice " + invoiceNumber + " has no running collection case, so it cannot take " + what
                    + " (its case has ended or never started)";
        }
        if (instance.isSuspended()) {
            return "The collection case of invoice " + invoiceNumber + " is suspended; it cannot take " + what
                    + " until it is resumed";
        }
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        leaves(runtime.getActivityInstance(instance.getId()), ids, names);
        String state;
        if (ids.contains(Elements.RESOLVE_DISPUTE) || ids.contains(Elements.MORE_INFORMATION_DUE)) {
            state = "it is resolving a dispute of the whole claim; a collector decides that one first"
                    + (what.contains("whole") ? " (a dispute of part of the claim is still taken)" : "");
        } else if (ids.contains(Elements.AWAIT_END_OF_HOLD)) {
            state = "a collector put it on hold; release the hold first";
        } else if (ids.contains(Elements.DECIDE_ESCALATION)) {
            state = "the reminders are exhausted and it waits for the managers' escalation decision";
        } else if (ids.contains(Elements.PROMISED_PAYMENT_DUE)) {
            state = "it waits for the customer's earlier promise to pay";
        } else if (ids.contains(Elements.RUN_PAYMENT_PLAN) || ids.contains(ARRANGE_PAYMENT_PLAN_OF_VERSION_2)) {
            state = "a payment plan is being arranged or runs";
        } else if (ids.contains(Elements.PREPARE_LEGAL_ACTION) || ids.contains(Elements.HAND_OVER_TO_AGENCY)) {
            state = "it has been escalated (agency or legal action)";
        } else {
            state = "it is not collecting right now";
        }
        return "The collection case of invoice " + invoiceNumber + " cannot take " + what + " now: " + state
                + (names.isEmpty() ? "" : " (waiting at: " + String.join(", ", names) + ")");
    }

    private static void leaves(ActivityInstance activity, List<String> ids, List<String> names) {
        if (activity == null) {
            return;
        }
        if (activity.getChildActivityInstances().length == 0 && activity.getChildTransitionInstances().length == 0) {
            if (activity.getParentActivityInstanceId() != null) {
                ids.add(activity.getActivityId());
                names.add(activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId());
            }
            return;
        }
        for (ActivityInstance child : activity.getChildActivityInstances()) {
            leaves(child, ids, names);
        }
        for (var transition : activity.getChildTransitionInstances()) {
            ids.add(transition.getActivityId());
            names.add(transition.getActivityName() != null ? transition.getActivityName() : transition.getActivityId());
        }
    }
}
