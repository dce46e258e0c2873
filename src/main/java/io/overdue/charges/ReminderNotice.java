package io.overdue.charges;

import io.overdue.customers.CustomerKind;

import java.time.LocalDate;
import java.util.List;

/**
 * A written reminder about to be sent, with what the fee rules need to know about the claim.
 *
 * @param country                   the debtor's country
 * @param deadline                  the payment deadline the notice gives
 * @param feeAgreedWhenDebtArose    Sweden: the contract provided for a reminder fee
 * @param earlierFeeBearingNotices  notices on this claim that already carried a fee, in any order
 */
public record ReminderNotice(String country, CustomerKind customerKind, LocalDate dueDate, LocalDate sentOn,
                             LocalDate deadline, boolean feeAgreedWhenDebtArose,
                             List<ChargedNotice> earlierFeeBearingNotices) {

    public ReminderNotice {
        earlierFeeBearingNotices = earlierFeeBearingNotices == null ? List.of() : List.copyOf(earlierFeeBearingNotices);
    }
}
