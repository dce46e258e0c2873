package io.overdue.invoices;

import io.overdue.customers.CustomerRef;
import io.overdue.customers.CustomerService;
import io.overdue.shared.Amounts;
import io.overdue.shared.ConflictException;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.IsoCodes;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violations;
import jakarta.validation.Validator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Credit notes and direct payments from the ERP. Each one is stored, reduces its invoice and moves the
 * invoice's case in one transaction, so a booked adjustment never lacks its effect on the case nor the other
 * way round. The business id (credit note number, payment id) makes a repeated call book nothing.
 */
@Service
public class InvoiceAdjustments {

    /**
     * Every payment of an invoice updates the same invoice row, so simultaneous payments collide on its
     * version; each round of retries lets at least one commit, hence room for as many as arrive together.
     */
    private static final int ATTEMPTS = 25;

    private final InvoiceStore invoices;
    private final AdjustmentStore adjustments;
    private final CustomerService customers;
    private final Validator validator;
    private final ApplicationEventPublisher events;
    private final ConflictRetry retry;
    private final Clock clock;

    InvoiceAdjustments(InvoiceStore invoices, AdjustmentStore adjustments, CustomerService customers, Validator validator,
                       ApplicationEventPublisher events, ConflictRetry retry, Clock clock) {
        this.invoices = invoices;
        this.adjustments = adjustments;
        this.customers = customers;
        this.validator = validator;
        this.events = events;
        this.retry = retry;
        this.clock = clock;
    }

    public AdjustmentResult<CreditNote> credit(String invoiceNumber, CreditNoteRequest request) {
        LocalDate issueDate = checkCreditNote(request);
        return retry.inTransaction("invoice " + invoiceNumber, ATTEMPTS,
                () -> bookCredit(invoiceNumber, request, issueDate, true));
    }

    /**
     * Books a credit note exactly like {@link #credit}, but publishes no {@link InvoicesAccepted} event, so the
     * invoice's case is not moved by message. This is for the collection case's own steps (an upheld dispute
     * credits the disputed amount): the event would correlate {@code BalanceReduced} or {@code InvoiceSettled} into
     * the very process instance that is running this call, from inside its own execution, which would interrupt or
     * fork the step still under way. The process reads the result instead and decides itself how to go on (it ends
     * the case when nothing is left). Runs in the caller's transaction (the engine's) without retries: a concurrent
     * writer fails the job, and the job's retry decides afresh.
     */
    @Transactional
    public AdjustmentResult<CreditNote> creditWithoutCaseEvent(String invoiceNumber, CreditNoteRequest request) {
        LocalDate issueDate = checkCreditNote(request);
        return bookCredit(invoiceNumber, request, issueDate, false);
    }

    private LocalDate checkCreditNote(CreditNoteRequest request) {
        if (request == null) {
            throw InvalidInputException.of("", "the credit note is missing");
        }
        Violations violations = new Violations();
        violations.addBeanViolations(validator, request);
        LocalDate issueDate = InvoiceIntake.date(violations, "issueDate", request.issueDate());
        checkAmount(violations, request.amount(), request.currency());
        violations.throwIfAny();
        return issueDate;
    }

    private AdjustmentResult<CreditNote> bookCredit(String invoiceNumber, CreditNoteRequest request, LocalDate issueDate,
                                                    boolean moveCase) {
        Invoice invoice = invoice(invoiceNumber);
        CreditNote note = new CreditNote(request.creditNoteNumber(), invoiceNumber, Amounts.forDisplay(request.amount()),
                request.currency(), issueDate, request.reason(), clock.instant());
        Optional<CreditNote> stored = adjustments.findCreditNote(request.creditNoteNumber());
        if (stored.isPresent()) {
            if (!sameContent(stored.get(), note)) {
                throw new ConflictException("credit note " + request.creditNoteNumber() + " was booked before with "
                        + "other content (" + describe(stored.get()) + "); a credit note cannot be changed, "
                        + "issue a new one under a new number");
            }
            return new AdjustmentResult<>(IntakeResult.Outcome.UNCHANGED, stored.get(), balance(invoice));
        }
        checkAgainst(invoice, request.currency(), request.amount(), "credited");

        BigDecimal balance = invoice.openBalance().subtract(request.amount());
        boolean nothingPaid = invoice.amount().compareTo(invoice.openBalance()) == 0;
        // Crediting the whole open balance leaves nothing owed. If nothing had been paid the invoice is
        // withdrawn as a whole (CANCELLED) and keeps its amount as issued, since an invoice amount of 0
        // means nothing; otherwise what was paid is all that is owed for it, so it is PAID for that amount.
        boolean cancelled = balance.signum() == 0 && nothingPaid;
        InvoiceStatus status = balance.signum() > 0 ? InvoiceStatus.OPEN
                : cancelled ? InvoiceStatus.CANCELLED : InvoiceStatus.PAID;
        BigDecimal amount = cancelled ? invoice.amount() : invoice.amount().subtract(request.amount());
        adjustments.insert(invoice.id(), note);
        Invoice after = apply(invoice, amount, balance, status, moveCase);
        return new AdjustmentResult<>(IntakeResult.Outcome.CREATED, note, balance(after));
    }

    public AdjustmentResult<Payment> pay(String invoiceNumber, PaymentRequest request) {
        if (request == null) {
            throw InvalidInputException.of("", "the payment is missing");
        }
        Violations violations = new Violations();
        violations.addBeanViolations(validator, request);
        LocalDate paidOn = InvoiceIntake.date(violations, "paidOn", request.paidOn());
        checkAmount(violations, request.amount(), request.currency());
        violations.throwIfAny();

        return retry.inTransaction("invoice " + invoiceNumber, ATTEMPTS, () -> {
            Invoice invoice = invoice(invoiceNumber);
            Payment payment = new Payment(request.paymentId(), invoiceNumber, Amounts.forDisplay(request.amount()), request.currency(),
                    paidOn, blankToNull(request.payer()), blankToNull(request.reference()), clock.instant());
            Optional<Payment> stored = adjustments.findPayment(request.paymentId());
            if (stored.isPresent()) {
                if (!sameContent(stored.get(), payment)) {
                    throw new ConflictException("payment " + request.paymentId() + " was booked before with other "
                            + "content (" + describe(stored.get()) + "); a payment id names one payment only");
                }
                return new AdjustmentResult<>(IntakeResult.Outcome.UNCHANGED, stored.get(), balance(invoice));
            }
            checkAgainst(invoice, request.currency(), request.amount(), "paid");

            BigDecimal balance = invoice.openBalance().subtract(request.amount());
            adjustments.insert(invoice.id(), payment);
            events.publishEvent(new PaymentBooked(payment.paymentId(), invoiceNumber, request.amount(), request.currency(),
                    paidOn, balance.signum() == 0));
            Invoice after = apply(invoice, invoice.amount(), balance,
                    balance.signum() == 0 ? InvoiceStatus.PAID : InvoiceStatus.OPEN, true);
            return new AdjustmentResult<>(IntakeResult.Outcome.CREATED, payment, balance(after));
        });
    }

    /**
     * Closes an open invoice as {@link InvoiceStatus#WRITTEN_OFF} and ends its case (a {@code SETTLED} event), in the
     * caller's transaction: for a write-off decided outside the case's own flow ({@code POST .../write-off}). An
     * invoice that is closed already is returned as it is.
     */
    @Transactional
    public Invoice markWrittenOff(String invoiceNumber) {
        return markWrittenOff(invoiceNumber, true);
    }

    /**
     * The same without the {@code SETTLED} event: for the case's own write-off step, which ends the case by itself.
     * A settlement message correlated from inside that step would interrupt the very execution running it.
     */
    @Transactional
    public Invoice markWrittenOffWithoutCaseEvent(String invoiceNumber) {
        return markWrittenOff(invoiceNumber, false);
    }

    private Invoice markWrittenOff(String invoiceNumber, boolean moveCase) {
        Invoice invoice = invoice(invoiceNumber);
        if (invoice.status().isClosed()) {
            return invoice;
        }
        return apply(invoice, invoice.amount(), invoice.openBalance(), InvoiceStatus.WRITTEN_OFF, moveCase);
    }

    /** The payment booked through {@link #pay} under this id, on whichever invoice. */
    public Optional<Payment> bookedPayment(String paymentId) {
        return adjustments.findPayment(paymentId);
    }

    /** What the payments booked through {@link #pay} for the invoice since {@code since} add up to (0 when none). */
    public BigDecimal paidSince(String invoiceNumber, Instant since) {
        return adjustments.paidSince(invoiceNumber, since);
    }

    private Invoice invoice(String invoiceNumber) {
        return invoices.findByNumbers(List.of(invoiceNumber)).values().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
    }

    /**
     * Checks of a payment's or credit's amount and currency that need no stored invoice, so they are reported before
     * anything is read: an ISO 4217 currency, an amount above 0 with at most the currency's decimals. Missing values
     * are the caller's to report.
     */
    public static void checkAmount(Violations violations, BigDecimal amount, String currency) {
        boolean currencyValid = currency != null && IsoCodes.isCurrency(currency);
        if (currency != null && !currency.isBlank() && !currencyValid) {
            violations.add("currency", "'" + currency + "' is not an ISO 4217 currency code");
        }
        InvoiceIntake.amount(violations, "amount", amount, currencyValid ? currency : null, false);
    }

    private static void checkAgainst(Invoice invoice, String currency, BigDecimal amount, String verb) {
        Violations violations = new Violations();
        if (invoice.status().isClosed()) {
            violations.add("invoiceNumber", "invoice " + invoice.invoiceNumber() + " is already " + invoice.status()
                    + " and its case has ended; nothing more can be " + verb);
        }
        if (!invoice.currency().equals(currency)) {
            violations.add("currency", "must be the invoice's currency " + invoice.currency());
        } else if (!invoice.status().isClosed() && amount.compareTo(invoice.openBalance()) > 0) {
            // Over-payments would leave a credit balance to refund or carry over; that comes with bank
            // reconciliation. Until then the ERP books only what is owed.
            violations.add("amount", "exceeds the open balance " + invoice.openBalance().stripTrailingZeros().toPlainString()
                    + " " + invoice.currency() + "; at most the open balance can be " + verb
                    + " (over-payments and credit balances are not taken yet)");
        }
        violations.throwIfAny();
    }

    /**
     * Writes the invoice with its version check and, with {@code moveCase}, moves its case, within the caller's
     * transaction: a closed invoice settles the case, a lower balance tells it the balance was reduced.
     */
    private Invoice apply(Invoice invoice, BigDecimal amount, BigDecimal balance, InvoiceStatus status, boolean moveCase) {
        Instant now = clock.instant();
        Invoice after = new Invoice(invoice.id(), invoice.invoiceNumber(), invoice.customerId(), invoice.issueDate(),
                invoice.dueDate(), invoice.currency(), amount, balance, invoice.paymentReference(), invoice.referenceType(),
                status, invoice.version(), invoice.createdAt(), now);
        invoices.update(List.of(after));
        if (!moveCase) {
            return after;
        }
        CustomerRef customer = customers.ref(invoice.customerId()).orElseThrow();
        InvoicesAccepted.Kind kind = status.isClosed() ? InvoicesAccepted.Kind.SETTLED : InvoicesAccepted.Kind.BALANCE_REDUCED;
        events.publishEvent(new InvoicesAccepted(List.of(new InvoicesAccepted.Change(kind, after.invoiceNumber(),
                customer.customerNumber(), customer.name(), customer.country(), after.dueDate(), after.currency(),
                after.openBalance(), after.status()))));
        return after;
    }

    private static AdjustmentResult.InvoiceBalance balance(Invoice invoice) {
        return new AdjustmentResult.InvoiceBalance(invoice.invoiceNumber(), invoice.currency(),
                Amounts.forDisplay(invoice.amount()),
                Amounts.forDisplay(invoice.openBalance()), invoice.status());
    }

    private static boolean sameContent(CreditNote a, CreditNote b) {
        return a.invoiceNumber().equals(b.invoiceNumber()) && a.amount().compareTo(b.amount()) == 0
                && a.currency().equals(b.currency()) && a.issueDate().equals(b.issueDate()) && a.reason().equals(b.reason());
    }

    private static boolean sameContent(Payment a, Payment b) {
        return a.invoiceNumber().equals(b.invoiceNumber()) && a.amount().compareTo(b.amount()) == 0
                && a.currency().equals(b.currency()) && a.paidOn().equals(b.paidOn())
                && Objects.equals(a.payer(), b.payer()) && Objects.equals(a.reference(), b.reference());
    }

    private static String describe(CreditNote note) {
        return "invoice " + note.invoiceNumber() + ", " + note.amount().stripTrailingZeros().toPlainString() + " "
                + note.currency() + ", issued " + note.issueDate();
    }

    private static String describe(Payment payment) {
        return "invoice " + payment.invoiceNumber() + ", " + payment.amount().stripTrailingZeros().toPlainString() + " "
                + payment.currency() + ", paid on " + payment.paidOn();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
