package io.overdue.dunning;

import com.fasterxml.jackson.databind.JsonNode;
import io.overdue.dunning.CollectionCaseProcess.CallOutcomes;
import io.overdue.dunning.CollectionCaseProcess.ContactResults;
import io.overdue.dunning.CollectionCaseProcess.DisputeResolutions;
import io.overdue.dunning.CollectionCaseProcess.EscalationDecisions;
import io.overdue.dunning.CollectionCaseProcess.Forms;
import io.overdue.dunning.CollectionCaseProcess.TaskFacts;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import org.junit.jupiter.api.Test;

import static io.overdue.support.CamundaFormFiles.*;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five Camunda Forms of the collection case against {@link CollectionCaseProcess}: ids, keys, values,
 * read-only facts, required answers, and when the conditional fields show. Plain JSON, no engine: a form
 * edited in the Modeler that drifts from the contract fails here, not in a collector's Tasklist.
 */
class CollectionCaseFormsTest {

    static final List<String> RESOURCES = Forms.RESOURCES;


    /** Shown on every form, read-only: the six invoice facts and every {@link TaskFacts} key. */
    private static final Set<String> FACTS = union(Set.of(Variables.INVOICE_NUMBER, Variables.CUSTOMER_NUMBER,
            Variables.CUSTOMER_NAME, Variables.OPEN_BALANCE, Variables.CURRENCY, Variables.DUE_DATE), constants(TaskFacts.class));
    private static final Set<String> MULTI_LINE_FACTS = Set.of(TaskFacts.CHARGES, TaskFacts.CONTACTS,
            TaskFacts.OPEN_INVOICES, TaskFacts.LAST_CONTACTS, TaskFacts.PROMISES_AND_DISPUTES, Variables.DISPUTE_REASON);

    private static final Map<String, Class<?>> VALUES = Map.of(
            Variables.CONTACT_RESULT, ContactResults.class,
            Variables.CALL_OUTCOME, CallOutcomes.class,
            Variables.DISPUTE_RESOLUTION, DisputeResolutions.class,
            Variables.ESCALATION_DECISION, EscalationDecisions.class);

    /** Per form: read-only keys beyond {@link #FACTS}, and the keys that must be answered (when shown). */
    private static final Map<String, Set<String>> READ_ONLY = Map.of(
            Forms.RESOLVE_DISPUTE_RESOURCE, Set.of(Variables.DISPUTE_REASON, Variables.DISPUTED_AMOUNT));
    private static final Map<String, Set<String>> REQUIRED = Map.of(
            Forms.CALL_CUSTOMER_RESOURCE, Set.of(Variables.CONTACT_RESULT, Variables.CALL_OUTCOME,
                    Variables.PROMISED_PAYMENT_DATE, Variables.DISPUTE_REASON),
            Forms.RESOLVE_DISPUTE_RESOURCE, Set.of(Variables.DISPUTE_RESOLUTION, Variables.RESOLUTION_NOTES),
            Forms.DECIDE_ESCALATION_RESOURCE, Set.of(Variables.ESCALATION_DECISION, Variables.ESCALATION_REASON),
            Forms.PREPARE_LEGAL_ACTION_RESOURCE, Set.of(Variables.LEGAL_ACTION_NOTES));
    /** Per form: the keys the collector or manager answers (not read-only). */
    private static final Map<String, Set<String>> ANSWERS = Forms.ANSWERS;


    @ParameterizedTest
    @FieldSource("RESOURCES")
    void theFormsIdIsTheConstantNamedBesideItsFile(String resource) throws Exception {
        JsonNode form = read(resource);
        assertThat(form.path("id").asText()).isEqualTo(idOf(Forms.class, resource));
        assertThat(form.path("type").asText()).isEqualTo("default");
        assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
        assertThat(form.path("executionPlatformVersion").asText()).startsWith("7.24");
        assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);
    }

    @ParameterizedTest
    @FieldSource("RESOURCES")
    void everyKeyIsAVariableOrATaskFactAndAppearsOnce(String resource) throws Exception {
        List<JsonNode> components = components(resource);
        Set<String> known = union(constants(Variables.class), constants(TaskFacts.class));
        List<String> keys = components.stream().filter(c -> c.has("key")).map(c -> c.get("key").asText()).toList();
        assertThat(known).containsAll(keys);
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(components.stream().map(c -> c.path("id").asText()).toList()).doesNotHaveDuplicates().doesNotContain("");
        assertThat(components).allSatisfy(c -> assertThat(SUPPORTED_TYPES).contains(c.path("type").asText()));
        assertThat(components).filteredOn(c -> INPUT_TYPES.contains(c.path("type").asText()))
                .allSatisfy(c -> assertThat(c.has("key")).as(c.path("id").asText()).isTrue());
    }

    @ParameterizedTest
    @FieldSource("RESOURCES")
    void choicesOfferExactlyTheValuesTheModelKnows(String resource) throws Exception {
        List<JsonNode> choices = components(resource).stream()
                .filter(c -> Set.of("radio", "select").contains(c.path("type").asText())).toList();
        assertThat(choices).allSatisfy(choice -> {
            String key = choice.path("key").asText();
            assertThat(VALUES).as("a values class for " + key).containsKey(key);
            List<String> values = new ArrayList<>();
            choice.path("values").forEach(v -> values.add(v.path("value").asText()));
            assertThat(values).as(key).containsExactlyInAnyOrderElementsOf(constants(VALUES.get(key)));
            choice.path("values").forEach(v -> assertThat(v.path("label").asText()).isNotBlank());
            if (choice.has("defaultValue")) {
                assertThat(values).contains(choice.get("defaultValue").asText());
            }
        });
    }

    @ParameterizedTest
    @FieldSource("RESOURCES")
    void factsAreShownReadOnlyAndAnswersAreEditable(String resource) throws Exception {
        Map<String, JsonNode> fields = fields(resource);
        Set<String> readOnly = union(FACTS, READ_ONLY.getOrDefault(resource, Set.of()));
        assertThat(fields.keySet()).containsAll(readOnly);
        Set<String> disabled = fields.values().stream().filter(c -> c.path("disabled").asBoolean())
                .map(c -> c.get("key").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(disabled).isEqualTo(new TreeSet<>(readOnly));
        assertThat(readOnly).allSatisfy(key -> {
            JsonNode field = fields.get(key);
            assertThat(field.path("type").asText()).as(key).isEqualTo(MULTI_LINE_FACTS.contains(key) ? "textarea" : "textfield");
            assertThat(field.has("validate")).as(key).isFalse();
        });
        Set<String> answers = new TreeSet<>(fields.keySet());
        answers.removeAll(readOnly);
        assertThat(answers).isEqualTo(new TreeSet<>(ANSWERS.get(resource)));
    }

    @ParameterizedTest
    @FieldSource("RESOURCES")
    void theDecisiveAnswersAreRequired(String resource) throws Exception {
        Set<String> required = fields(resource).values().stream().filter(c -> c.path("validate").path("required").asBoolean())
                .map(c -> c.get("key").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(required).isEqualTo(new TreeSet<>(REQUIRED.get(resource)));
    }

    @ParameterizedTest
    @FieldSource("RESOURCES")
    void amountsAreDecimalsAboveZeroSubmittedAsText(String resource) throws Exception {
        assertThat(fields(resource).values()).filteredOn(c -> c.path("type").asText().equals("number")).allSatisfy(c -> {
            assertThat(c.path("serializeToString").asBoolean()).as(c.path("key").asText()).isTrue();
            assertThat(c.path("decimalDigits").asInt()).isEqualTo(2);
            assertThat(c.path("validate").path("min").decimalValue()).isPositive();
        });
        assertThat(fields(resource).values()).filteredOn(c -> c.path("type").asText().equals("datetime"))
                .allSatisfy(c -> assertThat(c.path("subtype").asText()).isEqualTo("date"));
    }

    @Test
    void theCallAsksTheBriefsQuestionsOnlyWhenTheCustomerWasReached() throws Exception {
        String form = Forms.CALL_CUSTOMER_RESOURCE;
        for (String result : constants(ContactResults.class)) {
            Map<String, Object> data = Map.of(Variables.CONTACT_RESULT, result, Variables.CALL_OUTCOME, CallOutcomes.NO_AGREEMENT);
            boolean reached = result.equals(ContactResults.REACHED);
            for (String question : List.of(Variables.INVOICE_RECEIVED, Variables.INVOICE_CORRECT, Variables.PAYMENT_METHOD,
                    Variables.CUSTOMER_SATISFIED)) {
                assertThat(shown(form, question, data)).as(question + " when " + result).isEqualTo(reached);
            }
        }
        // Before anything is chosen, the questions wait.
        assertThat(shown(form, Variables.INVOICE_CORRECT, Map.of())).isFalse();
    }

    @Test
    void theCallAsksForTheDetailsOfItsOutcome() throws Exception {
        String form = Forms.CALL_CUSTOMER_RESOURCE;
        Map<String, Set<String>> shownFor = Map.of(
                Variables.PROMISED_PAYMENT_DATE, Set.of(CallOutcomes.PROMISED_TO_PAY, CallOutcomes.PAID_ALREADY),
                Variables.PROMISED_AMOUNT, Set.of(CallOutcomes.PROMISED_TO_PAY),
                Variables.DISPUTE_REASON, Set.of(CallOutcomes.DISPUTED),
                Variables.DISPUTED_AMOUNT, Set.of(CallOutcomes.DISPUTED),
                Variables.CALL_NOTES, constants(CallOutcomes.class),
                Variables.CALL_OUTCOME, constants(CallOutcomes.class));
        assertShownFor(form, Variables.CALL_OUTCOME, shownFor);
        assertThat(fields(form).get(Variables.CALL_OUTCOME).path("defaultValue").asText()).isEqualTo(CallOutcomes.NO_AGREEMENT);
        assertThat(fields(form).get(Variables.PROMISED_PAYMENT_DATE).path("dateLabel").asText()).containsIgnoringCase("paid already");
    }

    @Test
    void theOtherDecisionsAskForTheirDetails() throws Exception {
        assertShownFor(Forms.RESOLVE_DISPUTE_RESOURCE, Variables.DISPUTE_RESOLUTION, Map.of(
                Variables.CREDIT_AMOUNT, Set.of(DisputeResolutions.UPHOLD),
                Variables.RESOLUTION_NOTES, constants(DisputeResolutions.class)));
        assertShownFor(Forms.DECIDE_ESCALATION_RESOURCE, Variables.ESCALATION_DECISION, Map.of(
                Variables.AGENCY_NAME, Set.of(EscalationDecisions.AGENCY),
                Variables.ESCALATION_REASON, constants(EscalationDecisions.class)));
    }

    @Test
    void everyConditionIsAFeelExpressionOverTheFormsOwnKeys() throws Exception {
        for (String resource : RESOURCES) {
            Set<String> keys = fields(resource).keySet();
            for (JsonNode component : components(resource)) {
                String hide = component.path("conditional").path("hide").asText(null);
                if (hide == null) {
                    continue;
                }
                assertThat(hide).as(component.path("id").asText()).startsWith("=");
                Map<String, Object> empty = new HashMap<>();
                keys.forEach(k -> empty.put(k, null));
                Object result = evaluate(hide, empty);
                assertThat(result).as(resource + " " + component.path("id").asText()).isInstanceOf(Boolean.class);
            }
        }
    }

    private static void assertShownFor(String resource, String choiceKey, Map<String, Set<String>> shownFor) throws Exception {
        for (String value : constants(VALUES.get(choiceKey))) {
            Map<String, Object> data = Map.of(Variables.CONTACT_RESULT, ContactResults.REACHED, choiceKey, value);
            shownFor.forEach((key, values) -> {
                try {
                    assertThat(shown(resource, key, data)).as(resource + ": " + key + " when " + value).isEqualTo(values.contains(value));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }
}
