package io.overdue.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.overdue.payments.MatchPaymentProcess.Decisions;
import io.overdue.payments.MatchPaymentProcess.Forms;
import io.overdue.payments.MatchPaymentProcess.TaskFacts;
import io.overdue.payments.MatchPaymentProcess.Variables;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.overdue.support.CamundaFormFiles.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Camunda Form of the task Match payment against {@link MatchPaymentProcess} and what the listener and the
 * booking step use: id, keys, the options of each choice, read-only facts, required answers, conditions.
 */
class MatchPaymentFormsTest {

    private static final String FORM = Forms.MATCH_PAYMENT_RESOURCE;

    /** What the form shows read-only: the payment (task-local facts), its id and why the last choice was refused. */
    private static final Set<String> FACTS = union(constants(TaskFacts.class), Set.of(Variables.PAYMENT_ID,
            Variables.MATCH_PROBLEMS));
    /** What the form asks: exactly what the model's gateway and the booking step read. */
    private static final Set<String> ANSWERS = Set.of(Variables.MATCH_DECISION, Variables.SUGGESTED_INVOICE,
            Variables.INVOICE_NUMBER, Variables.CREDIT_CUSTOMER_NUMBER);

    @Test
    void theFormHasTheIdItsTaskReferencesAndTasklistsSchema() throws Exception {
        assertTasklistForm(Forms.class, FORM);
    }

    @Test
    void factsAreReadOnlyAndTheAnswersAreExactlyWhatTheStepsRead() throws Exception {
        Map<String, JsonNode> fields = fields(FORM);
        Set<String> facts = new TreeSet<>(FACTS);
        facts.remove(TaskFacts.SUGGESTIONS); // the options of a choice, not a field
        Set<String> disabled = fields.values().stream().filter(c -> c.path("disabled").asBoolean())
                .map(c -> c.get("key").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(disabled).isEqualTo(facts);
        Set<String> answers = new TreeSet<>(fields.keySet());
        answers.removeAll(facts);
        assertThat(answers).isEqualTo(new TreeSet<>(ANSWERS));
        ANSWERS.forEach(key -> assertThat(fields.get(key).path("validate").path("required").asBoolean()).as(key).isTrue());
    }

    @Test
    void theDecisionOffersTheModelsOutcomesAndTheInvoiceTheSuggestionsTheListenerPuts() throws Exception {
        Map<String, JsonNode> fields = fields(FORM);
        Set<String> decisions = new TreeSet<>();
        fields.get(Variables.MATCH_DECISION).path("values").forEach(v -> decisions.add(v.path("value").asText()));
        assertThat(decisions).isEqualTo(constants(Decisions.class));
        JsonNode invoice = fields.get(Variables.SUGGESTED_INVOICE);
        assertThat(invoice.path("type").asText()).isEqualTo("radio");
        assertThat(invoice.path("valuesKey").asText()).isEqualTo(TaskFacts.SUGGESTIONS);
        assertThat(invoice.has("values")).as("options come from the task only").isFalse();
    }

    @Test
    void everyConditionIsAFeelExpressionGivingABoolean() throws Exception {
        assertConditionsGiveBooleans(FORM);
    }

    @Test
    void theInvoiceNumberIsAskedOnlyForAnotherInvoice() throws Exception {
        Map<String, Object> suggestion = Map.of(Variables.MATCH_DECISION, Decisions.BOOK_ON_INVOICE,
                Variables.SUGGESTED_INVOICE, "7001");
        Map<String, Object> another = Map.of(Variables.MATCH_DECISION, Decisions.BOOK_ON_INVOICE,
                Variables.SUGGESTED_INVOICE, Variables.ANOTHER_INVOICE);
        assertThat(shown(FORM, Variables.SUGGESTED_INVOICE, suggestion)).isTrue();
        assertThat(shown(FORM, Variables.INVOICE_NUMBER, suggestion)).isFalse();
        assertThat(shown(FORM, Variables.INVOICE_NUMBER, another)).isTrue();
        assertThat(shown(FORM, Variables.SUGGESTED_INVOICE, Map.of(Variables.MATCH_DECISION, "CREDIT_CUSTOMER")))
                .as("another outcome needs no invoice").isFalse();
        assertThat(shown(FORM, Variables.MATCH_PROBLEMS, Map.of())).as("no problems, no box").isFalse();
        assertThat(shown(FORM, Variables.MATCH_PROBLEMS, Map.of(Variables.MATCH_PROBLEMS, "- invoice 1 does not exist")))
                .isTrue();
        assertThat(fields(FORM).get(TaskFacts.UNMATCHED_REASON).path("type").asText()).isEqualTo("textarea");
    }

    @Test
    void keepingAsCreditAsksForTheCustomerOnly() throws Exception {
        Map<String, Object> credit = Map.of(Variables.MATCH_DECISION, Decisions.CREDIT_CUSTOMER);
        assertThat(shown(FORM, Variables.CREDIT_CUSTOMER_NUMBER, credit)).isTrue();
        assertThat(shown(FORM, Variables.INVOICE_NUMBER, credit)).isFalse();
        assertThat(shown(FORM, Variables.CREDIT_CUSTOMER_NUMBER, Map.of(Variables.MATCH_DECISION,
                Decisions.BOOK_ON_INVOICE))).isFalse();
    }
}
