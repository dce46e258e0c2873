package io.overdue.dunning;

import com.fasterxml.jackson.databind.JsonNode;
import io.overdue.dunning.CollectionCaseProcess.Messages;
import io.overdue.invoices.ConflictRetry;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.plans.PaymentPlan;
import io.overdue.plans.PaymentPlanProcess;
import io.overdue.plans.PaymentPlans;
import io.overdue.plans.PlanTerms;
import io.overdue.plans.ProposalRequest;
import io.overdue.shared.ConflictException;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violations;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Payment plans through the API: a request asks the case's collectors to propose a plan; a proposal is checked
 * against the claim and the plan policy, stored, and handed to the case with the same message, so that the plan
 * process goes straight to its approval. One transaction: when the case cannot take the message, nothing is stored.
 */
@Service
class CasePlans {

    /** Two requests at once collide on the one-live-plan key or the engine's lock; the retry then sees the other's plan. */
    private static final int ATTEMPTS = 3;
    private static final String WHAT = "a payment plan";

    private final CaseMessages caseMessages;
    private final InvoiceService invoices;
    private final PaymentPlans plans;
    private final PlanTerms planTerms;
    private final ConflictRetry retry;
    private final Clock clock;

    CasePlans(CaseMessages caseMessages, InvoiceService invoices, PaymentPlans plans, PlanTerms planTerms,
              ConflictRetry retry, Clock clock) {
        this.caseMessages = caseMessages;
        this.invoices = invoices;
        this.plans = plans;
        this.planTerms = planTerms;
        this.retry = retry;
        this.clock = clock;
    }

    /** What the case took: the proposed plan, or (null) a request for one. */
    record Taken(String invoiceNumber, PaymentPlan proposed, String requestedBy, Instant requestedAt, String note) {
    }

    /**
     * @param body the request as JSON, null when empty
     * @param user who asks or proposes: the plan's {@code proposedBy}
     */
    Taken post(String invoiceNumber, JsonNode body, String user) {
        return retry.inTransaction("payment plan on invoice " + invoiceNumber, ATTEMPTS, () -> {
            Invoice invoice = invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
            Violations violations = new Violations();
            PlanPost post = PlanPost.read(body, violations);
            if (!violations.isEmpty()) {
                refuseWithTheRulesToo(invoice, post, user, violations);
            }
            caseMessages.refuseClosed(invoice, WHAT);
            plans.current(invoiceNumber).ifPresent(live -> {
                throw new ConflictException("invoice " + invoiceNumber + " already has a live payment plan (" + live.id()
                        + ", " + live.status() + "); GET /api/invoices/" + invoiceNumber + "/plan shows it");
            });
            // Before anything is stored: a proposal the case cannot take is refused as such, not for its figures.
            caseMessages.refuseUnlessWaiting(invoiceNumber, Messages.PAYMENT_PLAN_REQUESTED, WHAT);
            PaymentPlan proposed = post.proposal() ? propose(invoice, post, user) : null;
            Map<String, Object> variables = new HashMap<>();
            // Set to null for a request, so that an earlier proposal's id is not taken for this one.
            variables.put(PaymentPlanProcess.Variables.PROPOSED_PLAN_ID, proposed == null ? null : proposed.id());
            variables.put(PaymentPlanProcess.Variables.PLAN_NOTES, post.note());
            caseMessages.correlate(invoiceNumber, Messages.PAYMENT_PLAN_REQUESTED, WHAT, variables);
            // Read again: the plan process may have decided its approval in the same transaction.
            PaymentPlan now = proposed == null ? null : plans.find(proposed.id()).orElseThrow();
            return new Taken(invoiceNumber, now, user, clock.instant(), post.note());
        });
    }

    /**
     * Throws the request's faults together with those the plan's rules find in what could be read, so that one answer
     * names every field at fault; a rule's fault on a field already named (a date that could not be read is also
     * "required") is left out. A plan the rules accept is stored and then rolled back with the refusal.
     */
    private void refuseWithTheRulesToo(Invoice invoice, PlanPost post, String user, Violations violations) {
        if (post != null && post.proposal() && !invoice.status().isClosed()) {
            try {
                propose(invoice, post, user);
            } catch (InvalidInputException e) {
                e.violations().stream().filter(v -> !violations.hasFieldAtFault(v.field())).toList()
                        .forEach(violations::add);
            } catch (ConflictException e) {
                // a live plan: the request's own faults come first
            }
        }
        violations.throwIfAny();
    }

    /**
     * Stores the proposal with the claim the case's notices make and the limits the policy gives this customer, or
     * throws naming every field at fault: the request's own (plan fee, instalment count) and the plan's rules.
     */
    private PaymentPlan propose(Invoice invoice, PlanPost post, String user) {
        PlanTerms.Terms terms = planTerms.forInvoice(invoice.invoiceNumber());
        Violations violations = new Violations();
        BigDecimal planFee = terms.fee(post.addPlanFee(), "addPlanFee", violations);
        terms.checkCount(post.instalments() != null ? post.instalments().size() : post.evenSplit().count(),
                post.instalments() != null ? "instalments" : "evenSplit.count", violations);
        ProposalRequest request = new ProposalRequest(user, planFee, post.instalments(), post.evenSplit());
        PaymentPlan plan;
        try {
            plan = plans.propose(invoice.invoiceNumber(), request, terms.claim(), terms.limits());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(violations.addAll(e.violations()).list());
        }
        // The plan was stored although the request had faults of its own: the refusal rolls it back.
        violations.throwIfAny();
        return plan;
    }
}
