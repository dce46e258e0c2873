package io.overdue.dunning;

import io.overdue.customers.CustomerKind;
import io.overdue.dunning.DunningPolicy.Decisions;
import io.overdue.dunning.DunningPolicy.Inputs;
import io.overdue.dunning.DunningPolicy.Outputs;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the dunning policy ({@code bpmn/dunning-policy.dmn}) by decision key, so the latest deployed version
 * decides: a manager's change applies to running cases from their next evaluation on (docs/dunning-policy.md).
 * The engine evaluates the preset from the country first; we never pass a preset of our own.
 */
@Component
class PolicyDecisions {

    private final DecisionService decisions;

    PolicyDecisions(DecisionService decisions) {
        this.decisions = decisions;
    }

    /**
     * The case facts the policy reads. A null {@code daysSinceDueDate} or {@code previousFeeNotices} never earns
     * a fee (the policy's own rule), so callers pass what they know.
     */
    record LevelFacts(String country, CustomerKind customerKind, BigDecimal principal, int level,
                      Integer daysSinceDueDate, Integer previousFeeNotices, Integer previousNotices,
                      boolean reminderFeeAgreed) {
    }

    /** One level of the policy as it applies to the facts; see {@link Outputs}. */
    record Level(int waitDays, List<String> channels, String template, String tone, String feeKind,
                 boolean showInterest, boolean showCompensation, boolean creditHold, boolean addressFinanceContact,
                 int deadlineDays, boolean lastLevel) {
    }

    record Courtesy(boolean wanted, int daysBeforeDue, List<String> channels) {
    }

    /** The level, or empty when the policy has no rule for it (it has no such level). */
    Optional<Level> level(LevelFacts facts) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Inputs.COUNTRY, facts.country());
        variables.put(Inputs.LEVEL, facts.level());
        variables.put(Inputs.CUSTOMER_KIND, facts.customerKind() == null ? null : facts.customerKind().name());
        // The table compares doubles; amounts stay exact decimals everywhere else.
        variables.put(Inputs.PRINCIPAL, facts.principal() == null ? null : facts.principal().doubleValue());
        variables.put(Inputs.DAYS_SINCE_DUE_DATE, facts.daysSinceDueDate());
        variables.put(Inputs.PREVIOUS_FEE_NOTICES, facts.previousFeeNotices());
        variables.put(Inputs.PREVIOUS_NOTICES, facts.previousNotices());
        variables.put(Inputs.REMINDER_FEE_AGREED, facts.reminderFeeAgreed());
        DmnDecisionResultEntries rule = first(Decisions.LEVEL, variables);
        if (rule == null) {
            return Optional.empty();
        }
        return Optional.of(new Level(integer(rule, Outputs.WAIT_DAYS), DunningPolicy.Channels.split((String) rule.get(Outputs.CHANNELS)),
                text(rule, Outputs.TEMPLATE), text(rule, Outputs.TONE),
                rule.get(Outputs.FEE_KIND) == null ? DunningPolicy.FeeKinds.NONE : (String) rule.get(Outputs.FEE_KIND),
                flag(rule, Outputs.SHOW_INTEREST), flag(rule, Outputs.SHOW_COMPENSATION), flag(rule, Outputs.CREDIT_HOLD),
                flag(rule, Outputs.ADDRESS_FINANCE_CONTACT), integer(rule, Outputs.DEADLINE_DAYS), flag(rule, Outputs.LAST_LEVEL)));
    }

    Courtesy courtesy(String country, CustomerKind customerKind, BigDecimal principal) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Inputs.COUNTRY, country);
        variables.put(Inputs.CUSTOMER_KIND, customerKind == null ? null : customerKind.name());
        variables.put(Inputs.PRINCIPAL, principal == null ? null : principal.doubleValue());
        DmnDecisionResultEntries rule = first(Decisions.COURTESY_REMINDER, variables);
        if (rule == null || !flag(rule, Outputs.SEND_COURTESY_REMINDER) || rule.get(Outputs.DAYS_BEFORE_DUE) == null) {
            return new Courtesy(false, 0, List.of());
        }
        return new Courtesy(true, integer(rule, Outputs.DAYS_BEFORE_DUE), DunningPolicy.Channels.split((String) rule.get(Outputs.CHANNELS)));
    }

    private DmnDecisionResultEntries first(String decisionKey, Map<String, Object> variables) {
        DmnDecisionResult result = decisions.evaluateDecisionByKey(decisionKey).variables(variables).evaluate();
        return result.getFirstResult();
    }

    private static String text(DmnDecisionResultEntries rule, String output) {
        Object value = rule.get(output);
        return value == null ? null : value.toString();
    }

    private static boolean flag(DmnDecisionResultEntries rule, String output) {
        return Boolean.TRUE.equals(rule.get(output));
    }

    private static int integer(DmnDecisionResultEntries rule, String output) {
        Object value = rule.get(output);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("The dunning policy's output " + output + " must be a number, was " + value
                    + "; check bpmn/dunning-policy.dmn");
        }
        return number.intValue();
    }
}
