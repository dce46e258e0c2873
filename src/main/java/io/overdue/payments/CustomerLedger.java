package io.overdue.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.ChargeClaim;
import io.overdue.invoices.CreditNote;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceAdjustments;
import io.overdue.invoices.InvoiceService;
import io.overdue.invoices.InvoiceStatus;
import io.overdue.invoices.Owed;
import io.overdue.invoices.Payment;
import io.overdue.invoices.PaymentAllocation;
import io.overdue.shared.Amounts;
import io.overdue.shared.Violations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A customer's account, per currency: every invoice, charge, credit note, payment, refund and write-off in date order,
 * with the running balance the customer owes (negative while the customer is in credit). The balance at the end is
 * what is owed on the open invoices (principal, costs and interest) less the open credit balances.
 */
@Service
public class CustomerLedger {

    private final CustomerService customers;
    private final InvoiceService invoices;
    private final InvoiceAdjustments adjustments;
    private final CreditBalances credits;
    private final Clock clock;
    private final ZoneId zone;

    CustomerLedger(CustomerService customers, InvoiceService invoices, InvoiceAdjustments adjustments,
                   CreditBalances credits, Clock clock, @Value("${overdue.dunning.zone:Europe/Oslo}") ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.customers = customers;
        this.invoices = invoices;
        this.adjustments = adjustments;
        this.credits = credits;
    }

    /** What an entry records; in this order within a day. */
    public enum Kind {
        INVOICE, FEE, COMPENSATION, PLAN_FEE, INTEREST, CREDIT_NOTE, PAYMENT,
        /** A payment booked on no invoice, kept whole as the customer's credit by a collector. */
        CREDITED_PAYMENT,
        CREDIT_OFFSET, REFUND, WRITE_OFF,
        /** An invoice cancelled by credit notes: the charges claimed on it are dropped with it. */
        CHARGES_DROPPED,
        /** Everything before {@code from}, in one line. */
        OPENING_BALANCE
    }

    /**
     * One line of the ledger; {@code amount} raises (positive) or lowers (negative) what the customer owes.
     *
     * @param reference  the invoice, notice, credit note, payment or credit the line comes from
     * @param allocation for a payment: how it was divided over costs, interest, principal and credit
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(LocalDate date, Kind kind, String invoiceNumber, String reference, String description,
                        BigDecimal amount, BigDecimal balance, PaymentAllocation allocation) {

        Entry withBalance(BigDecimal runningBalance) {
            return new Entry(date, kind, invoiceNumber, reference, description, Amounts.forDisplay(amount),
                    Amounts.forDisplay(runningBalance), allocation);
        }
    }

    /** What is open now, in one currency. {@code balance} = principal + costs + interest − credit. */
    public record Open(BigDecimal principal, BigDecimal costs, BigDecimal interest, BigDecimal credit) {
    }

    /** The ledger of one currency. {@code balance} is the running balance after the last entry shown. */
    public record CurrencyLedger(String currency, BigDecimal balance, Open open, List<Entry> entries) {
    }

    public record Ledger(String customerNumber, String name, LocalDate from, LocalDate to, List<CurrencyLedger> currencies) {
    }

    /**
     * The customer's ledger; {@code from} and {@code to} (ISO dates, inclusive, each optional) limit the entries
     * shown: what came before {@code from} is one opening balance. 404 for an unknown customer; 400 naming
     * {@code from} or {@code to} when they are not dates or out of order.
     */
    @Transactional(readOnly = true)
    public Ledger of(String customerNumber, String fromText, String toText) {
        Violations violations = new Violations();
        LocalDate from = PaymentIntake.date(violations, "from", fromText);
        LocalDate to = PaymentIntake.date(violations, "to", toText);
        if (from != null && to != null && from.isAfter(to)) {
            violations.add("to", "must not be before from (" + from + ")");
        }
        violations.throwIfAny();
        Customer customer = customers.get(customerNumber);

        Map<String, List<Entry>> byCurrency = new TreeMap<>();
        Map<String, Open> open = new TreeMap<>();
        for (Invoice invoice : invoices.invoicesOf(customer.id())) {
            List<Entry> entries = byCurrency.computeIfAbsent(invoice.currency(), c -> new ArrayList<>());
            Owed owed = adjustments.owed(invoice.invoiceNumber());
            invoiceEntries(invoice, owed, entries);
            open.merge(invoice.currency(), new Open(owed.principal(), owed.costs(), owed.interest(), BigDecimal.ZERO),
                    CustomerLedger::add);
        }
        List<CreditBalance> customerCredits = credits.ofCustomer(customer.id());
        Map<Long, CreditBalance> creditsById = new java.util.HashMap<>();
        for (CreditBalance credit : customerCredits) {
            creditsById.put(credit.id(), credit);
            List<Entry> entries = byCurrency.computeIfAbsent(credit.currency(), c -> new ArrayList<>());
            if (credit.invoiceNumber() == null) {
                // An over-payment's credit is part of its PAYMENT line; this one was booked on no invoice.
                entries.add(new Entry(credit.createdAt().atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                        Kind.CREDITED_PAYMENT, null, credit.paymentId(), "payment " + credit.paymentId()
                        + " kept as credit", credit.amount().negate(), null, null));
            }
            open.merge(credit.currency(), new Open(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, credit.openAmount()),
                    CustomerLedger::add);
        }
        for (CreditBalance.Settlement settlement : credits.settlementsOfCustomer(customer.id())) {
            CreditBalance credit = creditsById.get(settlement.creditId());
            byCurrency.get(credit.currency()).add(settlement.kind() == CreditBalanceProcess.Settlement.REFUND
                    ? new Entry(settlement.settledOn(), Kind.REFUND, credit.invoiceNumber(), credit.paymentId(),
                    "credit from payment " + credit.paymentId() + " paid back: " + settlement.note(),
                    settlement.amount(), null, null)
                    : new Entry(settlement.settledOn(), Kind.CREDIT_OFFSET, settlement.invoiceNumber(), credit.paymentId(),
                    "credit from payment " + credit.paymentId() + " offset against invoice " + settlement.invoiceNumber(),
                    settlement.amount(), null, null));
        }

        List<CurrencyLedger> ledgers = new ArrayList<>();
        byCurrency.forEach((currency, entries) -> {
            entries.sort(Comparator.comparing(Entry::date).thenComparing(Entry::kind));
            List<Entry> shown = new ArrayList<>();
            BigDecimal balance = BigDecimal.ZERO;
            BigDecimal before = null;
            for (Entry entry : entries) {
                balance = balance.add(entry.amount());
                if (from != null && entry.date().isBefore(from)) {
                    before = balance;
                } else if (to == null || !entry.date().isAfter(to)) {
                    shown.add(entry.withBalance(balance));
                }
            }
            BigDecimal shownBalance = shown.isEmpty() ? (before == null ? BigDecimal.ZERO : before)
                    : shown.get(shown.size() - 1).balance();
            if (before != null) {
                shown.add(0, new Entry(from, Kind.OPENING_BALANCE, null, null, "balance before " + from, before, before,
                        null).withBalance(before));
            }
            Open now = open.getOrDefault(currency, new Open(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
            ledgers.add(new CurrencyLedger(currency, Amounts.forDisplay(shownBalance),
                    new Open(Amounts.forDisplay(now.principal()), Amounts.forDisplay(now.costs()),
                            Amounts.forDisplay(now.interest()), Amounts.forDisplay(now.credit())), shown));
        });
        return new Ledger(customer.customerNumber(), customer.name(), from, to, ledgers);
    }

    private void invoiceEntries(Invoice invoice, Owed owed, List<Entry> entries) {
        String number = invoice.invoiceNumber();
        entries.add(new Entry(invoice.issueDate(), Kind.INVOICE, number, number,
                "invoice " + number + " issued, due " + invoice.dueDate(), invoice.amount(), null, null));
        BigDecimal charged = BigDecimal.ZERO;
        List<ChargeClaim> claims = adjustments.claimsOn(number, invoice.currency());
        for (ChargeClaim claim : claims) {
            entries.add(new Entry(claim.claimedOn(), Kind.valueOf(claim.kind().name()), number, claim.reference(),
                    describe(claim), claim.amount(), null, null));
            charged = charged.add(claim.amount());
        }
        BigDecimal credited = BigDecimal.ZERO;
        for (CreditNote note : adjustments.creditNotes(number)) {
            entries.add(new Entry(note.issueDate(), Kind.CREDIT_NOTE, number, note.creditNoteNumber(),
                    "credit note " + note.creditNoteNumber() + ": " + note.reason(), note.amount().negate(), null, null));
            credited = credited.add(note.amount());
        }
        // Once claimed, interest runs to the day of payment: what a payment took beyond the notices' statements, and
        // what is open today beyond them, accrued after the last notice and shows as interest of its own.
        List<ChargeClaim> stated = claims.stream().filter(claim -> claim.kind() == ChargeClaim.Kind.INTEREST).toList();
        BigDecimal accrued = BigDecimal.ZERO;
        BigDecimal interestPaid = BigDecimal.ZERO;
        BigDecimal chargesPaid = BigDecimal.ZERO;
        for (Payment payment : adjustments.payments(number)) {
            PaymentAllocation allocation = payment.allocation();
            interestPaid = interestPaid.add(allocation.interest());
            BigDecimal statedByThen = stated.stream().filter(claim -> !claim.claimedOn().isAfter(payment.paidOn()))
                    .map(ChargeClaim::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal beyond = interestPaid.subtract(statedByThen.add(accrued));
            if (beyond.signum() > 0) {
                entries.add(new Entry(payment.paidOn(), Kind.INTEREST, number, payment.paymentId(),
                        "late interest accrued until payment " + payment.paymentId(), beyond, null, null));
                accrued = accrued.add(beyond);
                charged = charged.add(beyond);
            }
            entries.add(new Entry(payment.paidOn(), Kind.PAYMENT, number, payment.paymentId(),
                    "payment " + payment.paymentId() + (payment.payer() == null ? "" : " from " + payment.payer()),
                    payment.amount().negate(), null, allocation));
            chargesPaid = chargesPaid.add(allocation.costs()).add(allocation.interest());
        }
        BigDecimal statedTotal = stated.stream().map(ChargeClaim::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal openBeyond = interestPaid.add(owed.interest()).subtract(statedTotal.add(accrued));
        if (openBeyond.signum() > 0) {
            entries.add(new Entry(LocalDate.now(clock.withZone(zone)), Kind.INTEREST, number, number,
                    "late interest accrued until today", openBeyond, null, null));
            charged = charged.add(openBeyond);
        }
        BigDecimal chargesLeft = charged.subtract(chargesPaid).max(BigDecimal.ZERO);
        LocalDate closedOn = invoice.updatedAt() == null ? invoice.issueDate()
                : invoice.updatedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        if (invoice.status() == InvoiceStatus.WRITTEN_OFF) {
            BigDecimal left = invoice.openBalance().add(chargesLeft);
            if (left.signum() > 0) {
                entries.add(new Entry(closedOn, Kind.WRITE_OFF, number, number, "invoice " + number + " written off",
                        left.negate(), null, null));
            }
        } else if (invoice.status() == InvoiceStatus.CANCELLED && chargesLeft.signum() > 0) {
            entries.add(new Entry(closedOn, Kind.CHARGES_DROPPED, number, number, "invoice " + number
                    + " cancelled by credit note: its charges are dropped", chargesLeft.negate(), null, null));
        }
    }

    private static String describe(ChargeClaim claim) {
        return switch (claim.kind()) {
            case FEE -> "fee of notice " + claim.reference();
            case COMPENSATION -> "fixed compensation, notice " + claim.reference();
            case PLAN_FEE -> "fee of payment " + claim.reference() + " (accepted)";
            case INTEREST -> "late interest as stated by notice " + claim.reference();
        };
    }

    private static Open add(Open a, Open b) {
        return new Open(a.principal().add(b.principal()), a.costs().add(b.costs()), a.interest().add(b.interest()),
                a.credit().add(b.credit()));
    }
}
