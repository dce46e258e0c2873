package io.overdue.plans;

import io.overdue.customers.CustomerKind;
import io.overdue.plans.PaymentPlanPolicy.Approvals;
import io.overdue.plans.PaymentPlanPolicy.Decisions;
import io.overdue.plans.PaymentPlanPolicy.FeeKinds;
import io.overdue.plans.PaymentPlanPolicy.Inputs;
import io.overdue.plans.PaymentPlanPolicy.Outputs;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Asks the payment-plan policy ({@code bpmn/payment-plan-policy.dmn}) by decision key, so the latest deployed
 * version decides: a manager's change applies from the next evaluation on (docs/payment-plan-policy.md). The engine
 * evaluates the preset from the country first; we never pass a preset of our own.
 */
@Component
public class PaymentPlanDecisions {

    private final DecisionService decisions;

    PaymentPlanDecisions(DecisionService decisions) {
        this.decisions = decisions;
    }

    /**
     * What a plan may look like for this customer and claim; see {@link Outputs}.
     *
     * @param minInstalment in the claim's currency; zero means no minimum
     * @param planFeeKind   one of {@link FeeKinds}; the amount comes from the rate table
     * @param creditHoldWhileKept {@code true}: the credit hold stays while the plan runs; {@code false}: released
     *                            while the plan is kept
     */
    public record Limits(int maxLengthDays, BigDecimal minInstalment, int maxInstalments, int reminderDaysBefore,
                         int graceDays, int missedDeadlineDays, int acceptanceDays, String planFeeKind,
                         boolean creditHoldWhileKept) {

        public boolean chargesPlanFee() {
            return !FeeKinds.NONE.equals(planFeeKind);
        }
    }

    /** The policy's answer for a proposed plan: {@link Approvals#AUTOMATIC} or {@link Approvals#MANAGER}, and why. */
    public record Approval(String approval, String reason) {

        public boolean automatic() {
            return Approvals.AUTOMATIC.equals(approval);
        }
    }

    /**
     * @param country ISO 3166-1 alpha-2; unknown or null means the EU default
     * @param claim   the amount the plan is to pay (balance including fees and interest), in the claim's currency
     */
    public Limits limits(String country, CustomerKind customerKind, BigDecimal claim) {
        DmnDecisionResultEntries rule = single(Decisions.LIMITS, facts(country, customerKind, claim));
        Object minInstalment = rule.get(Outputs.MIN_INSTALMENT);
        if (!(minInstalment instanceof Number number)) {
            throw new IllegalStateException(message(Outputs.MIN_INSTALMENT, "a number", minInstalment));
        }
        Object feeKind = rule.get(Outputs.PLAN_FEE_KIND);
        return new Limits(integer(rule, Outputs.MAX_LENGTH_DAYS), amount(number),
                integer(rule, Outputs.MAX_INSTALMENTS), integer(rule, Outputs.REMINDER_DAYS_BEFORE),
                integer(rule, Outputs.GRACE_DAYS), integer(rule, Outputs.MISSED_DEADLINE_DAYS),
                integer(rule, Outputs.ACCEPTANCE_DAYS), feeKind == null ? FeeKinds.NONE : feeKind.toString(),
                Boolean.TRUE.equals(rule.get(Outputs.CREDIT_HOLD_WHILE_KEPT)));
    }

    /**
     * @param instalments         number of instalments proposed
     * @param lengthDays          days from the first to the last instalment date
     * @param previousBrokenPlans plans of this customer broken before; any missing fact sends the plan to a manager
     */
    public Approval approval(String country, CustomerKind customerKind, BigDecimal claim, Integer instalments,
                             Integer lengthDays, Integer previousBrokenPlans) {
        Map<String, Object> variables = facts(country, customerKind, claim);
        variables.put(Inputs.INSTALMENTS, instalments);
        variables.put(Inputs.LENGTH_DAYS, lengthDays);
        variables.put(Inputs.PREVIOUS_BROKEN_PLANS, previousBrokenPlans);
        DmnDecisionResultEntries rule = single(Decisions.APPROVAL, variables);
        Object approval = rule.get(Outputs.APPROVAL);
        if (!Approvals.AUTOMATIC.equals(approval) && !Approvals.MANAGER.equals(approval)) {
            throw new IllegalStateException(message(Outputs.APPROVAL, Approvals.AUTOMATIC + " or " + Approvals.MANAGER, approval));
        }
        Object reason = rule.get(Outputs.REASON);
        return new Approval((String) approval, reason == null ? "" : reason.toString());
    }

    private static Map<String, Object> facts(String country, CustomerKind customerKind, BigDecimal claim) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Inputs.COUNTRY, country);
        variables.put(Inputs.CUSTOMER_KIND, customerKind == null ? null : customerKind.name());
        // The tables compare doubles; amounts stay exact decimals everywhere else.
        variables.put(Inputs.CLAIM, claim == null ? null : claim.doubleValue());
        return variables;
    }

    /** Both tables end in a catch-all row, so no answer means the deployed file was changed badly. */
    private DmnDecisionResultEntries single(String decisionKey, Map<String, Object> variables) {
        DmnDecisionResult result = decisions.evaluateDecisionByKey(decisionKey).variables(variables).evaluate();
        if (result.isEmpty()) {
            throw new IllegalStateException("The payment-plan policy's " + decisionKey
                    + " gave no answer; its last row must be a catch-all (bpmn/payment-plan-policy.dmn)");
        }
        return result.getSingleResult();
    }

    /** 500.0 → 500, 49.5 → 49.5: the figure as a manager typed it. */
    private static BigDecimal amount(Number number) {
        BigDecimal amount = new BigDecimal(number.toString()).stripTrailingZeros();
        return amount.scale() < 0 ? amount.setScale(0) : amount;
    }

    private static int integer(DmnDecisionResultEntries rule, String output) {
        Object value = rule.get(output);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException(message(output, "a number", value));
        }
        return number.intValue();
    }

    private static String message(String output, String expected, Object value) {
        return "The payment-plan policy's output " + output + " must be " + expected + ", was " + value
                + "; check bpmn/payment-plan-policy.dmn";
    }
}
