package io.overdue.dunning;

import io.overdue.invoices.ChargeClaim;
import io.overdue.invoices.ChargeClaim.Kind;
import io.overdue.invoices.InvoiceChargeSource;
import io.overdue.charges.Charges;
import io.overdue.charges.MissingRateException;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The charges the dunning notices claimed: each notice's fee once, and interest and compensation as restated by each
 * notice that shows them (the change from the previous statement), so that they add up to what the latest notice
 * claims, as {@link DunningNotices#claimed} counts them; and late interest to any day, from the rate table.
 */
@Component
class NoticeChargeSource implements InvoiceChargeSource {

    private final DunningNoticeStore notices;
    private final Charges charges;

    NoticeChargeSource(DunningNoticeStore notices, Charges charges) {
        this.notices = notices;
        this.charges = charges;
    }

    /** The statutory rate from the rate table, as the notices and the case view compute it. */
    @Override
    public Optional<BigDecimal> accruedInterest(String country, BigDecimal principal, String currency, LocalDate dueDate,
                                                LocalDate day) {
        if (!day.isAfter(dueDate) || principal.signum() == 0) {
            return Optional.of(BigDecimal.ZERO);
        }
        try {
            return Optional.of(charges.lateInterest(country, principal, currency, dueDate, day).amount());
        } catch (MissingRateException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<ChargeClaim> claimsOn(String invoiceNumber, String currency) {
        List<ChargeClaim> claims = new ArrayList<>();
        BigDecimal interestSoFar = BigDecimal.ZERO;
        BigDecimal compensationSoFar = BigDecimal.ZERO;
        for (DunningNotice notice : notices.forInvoice(invoiceNumber)) {
            if (notice.feeCharged() && currency.equals(notice.feeCurrency())) {
                claims.add(new ChargeClaim(Kind.FEE, notice.sentOn(), notice.feeAmount(), notice.key()));
            }
            if (notice.compensationAmount() != null && currency.equals(notice.compensationCurrency())) {
                addChange(claims, Kind.COMPENSATION, notice, notice.compensationAmount().subtract(compensationSoFar));
                compensationSoFar = notice.compensationAmount();
            }
            if (notice.interestAmount() != null) {
                addChange(claims, Kind.INTEREST, notice, notice.interestAmount().subtract(interestSoFar));
                interestSoFar = notice.interestAmount();
            }
        }
        return claims;
    }

    private static void addChange(List<ChargeClaim> claims, Kind kind, DunningNotice notice, BigDecimal change) {
        if (change.signum() != 0) {
            claims.add(new ChargeClaim(kind, notice.sentOn(), change, notice.key()));
        }
    }
}
