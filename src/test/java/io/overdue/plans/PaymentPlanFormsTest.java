package io.overdue.plans;

import com.fasterxml.jackson.databind.JsonNode;
import io.overdue.plans.PaymentPlanProcess.Forms;
import io.overdue.plans.PaymentPlanProcess.TaskFacts;
import io.overdue.plans.PaymentPlanProcess.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.overdue.support.CamundaFormFiles.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three Camunda Forms of the payment plan against {@link PaymentPlanProcess} and what the delegates read: ids,
 * keys, the values each choice offers, read-only facts, required answers and when the conditional fields show.
 */
class PaymentPlanFormsTest {

    static final List<String> RESOURCES = Forms.RESOURCES;

    /** Shown read-only on every plan form. */
    private static final Set<String> FACTS = Set.of(Variables.INVOICE_NUMBER, TaskFacts.CUSTOMER_NAME, TaskFacts.CLAIM,
            TaskFacts.CURRENCY, TaskFacts.PLAN_TERMS);
    private static final Map<String, Set<String>> MORE_FACTS = Map.of(
            Forms.PROPOSE_PAYMENT_PLAN_RESOURCE, Set.of(TaskFacts.SUGGESTED_SPLIT, Variables.PROPOSAL_PROBLEMS),
            Forms.APPROVE_PAYMENT_PLAN_RESOURCE, Set.of(TaskFacts.PLAN_SUMMARY, Variables.PLAN_APPROVAL_REASON),
            Forms.CONFIRM_PAYMENT_PLAN_RESOURCE, Set.of(TaskFacts.PLAN_SUMMARY));
    /** What each form asks: exactly what the delegates read (and the listener clears or presets). */
    private static final Map<String, Set<String>> ANSWERS = Map.of(
            Forms.PROPOSE_PAYMENT_PLAN_RESOURCE, Set.of(Variables.PLAN_PROPOSAL, Variables.PLAN_SPLIT,
                    Variables.INSTALMENT_COUNT, Variables.FIRST_PAYMENT_DATE, Variables.PAYMENT_INTERVAL,
                    Variables.INSTALMENT_LINES, Variables.ADD_PLAN_FEE, Variables.PLAN_NOTES),
            Forms.APPROVE_PAYMENT_PLAN_RESOURCE, Set.of(Variables.PLAN_APPROVAL_DECISION, Variables.PLAN_APPROVAL_NOTES),
            Forms.CONFIRM_PAYMENT_PLAN_RESOURCE, Set.of(Variables.PLAN_CONFIRMATION, Variables.CONFIRMATION_NOTES));
    /** The values the model's conditions and the delegates compare with. */
    private static final Map<String, Set<String>> VALUES = Map.of(
            Variables.PLAN_PROPOSAL, Set.of("PROPOSE", "DECLINED"),
            Variables.PLAN_SPLIT, Set.of(PlanCourse.ProposalAnswers.EVEN_SPLIT, PlanCourse.ProposalAnswers.EXPLICIT),
            Variables.PAYMENT_INTERVAL, Set.of("P1M", "P14D", "P7D"),
            Variables.PLAN_APPROVAL_DECISION, Set.of("APPROVE", "REJECT"),
            Variables.PLAN_CONFIRMATION, Set.of("CONFIRMED", "WITHDRAWN"));

    @ParameterizedTest
    @FieldSource("RESOURCES")
    void eachFormHasTheIdItsTaskReferencesAndTasklistsSchema(String resource) throws Exception {
        assertTasklistForm(Forms.class, resource);
    }

    @ParameterizedTest
    @FieldSource("RESOURCES")
    void factsAreReadOnlyAndTheAnswersAreExactlyWhatTheStepsRead(String resource) throws Exception {
        Map<String, JsonNode> fields = fields(resource);
        Set<String> facts = union(FACTS, MORE_FACTS.get(resource));
        Set<String> disabled = fields.values().stream().filter(c -> c.path("disabled").asBoolean())
                .map(c -> c.get("key").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(disabled).isEqualTo(new TreeSet<>(facts));
        Set<String> answers = new TreeSet<>(fields.keySet());
        answers.removeAll(facts);
        assertThat(answers).isEqualTo(new TreeSet<>(ANSWERS.get(resource)));
    }

    @ParameterizedTest
    @FieldSource("RESOURCES")
    void choicesOfferExactlyTheValuesTheModelKnows(String resource) throws Exception {
        fields(resource).values().stream().filter(c -> Set.of("radio", "select").contains(c.path("type").asText()))
                .forEach(choice -> {
                    Set<String> values = new TreeSet<>();
                    choice.path("values").forEach(v -> values.add(v.path("value").asText()));
                    assertThat(values).as(choice.path("key").asText()).isEqualTo(new TreeSet<>(VALUES.get(choice.path("key").asText())));
                });
    }

    @ParameterizedTest
    @FieldSource("RESOURCES")
    void everyConditionIsAFeelExpressionGivingABoolean(String resource) throws Exception {
        assertConditionsGiveBooleans(resource);
    }

    @Test
    void theProposalAsksForTheSplitItsChoiceNeeds() throws Exception {
        String form = Forms.PROPOSE_PAYMENT_PLAN_RESOURCE;
        Map<String, Object> even = Map.of(Variables.PLAN_PROPOSAL, "PROPOSE", Variables.PLAN_SPLIT, "EVEN_SPLIT");
        Map<String, Object> own = Map.of(Variables.PLAN_PROPOSAL, "PROPOSE", Variables.PLAN_SPLIT, "EXPLICIT");
        Map<String, Object> declined = Map.of(Variables.PLAN_PROPOSAL, "DECLINED");
        for (String key : List.of(Variables.INSTALMENT_COUNT, Variables.FIRST_PAYMENT_DATE, Variables.PAYMENT_INTERVAL)) {
            assertThat(shown(form, key, even)).as(key).isTrue();
            assertThat(shown(form, key, own)).as(key).isFalse();
            assertThat(shown(form, key, declined)).as(key).isFalse();
        }
        assertThat(shown(form, Variables.INSTALMENT_LINES, own)).isTrue();
        assertThat(shown(form, Variables.INSTALMENT_LINES, even)).isFalse();
        assertThat(shown(form, Variables.ADD_PLAN_FEE, declined)).isFalse();
        assertThat(shown(form, Variables.PLAN_NOTES, declined)).isTrue();
        assertThat(shown(form, Variables.PROPOSAL_PROBLEMS, Map.of())).as("no problems, no box").isFalse();
        assertThat(shown(form, Variables.PROPOSAL_PROBLEMS, Map.of(Variables.PROPOSAL_PROBLEMS, "- instalments: ..."))).isTrue();
        assertThat(fields(form).get(Variables.PLAN_PROPOSAL).path("validate").path("required").asBoolean()).isTrue();
    }

    @Test
    void decisionsNeedTheirReasons() throws Exception {
        assertThat(fields(Forms.APPROVE_PAYMENT_PLAN_RESOURCE).get(Variables.PLAN_APPROVAL_NOTES).path("validate")
                .path("required").asBoolean()).isTrue();
        assertThat(fields(Forms.CONFIRM_PAYMENT_PLAN_RESOURCE).get(Variables.CONFIRMATION_NOTES).path("validate")
                .path("required").asBoolean()).isTrue();
    }
}
