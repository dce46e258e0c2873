package io.overdue.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One amount claimed on an invoice on top of its principal: a fee, the fixed compensation, a plan fee, or late
 * interest. Interest and compensation are restated by every notice that shows them, so a source gives them as the
 * change from what was claimed before (negative when a lower principal restated the interest lower): the claims of a
 * kind add up to what is claimed now.
 *
 * @param reference what claimed it, e.g. the notice {@code 7001/L2/R1} or the plan's id
 */
public record ChargeClaim(Kind kind, LocalDate claimedOn, BigDecimal amount, String reference) {

    public enum Kind {
        /** a reminder or collection-notice fee */
        FEE,
        /** the B2B fixed compensation (standardkompensasjon, förseningsersättning, EUR 40) */
        COMPENSATION,
        /** the fee of an accepted payment plan (amorteringsplan) */
        PLAN_FEE,
        /** late-payment interest as stated by a notice */
        INTEREST;

        /** Costs come before interest in the legal order of allocation; interest is a kind of its own. */
        public boolean isCost() {
            return this != INTEREST;
        }
    }
}
