package io.overdue.payments;

import io.overdue.payments.MatchPaymentProcess.Messages;
import io.overdue.payments.MatchPaymentProcess.Variables;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Engine glue: the collectors' task {@code bpmn/match-payment.bpmn} follows the payment. It starts when a payment is
 * stored UNMATCHED or AMBIGUOUS and ends when the payment is matched some other way, each time inside the transaction
 * that writes the payment (the engine joins it): a payment is never without its task, a rollback leaves no process,
 * and an open task never offers a payment that is matched already.
 */
@Component
class MatchPaymentTasks {

    private final RuntimeService runtime;
    /** The payment the task's own step is booking on this thread: its process must not be messaged from inside. */
    private final ThreadLocal<String> bookingFromTask = new ThreadLocal<>();

    MatchPaymentTasks(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** A payment was stored: one not matched gets its task (the payment id is the business key). */
    void stored(BankPayment payment) {
        if (payment.status() != BankPaymentStatus.MATCHED) {
            runtime.createProcessInstanceByKey(MatchPaymentProcess.PROCESS_KEY).businessKey(payment.paymentId())
                    .setVariable(Variables.PAYMENT_ID, payment.paymentId()).execute();
        }
    }

    /**
     * A stored payment was matched later (a collector through the API, its invoice arrived): its open task ends as
     * matched elsewhere. Nothing waiting is fine (no task, or it was started before this model existed). The task's
     * own booking sends nothing: the message would reach the very process running the step.
     */
    void matched(BankPayment payment) {
        if (payment.paymentId().equals(bookingFromTask.get())) {
            return;
        }
        runtime.createMessageCorrelation(Messages.PAYMENT_MATCHED).processInstanceBusinessKey(payment.paymentId())
                .correlateAll();
    }

    /** Runs the task's own booking of this payment, during which {@link #matched} leaves its process alone. */
    <T> T bookingFromTask(String paymentId, Supplier<T> booking) {
        bookingFromTask.set(paymentId);
        try {
            return booking.get();
        } finally {
            bookingFromTask.remove();
        }
    }
}
