package io.overdue.plans;

import io.overdue.plans.ProposalRequest.EvenSplit;
import io.overdue.plans.ProposalRequest.InstalmentRequest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The even split, cent-exact in the currency's minor units. */
class PlanSplitTest {

    private static final LocalDate FIRST = LocalDate.of(2027, 1, 31);

    @Test
    void tenThousandInThreeLeavesTheCentOnTheLast() {
        List<InstalmentRequest> split = PaymentPlans.split(new BigDecimal("10000.00"), 2, new EvenSplit(3, FIRST, Period.ofMonths(1)));

        assertThat(split).extracting(InstalmentRequest::amount)
                .containsExactly(new BigDecimal("3333.33"), new BigDecimal("3333.33"), new BigDecimal("3333.34"));
        assertThat(sum(split)).isEqualByComparingTo("10000.00");
    }

    @Test
    void monthlyDatesAreCountedFromTheFirstSoMonthEndsDoNotDrift() {
        List<InstalmentRequest> split = PaymentPlans.split(new BigDecimal("300"), 2, new EvenSplit(3, FIRST, Period.ofMonths(1)));

        assertThat(split).extracting(InstalmentRequest::dueDate)
                .containsExactly(FIRST, LocalDate.of(2027, 2, 28), LocalDate.of(2027, 3, 31));
    }

    @Test
    void aCurrencyWithoutMinorUnitsSplitsInWholeUnits() {
        List<InstalmentRequest> split = PaymentPlans.split(new BigDecimal("10000"), 0, new EvenSplit(3, FIRST, Period.ofDays(14)));

        assertThat(split).extracting(InstalmentRequest::amount)
                .containsExactly(new BigDecimal("3333"), new BigDecimal("3333"), new BigDecimal("3334"));
        assertThat(split).extracting(InstalmentRequest::dueDate)
                .containsExactly(FIRST, FIRST.plusDays(14), FIRST.plusDays(28));
    }

    @Test
    void aRemainderOfSeveralCentsAllGoesOnTheLast() {
        List<InstalmentRequest> split = PaymentPlans.split(new BigDecimal("100.05"), 2, new EvenSplit(7, FIRST, Period.ofWeeks(1)));

        assertThat(split.subList(0, 6)).extracting(InstalmentRequest::amount).containsOnly(new BigDecimal("14.29"));
        assertThat(split.get(6).amount()).isEqualByComparingTo("14.31");
        assertThat(sum(split)).isEqualByComparingTo("100.05");
    }

    private static BigDecimal sum(List<InstalmentRequest> split) {
        return split.stream().map(InstalmentRequest::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
