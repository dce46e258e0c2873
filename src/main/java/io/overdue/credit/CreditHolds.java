package io.overdue.credit;

import io.overdue.customers.CreditHoldChanged;
import io.overdue.customers.CreditHoldSource;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.InvoiceService;
import io.overdue.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

import static io.overdue.credit.CreditHoldEvent.DeliveryStatus.NOT_SENT;
import static io.overdue.credit.CreditHoldEvent.DeliveryStatus.PENDING;
import static io.overdue.credit.CreditHoldEvent.Type.PLACED;
import static io.overdue.credit.CreditHoldEvent.Type.RELEASED;

/**
 * Places and lifts credit holds: stores the customer's flag, records the event and announces it to the
 * webhook. Every operation is idempotent and safe to retry from an engine job.
 *
 * <p>The flag and the event are committed in a transaction of their own before the webhook is called. So a
 * failed call throws (the job fails, the engine retries it, and at last raises an incident) while the hold
 * stays in force; the retry finds the hold in place, records nothing new and sends the same event again.
 * Two consequences for callers: an operation does not see what the caller's own open transaction wrote
 * (call {@link #releaseIfClear} after the payment has been committed, e.g. from an asynchronous step), and a
 * caller must not hold a lock on the customer's row while calling.
 */
@Service
public class CreditHolds {

    private static final Logger LOG = LoggerFactory.getLogger(CreditHolds.class);

    static final String AUTO_RELEASE_REASON = "no invoice of the customer is overdue any more";

    private final CustomerService customers;
    private final InvoiceService invoices;
    private final CreditHoldLog log;
    private final CreditHoldWebhook webhook;
    private final CreditProperties properties;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    CreditHolds(CustomerService customers, InvoiceService invoices, CreditHoldLog log, CreditHoldWebhook webhook,
                CreditProperties properties, Clock clock, PlatformTransactionManager transactions) {
        this.customers = customers;
        this.invoices = invoices;
        this.log = log;
        this.webhook = webhook;
        this.properties = properties;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Puts the customer on hold for the dunning policy. A hold already in force (the policy's or the ERP's)
     * stays as it is: nothing is recorded and nothing sent, except that an earlier placing whose webhook call
     * failed is sent again.
     *
     * @param invoiceNumber the invoice whose dunning level calls for the hold
     * @return the event recorded by this call; empty when the customer already was on hold
     * @throws io.overdue.shared.NotFoundException for an unknown customer
     * @throws CreditHoldWebhookException          when the webhook did not take the event (the hold is kept)
     */
    public Optional<CreditHoldEvent> place(String customerNumber, String invoiceNumber, String reason) {
        return change(() -> {
            if (customers.setCreditHold(customerNumber, true, CreditHoldSource.POLICY)) {
                return Change.recorded(record(customerNumber, PLACED, CreditHoldSource.POLICY, invoiceNumber, reason, null));
            }
            return Change.resend(log.latest(customerNumber).filter(e -> e.type() == PLACED && e.awaitsDelivery()));
        });
    }

    /**
     * Lifts the policy's hold when none of the customer's invoices is overdue any more (something still owed
     * and the due date before today in the creditor's zone); otherwise keeps it. A hold the ERP placed is
     * never lifted here: the ERP lifts it, or a manager.
     *
     * @return the event recorded by this call; empty when the hold stays or there was none
     */
    public Optional<CreditHoldEvent> releaseIfClear(String customerNumber) {
        return change(() -> {
            Customer customer = customers.get(customerNumber);
            if (!customer.creditHold()) {
                return resendRelease(customerNumber);
            }
            if (customer.creditHoldSource() != CreditHoldSource.POLICY) {
                return Change.none();
            }
            LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
            if (invoices.countOverdue(customer.id(), today) > 0) {
                return Change.none();
            }
            if (customers.setCreditHold(customerNumber, false, CreditHoldSource.POLICY)) {
                return Change.recorded(record(customerNumber, RELEASED, CreditHoldSource.POLICY, null,
                        AUTO_RELEASE_REASON, null));
            }
            return Change.none();
        });
    }

    /**
     * A manager lifts the hold by hand, whoever placed it; for a new agreement such as a payment plan or
     * prepayment terms. The next dunning level that calls for a hold places it again.
     *
     * @param user the manager's user id, kept in the history
     * @return the event recorded by this call; empty when the customer was not on hold
     */
    public Optional<CreditHoldEvent> release(String customerNumber, String reason, String user) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.of("reason", "must not be blank: say why the hold is lifted");
        }
        if (reason.length() > CreditHoldLog.MAX_TEXT) {
            throw InvalidInputException.of("reason", "must be at most " + CreditHoldLog.MAX_TEXT + " characters");
        }
        return change(() -> {
            if (customers.setCreditHold(customerNumber, false, CreditHoldSource.MANAGER)) {
                return Change.recorded(record(customerNumber, RELEASED, CreditHoldSource.MANAGER, null, reason.strip(), user));
            }
            return resendRelease(customerNumber);
        });
    }

    /** The customer's hold now and its history. */
    public CreditHold state(String customerNumber) {
        Customer customer = customers.get(customerNumber);
        return new CreditHold(customerNumber, customer.creditHold(), customer.creditHoldSource(),
                customer.creditHold() && customer.creditHoldSource() == CreditHoldSource.POLICY,
                log.history(customerNumber));
    }

    /**
     * The ERP's own holds go into the history too, in the ERP's transaction. They are not announced: the ERP
     * made the change itself, and a failing receiver must not make it lose a customer update.
     */
    @EventListener
    void erpChanged(CreditHoldChanged change) {
        log.record(change.customerNumber(), change.creditHold() ? PLACED : RELEASED, change.source(), null,
                change.creditHold() ? "placed by the ERP" : "lifted by the ERP", null,
                change.at().truncatedTo(ChronoUnit.MILLIS), NOT_SENT);
    }

    private Change resendRelease(String customerNumber) {
        return Change.resend(log.latest(customerNumber).filter(e -> e.type() == RELEASED && e.awaitsDelivery()));
    }

    private CreditHoldEvent record(String customerNumber, CreditHoldEvent.Type type, CreditHoldSource source,
                                   String invoiceNumber, String reason, String user) {
        // Milliseconds: what every database keeps, so that a resent event carries the time first sent.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return log.record(customerNumber, type, source, invoiceNumber, reason, user, now,
                webhook.configured() ? PENDING : NOT_SENT);
    }

    private Optional<CreditHoldEvent> change(Supplier<Change> inTransaction) {
        Change change = ownTransaction.execute(status -> inTransaction.get());
        change.toSend().ifPresent(this::deliver);
        return change.recorded();
    }

    private void deliver(CreditHoldEvent event) {
        if (event.deliveryStatus() == NOT_SENT) {
            return;
        }
        try {
            webhook.send(event);
        } catch (CreditHoldWebhookException e) {
            LOG.warn("Credit hold of customer {} is stored, but the webhook failed; the retry sends it again: {}",
                    event.customerNumber(), e.getMessage());
            ownTransaction.executeWithoutResult(status -> log.failed(event.eventId(), e.getMessage()));
            throw e;
        }
        ownTransaction.executeWithoutResult(status -> log.delivered(event.eventId(), clock.instant()));
    }

    private record Change(Optional<CreditHoldEvent> recorded, Optional<CreditHoldEvent> toSend) {

        static Change recorded(CreditHoldEvent event) {
            return new Change(Optional.of(event), Optional.of(event));
        }

        static Change resend(Optional<CreditHoldEvent> event) {
            return new Change(Optional.empty(), event);
        }

        static Change none() {
            return new Change(Optional.empty(), Optional.empty());
        }
    }
}
