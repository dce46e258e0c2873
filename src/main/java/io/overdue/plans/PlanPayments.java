package io.overdue.plans;

import io.overdue.invoices.PaymentBooked;
import io.overdue.plans.PaymentPlanProcess.Messages;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A booked payment reaches the invoice's active plan. Synchronous, in the booking transaction: the instalments are
 * paid together with the invoice's balance or not at all, and before the {@code InvoicesAccepted} event of the same
 * payment moves the collection case (see {@link PaymentBooked}).
 */
@Component
class PlanPayments {

    private final PaymentPlans plans;
    private final RuntimeService runtime;

    PlanPayments(PaymentPlans plans, RuntimeService runtime) {
        this.plans = plans;
        this.runtime = runtime;
    }

    /**
     * Allocates the payment and tells the plan process, which then looks at the instalments again. Nothing waiting
     * for the message is fine: the process re-reads the instalments from the database at its next step anyway. A
     * payment that settles the invoice sends nothing, since the settlement ends the whole case, plan process included,
     * and the case's close step ends the plan ({@link PaymentPlans#endWithInvoice}).
     */
    @EventListener
    void paymentBooked(PaymentBooked payment) {
        boolean allocated = plans.allocate(payment.invoiceNumber(), payment.amount(), payment.paidOn())
                .filter(allocation -> allocation.allocated().signum() > 0).isPresent();
        if (allocated && !payment.settlesInvoice()) {
            runtime.createMessageCorrelation(Messages.INSTALMENT_PAYMENT_RECEIVED)
                    .processInstanceBusinessKey(payment.invoiceNumber())
                    .correlateAll();
        }
    }
}
