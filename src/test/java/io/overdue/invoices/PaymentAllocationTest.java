package io.overdue.invoices;

import io.overdue.invoices.PaymentAllocation.Part;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-worked allocations: an invoice of NOK 1,000.00 with a reminder fee of 35.00 and interest of 5.20 claimed. */
class PaymentAllocationTest {

    private static final Owed OWED = new Owed("7001", "NOK", new BigDecimal("1000.00"), new BigDecimal("35.00"),
            new BigDecimal("5.20"));
    private static final List<Part> NORWEGIAN = AllocationProperties.NORWEGIAN_RULE;

    @Test
    void theInvoiceAmountAloneLeavesThePrincipalShortByTheCharges() {
        // 1,000.00 − 35.00 fee − 5.20 interest = 959.80 on the principal; 40.20 of it stays open
        assertAllocation(PaymentAllocation.of(new BigDecimal("1000.00"), OWED, NORWEGIAN), "35.00", "5.20", "959.80", "0.00");
    }

    @Test
    void aSmallPaymentCoversTheFeeFirstThenInterest() {
        assertAllocation(PaymentAllocation.of(new BigDecimal("20.00"), OWED, NORWEGIAN), "20.00", "0", "0", "0.00");
        assertAllocation(PaymentAllocation.of(new BigDecimal("38.00"), OWED, NORWEGIAN), "35.00", "3.00", "0", "0.00");
    }

    @Test
    void exactlyWhatIsOwedSettlesEverythingAndMoreIsCredit() {
        assertAllocation(PaymentAllocation.of(new BigDecimal("1040.20"), OWED, NORWEGIAN), "35.00", "5.20", "1000.00", "0.00");
        PaymentAllocation over = PaymentAllocation.of(new BigDecimal("1100.00"), OWED, NORWEGIAN);
        assertAllocation(over, "35.00", "5.20", "1000.00", "59.80");
        assertThat(over.applied()).isEqualByComparingTo("1040.20");
    }

    @Test
    void anotherOrderPaysThePrincipalFirst() {
        List<Part> principalFirst = List.of(Part.PRINCIPAL, Part.INTEREST, Part.COSTS);
        assertAllocation(PaymentAllocation.of(new BigDecimal("1003.00"), OWED, principalFirst), "0", "3.00", "1000.00", "0.00");
    }

    @Test
    void theOrderIsConfiguredPerCountryAndEveryPartMustBeNamedOnce() {
        AllocationProperties properties = new AllocationProperties(null,
                Map.of("GB", List.of(Part.INTEREST, Part.COSTS, Part.PRINCIPAL)));
        assertThat(properties.orderFor("NO")).isEqualTo(NORWEGIAN);
        assertThat(properties.orderFor("gb")).containsExactly(Part.INTEREST, Part.COSTS, Part.PRINCIPAL);
        assertThat(properties.orderFor(null)).isEqualTo(NORWEGIAN);
        assertThatThrownBy(() -> new AllocationProperties(List.of(Part.COSTS, Part.PRINCIPAL), null))
                .hasMessageContaining("overdue.allocation.order").hasMessageContaining("exactly once");
        assertThatThrownBy(() -> new AllocationProperties(null, Map.of("SE", List.of(Part.COSTS, Part.COSTS, Part.PRINCIPAL))))
                .hasMessageContaining("overdue.allocation.countries.SE");
    }

    private static void assertAllocation(PaymentAllocation actual, String costs, String interest, String principal,
                                         String credit) {
        assertThat(actual.costs()).as("costs").isEqualByComparingTo(costs);
        assertThat(actual.interest()).as("interest").isEqualByComparingTo(interest);
        assertThat(actual.principal()).as("principal").isEqualByComparingTo(principal);
        assertThat(actual.credit()).as("credit").isEqualByComparingTo(credit);
    }
}
