package io.overdue.plans;

import io.overdue.charges.Charges;
import io.overdue.charges.FeeDecision;
import io.overdue.customers.CustomerRef;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * What a plan for an invoice may look like today: the claim (from the case), the policy's limits for this customer
 * and claim, and the plan fee the law allows (e.g. Sweden's SEK 170 for consumers), all in one place so that the
 * collector's form, the proposal step and the API agree.
 */
@Service
public class PlanTerms {

    private final InvoiceService invoices;
    private final CustomerService customers;
    private final ClaimSource claims;
    private final PaymentPlanDecisions decisions;
    private final Charges charges;
    private final Clock clock;
    private final ZoneId zone;

    PlanTerms(InvoiceService invoices, CustomerService customers, ClaimSource claims, PaymentPlanDecisions decisions,
              Charges charges, Clock clock, @Value("${overdue.dunning.zone:Europe/Oslo}") ZoneId zone) {
        this.invoices = invoices;
        this.customers = customers;
        this.claims = claims;
        this.decisions = decisions;
        this.charges = charges;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * @param policy        the policy's limits (PaymentPlanLimits) for this customer and claim
     * @param planFee       the plan fee that may be added, or null when the policy or the law allows none
     * @param noFeeBecause  why no fee may be added (null when one may)
     */
    public record Terms(Invoice invoice, CustomerRef customer, Claim claim, PaymentPlanDecisions.Limits policy,
                        BigDecimal planFee, String noFeeBecause) {

        public PlanLimits limits() {
            return new PlanLimits(Period.ofDays(policy.maxLengthDays()), policy.minInstalment());
        }

        /** The fee to add when {@code wanted}, or null; a fault on {@code field} when none may be added. */
        public BigDecimal fee(boolean wanted, String field, Violations violations) {
            if (wanted && planFee == null) {
                violations.add(field, noFeeBecause);
            }
            return wanted ? planFee : null;
        }

        /** A fault on {@code field} when the plan has more instalments than the policy allows this customer. */
        public void checkCount(int count, String field, Violations violations) {
            if (count > policy.maxInstalments()) {
                violations.add(field, "at most " + policy.maxInstalments() + " instalments for this customer and claim "
                        + "(the payment-plan policy), not " + count);
            }
        }
    }

    /** The terms for a new plan on the invoice now. */
    public Terms forInvoice(String invoiceNumber) {
        Invoice invoice = invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
        CustomerRef customer = customer(invoice);
        Claim claim = claims.claimOf(invoiceNumber);
        PaymentPlanDecisions.Limits policy = decisions.limits(customer.country(), customer.kind(), claim.total());
        FeeDecision fee = policy.chargesPlanFee() ? charges.paymentPlanFee(customer.country(), customer.kind(),
                LocalDate.now(clock.withZone(zone))) : null;
        return new Terms(invoice, customer, claim, policy, planFee(fee, claim.currency()),
                noFeeBecause(customer, policy, fee, claim.currency()));
    }

    /** The terms an existing plan runs under: the policy's limits for the claim it was made for. */
    public Terms forPlan(PaymentPlan plan) {
        Invoice invoice = invoices.find(plan.invoiceNumber())
                .orElseThrow(() -> new NotFoundException("Invoice", plan.invoiceNumber()));
        CustomerRef customer = customer(invoice);
        Claim claim = new Claim(plan.total(), plan.currency());
        PaymentPlanDecisions.Limits policy = decisions.limits(customer.country(), customer.kind(), claim.total());
        return new Terms(invoice, customer, claim, policy, plan.planFee(), null);
    }

    private CustomerRef customer(Invoice invoice) {
        return customers.ref(invoice.customerId()).orElseThrow(() -> new IllegalStateException(
                "customer of invoice " + invoice.invoiceNumber() + " is missing"));
    }

    /** A fee only where the policy names one and the rate table has it in the claim's currency. */
    private static BigDecimal planFee(FeeDecision fee, String currency) {
        return fee != null && fee.charged() && currency.equals(fee.currency()) && fee.amount().signum() > 0 ? fee.amount() : null;
    }

    private static String noFeeBecause(CustomerRef customer, PaymentPlanDecisions.Limits policy, FeeDecision fee,
                                       String currency) {
        String who = customer.kind() + " customers in " + customer.country();
        if (fee == null) {
            return "no plan fee applies to " + who + " (the payment-plan policy's planFeeKind is " + policy.planFeeKind() + ")";
        }
        if (!fee.charged()) {
            return "no plan fee applies to " + who + ": " + fee.explanation();
        }
        if (!currency.equals(fee.currency())) {
            return "the plan fee is in " + fee.currency() + ", the claim in " + currency;
        }
        return null;
    }
}
