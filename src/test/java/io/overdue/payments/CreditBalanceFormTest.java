package io.overdue.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.overdue.payments.CreditBalanceProcess.TaskFacts;
import io.overdue.payments.CreditBalanceProcess.Variables;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.overdue.support.CamundaFormFiles.SUPPORTED_TYPES;
import static io.overdue.support.CamundaFormFiles.components;
import static io.overdue.support.CamundaFormFiles.constants;
import static io.overdue.support.CamundaFormFiles.evaluate;
import static io.overdue.support.CamundaFormFiles.fields;
import static io.overdue.support.CamundaFormFiles.read;
import static io.overdue.support.CamundaFormFiles.shown;
import static org.assertj.core.api.Assertions.assertThat;

/** The form of the *Settle credit balance* task against {@link CreditBalanceProcess} and what the delegates read. */
class CreditBalanceFormTest {

    private static final String FORM = CreditBalanceProcess.FORM_RESOURCE;

    @Test
    void theFormHasTheIdItsTaskReferencesAndTasklistsSchema() throws Exception {
        JsonNode form = read(FORM);
        assertThat(form.path("id").asText()).isEqualTo(CreditBalanceProcess.FORM);
        assertThat(form.path("executionPlatformVersion").asText()).startsWith("7.24");
        assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);
        assertThat(components(FORM)).allSatisfy(c -> assertThat(SUPPORTED_TYPES).contains(c.path("type").asText()));
        assertThat(components(FORM).stream().map(c -> c.path("id").asText()).toList()).doesNotHaveDuplicates();
    }

    @Test
    void factsAreReadOnlyAndTheAnswersAreExactlyWhatTheBookingReads() throws Exception {
        Map<String, JsonNode> fields = fields(FORM);
        Set<String> disabled = fields.values().stream().filter(c -> c.path("disabled").asBoolean())
                .map(c -> c.get("key").asText()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> facts = new TreeSet<>(constants(TaskFacts.class));
        facts.add(Variables.SETTLEMENT_PROBLEMS);
        assertThat(disabled).isEqualTo(facts);
        Set<String> answers = new TreeSet<>(fields.keySet());
        answers.removeAll(facts);
        assertThat(answers).containsExactlyInAnyOrder(Variables.CREDIT_SETTLEMENT, Variables.OFFSET_INVOICE_NUMBER,
                Variables.REFUND_NOTE);
        Set<String> offered = new TreeSet<>();
        fields.get(Variables.CREDIT_SETTLEMENT).path("values").forEach(v -> offered.add(v.path("value").asText()));
        assertThat(offered).isEqualTo(Arrays.stream(CreditBalanceProcess.Settlement.values()).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void eachChoiceAsksForWhatItNeeds() throws Exception {
        Map<String, Object> offset = Map.of(Variables.CREDIT_SETTLEMENT, "OFFSET");
        Map<String, Object> refund = Map.of(Variables.CREDIT_SETTLEMENT, "REFUND");
        assertThat(shown(FORM, Variables.OFFSET_INVOICE_NUMBER, offset)).isTrue();
        assertThat(shown(FORM, Variables.OFFSET_INVOICE_NUMBER, refund)).isFalse();
        assertThat(shown(FORM, Variables.REFUND_NOTE, refund)).isTrue();
        assertThat(shown(FORM, Variables.REFUND_NOTE, offset)).isFalse();
        assertThat(shown(FORM, Variables.SETTLEMENT_PROBLEMS, Map.of())).isFalse();
        assertThat(shown(FORM, Variables.SETTLEMENT_PROBLEMS, Map.of(Variables.SETTLEMENT_PROBLEMS, "x"))).isTrue();
        Map<String, Object> empty = new HashMap<>();
        fields(FORM).keySet().forEach(k -> empty.put(k, null));
        for (JsonNode component : components(FORM)) {
            String hide = component.path("conditional").path("hide").asText(null);
            if (hide != null) {
                assertThat(evaluate(hide, empty)).as(component.path("id").asText()).isInstanceOf(Boolean.class);
            }
        }
    }
}
