package io.overdue.plans;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * A plan to propose: either explicit {@code instalments} or an {@code evenSplit} that the service computes, never
 * both.
 *
 * @param proposedBy who proposes it (a user id, {@code api}, ...)
 * @param planFee    the plan's own fee in the claim's currency, or null
 */
public record ProposalRequest(String proposedBy, BigDecimal planFee, List<InstalmentRequest> instalments,
                              EvenSplit evenSplit) {

    /** One instalment as proposed. */
    public record InstalmentRequest(LocalDate dueDate, BigDecimal amount) {
    }

    /**
     * {@code count} equal instalments (cent-exact: the remainder goes on the last), the first on {@code firstDate},
     * each next one {@code interval} later (counted from the first date, so P1M from 31 January gives 28 February,
     * then 31 March).
     */
    public record EvenSplit(int count, LocalDate firstDate, Period interval) {
    }

    public static ProposalRequest explicit(String proposedBy, BigDecimal planFee, List<InstalmentRequest> instalments) {
        return new ProposalRequest(proposedBy, planFee, instalments, null);
    }

    public static ProposalRequest evenSplit(String proposedBy, BigDecimal planFee, int count, LocalDate firstDate,
                                            Period interval) {
        return new ProposalRequest(proposedBy, planFee, null, new EvenSplit(count, firstDate, interval));
    }
}
