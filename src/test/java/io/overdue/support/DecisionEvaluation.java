package io.overdue.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;

/**
 * One evaluation of a deployed decision with the rules that decided it, read from the engine's decision history
 * (so the engine under test must record history at level full): tests of a decision table check which rule
 * answered, not only the outputs, since two rules may give the same outputs for different reasons.
 *
 * @param rulesByDecision the matched rule ids of every decision evaluated, required ones included
 */
public record DecisionEvaluation(DmnDecisionResult result, Map<String, List<String>> rulesByDecision) {

    public static DecisionEvaluation evaluate(ProcessEngineServices engine, String decisionKey, Map<String, Object> variables) {
        Set<String> before = historicDecisions(engine).stream().map(HistoricDecisionInstance::getId).collect(Collectors.toSet());
        DmnDecisionResult result = engine.getDecisionService().evaluateDecisionByKey(decisionKey).variables(variables).evaluate();
        Map<String, List<String>> rules = new HashMap<>();
        for (HistoricDecisionInstance instance : historicDecisions(engine)) {
            if (!before.contains(instance.getId())) {
                assertThat(rules).as("one instance per decision").doesNotContainKey(instance.getDecisionDefinitionKey());
                rules.put(instance.getDecisionDefinitionKey(),
                        instance.getOutputs().stream().map(HistoricDecisionOutputInstance::getRuleId).distinct().toList());
            }
        }
        assertThat(rules).containsKey(decisionKey);
        return new DecisionEvaluation(result, rules);
    }

    /** The one rule of {@code decisionKey} that matched; null when none did. */
    public String rule(String decisionKey) {
        List<String> rules = rulesByDecision.getOrDefault(decisionKey, List.of());
        assertThat(rules).as("matched rules of " + decisionKey).hasSizeLessThanOrEqualTo(1);
        return rules.isEmpty() ? null : rules.get(0);
    }

    public <T> T get(String output) {
        return result.isEmpty() ? null : result.getSingleResult().getEntry(output);
    }

    private static List<HistoricDecisionInstance> historicDecisions(ProcessEngineServices engine) {
        return engine.getHistoryService().createHistoricDecisionInstanceQuery().includeOutputs().list();
    }
}
