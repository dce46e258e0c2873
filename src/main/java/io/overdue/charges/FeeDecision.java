package io.overdue.charges;

import java.math.BigDecimal;

/**
 * Whether a fee is charged: the amount and its source when it is, the reason when it is not.
 *
 * @param amount       in the currency's minor units; null when not charged
 * @param currency     null when not charged
 * @param reason       null when charged
 * @param explanation  in English, with the figures that decided it (for logs and collectors)
 * @param source       the legal source of the amount; null when not charged
 */
public record FeeDecision(RateKind kind, BigDecimal amount, String currency, NoChargeReason reason,
                          String explanation, String source) {

    public boolean charged() {
        return reason == null;
    }

    static FeeDecision charge(StatutoryRate rate, BigDecimal amount, String explanation) {
        return new FeeDecision(rate.kind(), amount, rate.currency(), null, explanation, rate.source());
    }

    static FeeDecision none(RateKind kind, NoChargeReason reason, String explanation) {
        return new FeeDecision(kind, null, null, reason, explanation, null);
    }
}
