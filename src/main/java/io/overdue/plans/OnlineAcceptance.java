package io.overdue.plans;

import io.overdue.invoices.InvoiceService;
import io.overdue.plans.PaymentPlanProcess.Messages;
import io.overdue.plans.PaymentPlanProcess.Variables;
import io.overdue.shared.ConflictException;
import io.overdue.shared.CreditorProperties;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.ZoneId;
import java.util.Locale;

/**
 * What the public acceptance page shows for a token, and the acceptance itself (docs/plan-acceptance.md). Looking
 * never uses the token (mail scanners open links before the customer does); accepting redeems it, records the
 * acceptance and moves the waiting plan process on, all in one transaction or not at all.
 */
@Service
class OnlineAcceptance {

    /** What the page says, and the HTTP status it says it with. */
    enum State {
        /** The plan and its Accept button. */
        OFFER(HttpStatus.OK),
        /** Just accepted by this request. */
        ACCEPTED(HttpStatus.OK),
        /** The link was used (or the plan confirmed otherwise): good news, not an error. */
        ALREADY_ACCEPTED(HttpStatus.OK),
        EXPIRED(HttpStatus.GONE),
        /** A newer proposal revoked the link. */
        REPLACED(HttpStatus.GONE),
        /** The plan ended (expired, withdrawn, cancelled) although the link itself is still unused. */
        CLOSED(HttpStatus.GONE),
        /** No plan process waits for the acceptance: a collector has to sort it out. */
        NOT_ONLINE(HttpStatus.CONFLICT),
        /** Malformed, tampered, forged or unknown: one answer, so that a guesser learns nothing. */
        INVALID(HttpStatus.NOT_FOUND);

        final HttpStatus status;

        State(HttpStatus status) {
            this.status = status;
        }
    }

    /** The page: its state, and the plan when the state shows it (OFFER, ACCEPTED), else null. */
    record Page(State state, PlanSummary plan) {

        static Page of(State state) {
            return new Page(state, null);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OnlineAcceptance.class);

    private final PlanAcceptanceTokens tokens;
    private final PaymentPlans plans;
    private final InvoiceService invoices;
    private final RuntimeService runtime;
    private final CreditorProperties creditor;
    private final ZoneId zone;
    private final TransactionTemplate transaction;

    OnlineAcceptance(PlanAcceptanceTokens tokens, PaymentPlans plans, InvoiceService invoices, RuntimeService runtime,
                     CreditorProperties creditor, @Value("${overdue.dunning.zone:Europe/Oslo}") ZoneId zone,
                     PlatformTransactionManager transactions) {
        this.tokens = tokens;
        this.plans = plans;
        this.invoices = invoices;
        this.runtime = runtime;
        this.creditor = creditor;
        this.zone = zone;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What the link shows now; uses nothing. */
    Page show(String token) {
        PlanAcceptanceCheck check = tokens.verify(token);
        if (!check.valid()) {
            return Page.of(refused(check));
        }
        PaymentPlan plan = plans.find(check.planId()).orElse(null);
        State state = state(plan);
        return state == State.OFFER ? new Page(state, summary(plan, check)) : Page.of(state);
    }

    /**
     * Redeems the token, records the acceptance (time, IP, {@link AcceptedHow#LINK}) and correlates
     * {@link Messages#PLAN_ACCEPTED} to the process waiting under the invoice number, in one transaction: when any
     * step cannot be done, nothing of it stays, and the token still works for a later try.
     *
     * @param ip the client's address, as the servlet container sees it
     */
    Page accept(String token, String ip) {
        try {
            return transaction.execute(status -> {
                PlanAcceptanceCheck check = tokens.redeem(token, ip);
                if (!check.valid()) {
                    return Page.of(refused(check));
                }
                PaymentPlan plan = plans.find(check.planId()).orElse(null);
                State state = state(plan);
                if (state != State.OFFER) {
                    status.setRollbackOnly();
                    log.info("Payment plan {} not accepted online: {}", check.planId(), state);
                    return Page.of(state);
                }
                PaymentPlan accepted = plans.accept(plan.id(), ip, AcceptedHow.LINK);
                runtime.createMessageCorrelation(Messages.PLAN_ACCEPTED)
                        .processInstanceBusinessKey(plan.invoiceNumber())
                        .setVariable(Variables.PLAN_ACCEPTED_AT, accepted.acceptedAt().toString())
                        .setVariable(Variables.PLAN_ACCEPTED_IP, ip)
                        .correlateWithResult();
                log.info("Payment plan {} on invoice {} accepted online from {}", plan.id(), plan.invoiceNumber(), ip);
                return new Page(State.ACCEPTED, summary(accepted, check));
            });
        } catch (MismatchingMessageCorrelationException | ConflictException | OptimisticLockingFailureException e) {
            // The process or the plan moved on between our look and our change (a timer, a collector): all rolled back.
            log.info("Payment plan acceptance rolled back: {}", e.getMessage());
            return Page.of(State.NOT_ONLINE);
        }
    }

    private State refused(PlanAcceptanceCheck check) {
        return switch (check.status()) {
            case EXPIRED -> State.EXPIRED;
            case USED -> State.ALREADY_ACCEPTED;
            case REVOKED -> revoked(plans.find(check.planId()).orElse(null));
            default -> State.INVALID;
        };
    }

    /**
     * A plan's links are revoked when it ends and when a newer proposal replaces it: an ended plan says so (accepted
     * already, or no longer on offer), and only a plan still awaiting acceptance was replaced.
     */
    private State revoked(PaymentPlan plan) {
        State state = state(plan);
        return state == State.OFFER || state == State.NOT_ONLINE ? State.REPLACED : state;
    }

    /** What a valid token's plan allows: OFFER only while the plan awaits acceptance and a process waits for it. */
    private State state(PaymentPlan plan) {
        if (plan == null) {
            return State.CLOSED;
        }
        if (plan.acceptedAt() != null) {
            return State.ALREADY_ACCEPTED;
        }
        if (plan.status() != PlanStatus.AWAITING_ACCEPTANCE) {
            return State.CLOSED;
        }
        return waiting(plan.invoiceNumber()) ? State.OFFER : State.NOT_ONLINE;
    }

    /**
     * Asked first, like the collection case's own messages (dunning.CaseClaims): the usual "nobody waits" answer then
     * does not go through the engine's exception, which it logs as an error with its stack trace.
     */
    private boolean waiting(String invoiceNumber) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(invoiceNumber)
                .messageEventSubscriptionName(Messages.PLAN_ACCEPTED).count() > 0;
    }

    /**
     * The page is in English, with British dates ("15 March 2027": day before month, as in the customers' countries);
     * the deadline is the last day before the link's expiry, in the creditor's zone.
     */
    private PlanSummary summary(PaymentPlan plan, PlanAcceptanceCheck check) {
        return PlanSummary.of(plan, invoices.find(plan.invoiceNumber()).orElseThrow(), creditor,
                PlanConfirmations.lastDay(check.expiresAt(), zone), Locale.UK);
    }
}
