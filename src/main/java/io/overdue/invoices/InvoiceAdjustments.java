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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
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
    private final ObjectProvider<InvoiceChargeSource> chargeSources;
    private final AllocationProperties allocation;
    private final ZoneId zone;

    InvoiceAdjustments(InvoiceStore invoices, AdjustmentStore adjustments, CustomerService customers, Validator validator,
                       ApplicationEventPublisher events, ConflictRetry retry, Clock clock,
                       ObjectProvider<InvoiceChargeSource> chargeSources, AllocationProperties allocation,
                       @Value("${overdue.dunning.zone:Europe/Oslo}") ZoneId zone) {
        this.zone = zone;
        this.chargeSources = chargeSources;
        this.allocation = allocation;
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
        Invoice after = apply(invoice, amount, balance, status, moveCase ? customerOf(invoice) : null);
        return new AdjustmentResult<>(IntakeResult.Outcome.CREATED, note, balance(after));
    }

    /**
     * Books a payment the ERP reports against the invoice. It covers the claim in the order of
     * {@link AllocationProperties} (costs, interest, principal by default); more than is owed is refused, since the
     * ERP keeps its own ledger of what its customer has to their credit.
     */
    public AdjustmentResult<Payment> pay(String invoiceNumber, PaymentRequest request) {
        LocalDate paidOn = checkPayment(request);
        return retry.inTransaction("invoice " + invoiceNumber, ATTEMPTS, () -> {
            Invoice invoice = invoice(invoiceNumber);
            Optional<Payment> stored = adjustments.findPayment(request.paymentId());
            if (stored.isPresent()) {
                Payment asked = new Payment(request.paymentId(), invoiceNumber, Amounts.forDisplay(request.amount()),
                        request.currency(), paidOn, blankToNull(request.payer()), blankToNull(request.reference()),
                        clock.instant(), stored.get().allocation());
                if (!sameContent(stored.get(), asked)) {
                    throw new ConflictException("payment " + request.paymentId() + " was booked before with other "
                            + "content (" + describe(stored.get()) + "); a payment id names one payment only");
                }
                return new AdjustmentResult<>(IntakeResult.Outcome.UNCHANGED, stored.get(), balance(invoice));
            }
            return book(invoice, request, paidOn, false);
        });
    }

    /**
     * Books a bank payment like {@link #pay}, but what is more than owed is not refused: it is the payment's
     * {@link PaymentAllocation#credit()}, for the caller to keep as the customer's credit balance in the same
     * transaction. For bank payments, which have arrived whatever they amount to. Runs in the caller's transaction, on
     * the invoice as the caller read it in it and for a payment id the caller found unused in it: a bank file's
     * payments are matched and checked in bulk, and reading both again per payment would double the import's reads. A
     * concurrent writer is still caught, by the invoice's version and the payment id's unique key.
     */
    public AdjustmentResult<Payment> payAllowingCredit(Invoice invoice, PaymentRequest request) {
        LocalDate paidOn = checkPayment(request);
        return book(invoice, request, paidOn, true);
    }

    private LocalDate checkPayment(PaymentRequest request) {
        if (request == null) {
            throw InvalidInputException.of("", "the payment is missing");
        }
        Violations violations = new Violations();
        violations.addBeanViolations(validator, request);
        LocalDate paidOn = InvoiceIntake.date(violations, "paidOn", request.paidOn());
        checkAmount(violations, request.amount(), request.currency());
        violations.throwIfAny();
        return paidOn;
    }

    private AdjustmentResult<Payment> book(Invoice invoice, PaymentRequest request, LocalDate paidOn, boolean creditAllowed) {
        String invoiceNumber = invoice.invoiceNumber();
        checkOpen(invoice, request.currency(), "paid");
        CustomerRef customer = customerOf(invoice);
        Owed owed = owed(invoice, customer.country(), paidOn);
        if (!creditAllowed && request.amount().compareTo(owed.total()) > 0) {
            throw InvalidInputException.of("amount", "exceeds what is owed, " + describe(owed)
                    + "; at most that can be paid on the invoice (a bank payment's surplus becomes the customer's "
                    + "credit balance, see POST /api/payments)");
        }
        PaymentAllocation allocated = PaymentAllocation.of(request.amount(), owed, allocation.orderFor(customer.country()));
        Payment payment = new Payment(request.paymentId(), invoiceNumber, Amounts.forDisplay(request.amount()),
                request.currency(), paidOn, blankToNull(request.payer()), blankToNull(request.reference()),
                clock.instant(), allocated);
        BigDecimal balance = invoice.openBalance().subtract(allocated.principal());
        adjustments.insert(invoice.id(), payment);
        events.publishEvent(new PaymentBooked(payment.paymentId(), invoiceNumber, allocated.applied(),
                request.currency(), paidOn, balance.signum() == 0));
        Invoice after = apply(invoice, invoice.amount(), balance,
                balance.signum() == 0 ? InvoiceStatus.PAID : InvoiceStatus.OPEN, customer);
        return new AdjustmentResult<>(IntakeResult.Outcome.CREATED, payment, balance(after));
    }

    /**
     * What is owed on the invoice today (in the creditor's time zone): its open principal, and the costs and interest
     * claimed on it (by every {@link InvoiceChargeSource}) less what payments have covered of them. Interest, once a
     * notice has claimed it, runs to the day: what the latest notice stated, or more as days pass. Nothing is owed on a
     * closed invoice.
     */
    public Owed owed(String invoiceNumber) {
        Invoice invoice = invoice(invoiceNumber);
        return owed(invoice, customerOf(invoice).country(), LocalDate.now(clock.withZone(zone)));
    }

    /** What is owed on the invoice on {@code day}, e.g. the day a payment was booked. */
    Owed owed(Invoice invoice, String country, LocalDate day) {
        if (invoice.status().isClosed()) {
            return new Owed(invoice.invoiceNumber(), invoice.currency(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        }
        BigDecimal costs = BigDecimal.ZERO;
        BigDecimal stated = null;
        for (ChargeClaim claim : claimsOn(invoice.invoiceNumber(), invoice.currency())) {
            if (claim.kind().isCost()) {
                costs = costs.add(claim.amount());
            } else {
                stated = (stated == null ? BigDecimal.ZERO : stated).add(claim.amount());
            }
        }
        BigDecimal interest = stated == null ? BigDecimal.ZERO : stated.max(accruedInterest(invoice, country, day).orElse(stated));
        if (costs.signum() == 0 && interest.signum() == 0) {
            // Nothing claimed, so nothing of it can have been paid: most invoices a bank file pays, read once less.
            return new Owed(invoice.invoiceNumber(), invoice.currency(), invoice.openBalance(), BigDecimal.ZERO, BigDecimal.ZERO);
        }
        AdjustmentStore.PaidCharges paid = adjustments.paidCharges(invoice.id());
        return new Owed(invoice.invoiceNumber(), invoice.currency(), invoice.openBalance(),
                costs.subtract(paid.costs()).max(BigDecimal.ZERO), interest.subtract(paid.interest()).max(BigDecimal.ZERO));
    }

    private Optional<BigDecimal> accruedInterest(Invoice invoice, String country, LocalDate day) {
        LocalDate until = chargeSources.orderedStream()
                .map(source -> source.interestStopsOn(invoice.invoiceNumber())).flatMap(Optional::stream)
                .min(java.util.Comparator.naturalOrder()).filter(stop -> stop.isBefore(day)).orElse(day);
        return chargeSources.orderedStream()
                .map(source -> source.accruedInterest(country, invoice.openBalance(), invoice.currency(), invoice.dueDate(), until))
                .flatMap(Optional::stream).findFirst();
    }

    /** Everything claimed on the invoice on top of its principal, oldest first. */
    public List<ChargeClaim> claimsOn(String invoiceNumber, String currency) {
        return chargeSources.orderedStream().flatMap(source -> source.claimsOn(invoiceNumber, currency).stream())
                .sorted(java.util.Comparator.comparing(ChargeClaim::claimedOn)).toList();
    }

    /** The payments booked on the invoice, oldest first, each with its allocation. */
    public List<Payment> payments(String invoiceNumber) {
        return adjustments.payments(invoiceNumber);
    }

    /** The credit notes booked on the invoice, oldest first. */
    public List<CreditNote> creditNotes(String invoiceNumber) {
        return adjustments.creditNotes(invoiceNumber);
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
        return apply(invoice, invoice.amount(), invoice.openBalance(), InvoiceStatus.WRITTEN_OFF,
                moveCase ? customerOf(invoice) : null);
    }

    /** The payment booked through {@link #pay} under this id, on whichever invoice. */
    public Optional<Payment> bookedPayment(String paymentId) {
        return adjustments.findPayment(paymentId);
    }

    /** The payments booked through {@link #pay} under any of these ids, by id: one look for many payments. */
    public Map<String, Payment> bookedPayments(java.util.Collection<String> paymentIds) {
        return adjustments.findPayments(paymentIds);
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

    private static void checkOpen(Invoice invoice, String currency, String verb) {
        Violations violations = openAndCurrency(invoice, currency, verb);
        violations.throwIfAny();
    }

    private static void checkAgainst(Invoice invoice, String currency, BigDecimal amount, String verb) {
        Violations violations = openAndCurrency(invoice, currency, verb);
        if (!violations.hasFieldAtFault("currency") && !invoice.status().isClosed()
                && amount.compareTo(invoice.openBalance()) > 0) {
            // A credit note takes back part of what was invoiced; more than is open would be a refund.
            violations.add("amount", "exceeds the open balance " + Amounts.plain(invoice.openBalance(), invoice.currency())
                    + "; at most the open balance can be " + verb);
        }
        violations.throwIfAny();
    }

    private static Violations openAndCurrency(Invoice invoice, String currency, String verb) {
        Violations violations = new Violations();
        if (invoice.status().isClosed()) {
            violations.add("invoiceNumber", "invoice " + invoice.invoiceNumber() + " is already " + invoice.status()
                    + " and its case has ended; nothing more can be " + verb);
        }
        if (!invoice.currency().equals(currency)) {
            violations.add("currency", "must be the invoice's currency " + invoice.currency());
        }
        return violations;
    }

    /**
     * Writes the invoice with its version check and, given its {@code customer}, moves its case, within the caller's
     * transaction: a closed invoice settles the case, a lower balance tells it the balance was reduced. Without a
     * customer the case is left alone.
     */
    private Invoice apply(Invoice invoice, BigDecimal amount, BigDecimal balance, InvoiceStatus status,
                          CustomerRef customer) {
        Instant now = clock.instant();
        Invoice after = new Invoice(invoice.id(), invoice.invoiceNumber(), invoice.customerId(), invoice.issueDate(),
                invoice.dueDate(), invoice.currency(), amount, balance, invoice.paymentReference(), invoice.referenceType(),
                status, invoice.version(), invoice.createdAt(), now);
        invoices.update(List.of(after));
        if (customer == null) {
            return after;
        }
        InvoicesAccepted.Kind kind = status.isClosed() ? InvoicesAccepted.Kind.SETTLED : InvoicesAccepted.Kind.BALANCE_REDUCED;
        events.publishEvent(new InvoicesAccepted(List.of(new InvoicesAccepted.Change(kind, after.invoiceNumber(),
                customer.customerNumber(), customer.name(), customer.country(), after.dueDate(), after.currency(),
                after.openBalance(), after.status()))));
        return after;
    }

    private CustomerRef customerOf(Invoice invoice) {
        return customers.ref(invoice.customerId()).orElseThrow();
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
        return "invoice " + note.invoiceNumber() + ", " + Amounts.plain(note.amount(), note.currency())
                + ", issued " + note.issueDate();
    }

    private static String describe(Owed owed) {
        String total = Amounts.plain(owed.total(), owed.currency());
        if (owed.costs().signum() == 0 && owed.interest().signum() == 0) {
            return total;
        }
        return total + " (principal " + Amounts.plain(owed.principal(), owed.currency()) + ", costs "
                + Amounts.plain(owed.costs(), owed.currency()) + ", interest " + Amounts.plain(owed.interest(), owed.currency()) + ")";
    }

    private static String describe(Payment payment) {
        return "invoice " + payment.invoiceNumber() + ", " + Amounts.plain(payment.amount(), payment.currency())
                + ", paid on " + payment.paidOn();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
