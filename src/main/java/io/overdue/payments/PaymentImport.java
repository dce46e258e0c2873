package io.overdue.payments;

import org.springframework.stereotype.Service;

import java.io.InputStream;
import java.util.List;

/**
 * A bank file in, its payments matched and booked: the file is read whole first ({@link CamtParser}), so a refused
 * file books nothing; then every credit is taken like a payment posted through the API, in chunks of transactions
 * ({@link PaymentIntake#receive}) and idempotent by its id, so a file imported again (or one that overlaps an earlier one) books nothing twice.
 */
@Service
public class PaymentImport {

    private final CamtParser parser;
    private final PaymentIntake intake;

    PaymentImport(CamtParser parser, PaymentIntake intake) {
        this.parser = parser;
        this.intake = intake;
    }

    /**
     * What a file brought.
     *
     * @param created   payments stored now (and booked when matched)
     * @param unchanged payments received before (an earlier import of the same or an overlapping file)
     * @param ignored   entries left out (debits, not booked, reversals), with {@code ignoredReasons}
     * @param casesInBackground true for a large file: its payments are booked and their invoices paid, and the cases
     *                  they end or reduce move in the background ({@code GET /api/payments/case-updates} counts what is
     *                  left); false when every case has moved already
     */
    public record ImportResult(String messageType, String messageId, int payments, int created, int unchanged,
                               int matched, int unmatched, int ambiguous, int ignored, List<String> ignoredReasons,
                               boolean casesInBackground, List<PaymentIntake.Received> results) {
    }

    public ImportResult importFile(InputStream in) {
        BankFile file = parser.parse(in);
        List<IncomingPayment> payments = file.payments().stream().map(PaymentImport::incoming).toList();
        List<PaymentIntake.Received> results = intake.receive(payments);
        return new ImportResult(file.messageType(), file.messageId(), results.size(),
                count(results, r -> r.result() == PaymentIntake.Received.Outcome.CREATED),
                count(results, r -> r.result() == PaymentIntake.Received.Outcome.UNCHANGED),
                count(results, r -> r.payment().status() == BankPaymentStatus.MATCHED),
                count(results, r -> r.payment().status() == BankPaymentStatus.UNMATCHED),
                count(results, r -> r.payment().status() == BankPaymentStatus.AMBIGUOUS),
                file.ignoredEntries(), file.ignoredReasons(), intake.movesCasesInBackground(payments.size()), results);
    }

    private static IncomingPayment incoming(StatementPayment p) {
        return new IncomingPayment(p.paymentId(), p.amount(), p.currency(), p.bookingDate(), p.valueDate(),
                p.structuredReference(), p.freeText(), p.debtorName(), p.endToEndId(), p.bankReference(),
                PaymentSource.FILE);
    }

    private static int count(List<PaymentIntake.Received> results, java.util.function.Predicate<PaymentIntake.Received> which) {
        return (int) results.stream().filter(which).count();
    }
}
