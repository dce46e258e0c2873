package io.overdue.dunning;

import io.overdue.agency.CaseHistory;
import io.overdue.disputes.Disputes;
import io.overdue.promises.Promises;
import io.overdue.shared.Amounts;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
// Nested types of CaseHistory (Dispute, Promise) shadow the disputes and promises modules' records here, hence
// the qualified names below.
/**
 * What the case recorded besides notices (disputes, promises, the fees its notices charged), for the agency's case
 * file and the collectors' tasks. Read from the modules that store each, never copied.
 */
@Component
class CaseRecords implements CaseHistory, PromisesAndDisputesFacts {

    /** The fixed B2B compensation counts as a fee in the case file, under its rate kind. */
    static final String COMPENSATION = io.overdue.charges.RateKind.B2B_FIXED_COMPENSATION.name();

    private final Disputes disputes;
    private final Promises promises;
    private final DunningNotices notices;

    CaseRecords(Disputes disputes, Promises promises, DunningNotices notices) {
        this.disputes = disputes;
        this.promises = promises;
        this.notices = notices;
    }

    @Override
    public List<CaseHistory.Dispute> disputes(String invoiceNumber) {
        return disputes.of(invoiceNumber).stream().map(d -> new CaseHistory.Dispute(d.raisedAt(), d.amount(), d.reason(),
                d.status().name(), d.resolvedAt(), resolution(d))).toList();
    }

    @Override
    public List<CaseHistory.Promise> promises(String invoiceNumber) {
        return promises.of(invoiceNumber).stream().map(p -> new CaseHistory.Promise(p.madeAt(), p.promisedDate(), p.amount(),
                p.status().name(), p.note())).toList();
    }

    @Override
    public List<CaseHistory.Fee> fees(String invoiceNumber) {
        List<CaseHistory.Fee> fees = new ArrayList<>();
        for (DunningNotice notice : notices.forInvoice(invoiceNumber)) {
            if (notice.feeCharged()) {
                fees.add(new CaseHistory.Fee(notice.feeKind(), notice.sentOn(), notice.feeAmount(), notice.feeCurrency(),
                        notice.feeSource()));
            }
            if (notice.compensationAmount() != null) {
                fees.add(new CaseHistory.Fee(COMPENSATION, notice.sentOn(), notice.compensationAmount(),
                        notice.compensationCurrency(), null));
            }
        }
        return fees;
    }

    @Override
    public String linesFor(String invoiceNumber) {
        record Line(java.time.Instant at, String text) {
        }
        List<String> lines = Stream.concat(
                        promises.of(invoiceNumber).stream().map(p -> new Line(p.madeAt(), promiseLine(p))),
                        disputes.of(invoiceNumber).stream().map(d -> new Line(d.raisedAt(), disputeLine(d))))
                .sorted(Comparator.comparing(Line::at).reversed()).map(Line::text).toList();
        return lines.isEmpty() ? CaseFacts.NONE_RECORDED : String.join("\n", lines);
    }

    private static String promiseLine(io.overdue.promises.Promise promise) {
        return "Promise " + promise.status() + ": pay " + (promise.amount() == null ? "the balance"
                : Amounts.forDisplay(promise.amount()).toPlainString() + " " + promise.currency())
                + " by " + promise.promisedDate() + (promise.note() == null ? "" : " (" + promise.note() + ")");
    }

    private static String disputeLine(io.overdue.disputes.Dispute dispute) {
        return "Dispute " + dispute.status() + ": " + (dispute.amount() == null ? "whole invoice"
                : Amounts.forDisplay(dispute.amount()).toPlainString() + " " + dispute.currency())
                + " – " + dispute.reason();
    }

    private static String resolution(io.overdue.disputes.Dispute dispute) {
        if (dispute.resolvedAt() == null) {
            return null;
        }
        BigDecimal credited = dispute.creditedAmount();
        return dispute.status().name() + (credited == null ? "" : ", credited " + credited.stripTrailingZeros().toPlainString())
                + (dispute.resolutionNotes() == null ? "" : ": " + dispute.resolutionNotes());
    }
}
