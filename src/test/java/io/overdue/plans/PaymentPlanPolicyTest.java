package io.overdue.plans;

import static org.assertj.core.api.Assertions.assertThat;

import io.overdue.charges.RateKind;
import io.overdue.customers.CustomerKind;
import io.overdue.plans.PaymentPlanPolicy.Approvals;
import io.overdue.plans.PaymentPlanPolicy.CustomerKinds;
import io.overdue.plans.PaymentPlanPolicy.Decisions;
import io.overdue.plans.PaymentPlanPolicy.FeeKinds;
import io.overdue.plans.PaymentPlanPolicy.Inputs;
import io.overdue.plans.PaymentPlanPolicy.Outputs;
import io.overdue.plans.PaymentPlanPolicy.Presets;
import io.overdue.plans.PaymentPlanPolicy.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DecisionRequirementsDefinition;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import io.overdue.support.DecisionEvaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plain-engine tests of the payment-plan policy (no Spring context): the decisions are evaluated through the
 * requirements graph, as callers will, and the rule that decided is read back from the decision history.
 */
@Deployment(resources = PaymentPlanPolicy.RESOURCE)
class PaymentPlanPolicyTest {

  @RegisterExtension
  static ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

  // --- every rule ----------------------------------------------------------------------------------

  private record Scenario(String decisionKey, Facts facts, String expectedRule) {}

  /** One case per rule; the test below holds the list to covering every rule of every table. */
  private static List<Scenario> scenarios() {
    return List.of(
        new Scenario(Decisions.PRESET, Facts.in("NO"), Rules.PRESET_NO),
        new Scenario(Decisions.PRESET, Facts.in("SJ"), Rules.PRESET_NO),
        new Scenario(Decisions.PRESET, Facts.in("SE"), Rules.PRESET_SE),
        new Scenario(Decisions.PRESET, Facts.in("DE"), Rules.PRESET_EU),

        new Scenario(Decisions.LIMITS, Facts.in("NO").business().claim(100_000), Rules.LIMITS_NO_BUSINESS_LARGE),
        new Scenario(Decisions.LIMITS, Facts.in("NO").business().claim(99_999.99), Rules.LIMITS_NO_BUSINESS),
        new Scenario(Decisions.LIMITS, Facts.in("NO").consumer().claim(10_000), Rules.LIMITS_NO_CONSUMER_LARGE),
        new Scenario(Decisions.LIMITS, Facts.in("NO").consumer().claim(9_999.99), Rules.LIMITS_NO_CONSUMER),
        new Scenario(Decisions.LIMITS, Facts.in("SE").business().claim(100_000), Rules.LIMITS_SE_BUSINESS_LARGE),
        new Scenario(Decisions.LIMITS, Facts.in("SE").business().claim(99_999.99), Rules.LIMITS_SE_BUSINESS),
        new Scenario(Decisions.LIMITS, Facts.in("SE").consumer().claim(10_000), Rules.LIMITS_SE_CONSUMER_LARGE),
        new Scenario(Decisions.LIMITS, Facts.in("SE").consumer().claim(9_999.99), Rules.LIMITS_SE_CONSUMER),
        new Scenario(Decisions.LIMITS, Facts.in("DE").business().claim(10_000), Rules.LIMITS_EU_BUSINESS_LARGE),
        new Scenario(Decisions.LIMITS, Facts.in("DE").business().claim(9_999.99), Rules.LIMITS_EU_BUSINESS),
        new Scenario(Decisions.LIMITS, Facts.in("FR").consumer().claim(1_000), Rules.LIMITS_EU_CONSUMER_LARGE),
        new Scenario(Decisions.LIMITS, Facts.in("FR").consumer().claim(999.99), Rules.LIMITS_EU_CONSUMER),

        new Scenario(Decisions.APPROVAL, Facts.in("NO").consumer().plan(2, 30).broken(1), Rules.APPROVAL_BROKEN_BEFORE),
        new Scenario(Decisions.APPROVAL, Facts.in("NO").business().claim(100_000), Rules.APPROVAL_NO_BUSINESS_LARGE),
        new Scenario(Decisions.APPROVAL, Facts.in("NO").consumer().claim(20_000), Rules.APPROVAL_NO_CONSUMER_LARGE),
        new Scenario(Decisions.APPROVAL, Facts.in("SE").business().claim(100_000), Rules.APPROVAL_SE_BUSINESS_LARGE),
        new Scenario(Decisions.APPROVAL, Facts.in("SE").consumer().claim(20_000), Rules.APPROVAL_SE_CONSUMER_LARGE),
        new Scenario(Decisions.APPROVAL, Facts.in("DE").business().claim(10_000), Rules.APPROVAL_EU_BUSINESS_LARGE),
        new Scenario(Decisions.APPROVAL, Facts.in("DE").consumer().claim(2_000), Rules.APPROVAL_EU_CONSUMER_LARGE),
        new Scenario(Decisions.APPROVAL, Facts.in("NO").consumer().plan(7, 180), Rules.APPROVAL_MANY_INSTALMENTS),
        new Scenario(Decisions.APPROVAL, Facts.in("NO").consumer().plan(6, 181), Rules.APPROVAL_LONG),
        new Scenario(Decisions.APPROVAL, Facts.in("NO").consumer().plan(6, 180), Rules.APPROVAL_AUTOMATIC),
        new Scenario(Decisions.APPROVAL, Facts.in("NO").consumer().plan(null, 30), Rules.APPROVAL_MANAGER));
  }

  @Test
  void everyRuleOfEveryTableIsHitByAScenario() {
    Set<String> hit = new HashSet<>();
    for (Scenario scenario : scenarios()) {
      DecisionEvaluation evaluation = evaluate(scenario.decisionKey(), scenario.facts());
      assertThat(evaluation.rule(scenario.decisionKey())).as(scenario.toString()).isEqualTo(scenario.expectedRule());
      evaluation.rulesByDecision().values().forEach(hit::addAll);
    }
    // The limits catch-all serves only a preset without rows of its own, which the shipped file never gives.
    Set<String> shippedRules = ruleIdsOfTheDeployedModel();
    assertThat(hit).doesNotContain(Rules.LIMITS_DEFAULT);
    deployWithDenmarkMappedToAPresetWithoutRows();
    DecisionEvaluation unmapped = evaluate(Decisions.LIMITS, Facts.in("DK").consumer().claim(500));
    assertThat(unmapped.rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_DEFAULT);
    hit.add(unmapped.rule(Decisions.LIMITS));
    assertThat(hit).containsExactlyInAnyOrderElementsOf(shippedRules);
  }

  @Test
  void theRuleConstantsAreExactlyTheRulesOfTheFile() throws IllegalAccessException {
    Set<String> constants = new HashSet<>();
    for (Field field : Rules.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        constants.add((String) field.get(null));
      }
    }
    assertThat(constants).containsExactlyInAnyOrderElementsOf(ruleIdsOfTheDeployedModel());
  }

  // --- limits, preset by preset ----------------------------------------------------------------------
  // Each line: maxLength | minInstalment | maxInstalments | reminderBefore | grace | missedDeadline | acceptance | fee | hold

  @Test
  void norwayLimits() {
    assertThat(limits(Facts.in("NO").consumer().claim(5_000))).isEqualTo("90 | 300 | 3 | 3 | 3 | 10 | 14 | NONE | released");
    assertThat(limits(Facts.in("NO").consumer().claim(50_000))).isEqualTo("365 | 500 | 12 | 3 | 3 | 10 | 14 | NONE | released");
    assertThat(limits(Facts.in("NO").business().claim(50_000))).isEqualTo("180 | 2000 | 6 | 3 | 3 | 7 | 10 | NONE | released");
    assertThat(limits(Facts.in("NO").business().claim(500_000))).isEqualTo("365 | 5000 | 12 | 3 | 3 | 7 | 10 | NONE | kept");
  }

  @Test
  void swedenLimitsChargeThePlanFeeToConsumersOnly() {
    assertThat(limits(Facts.in("SE").consumer().claim(5_000)))
        .isEqualTo("90 | 300 | 3 | 3 | 3 | 10 | 14 | PAYMENT_PLAN_FEE | released");
    assertThat(limits(Facts.in("SE").consumer().claim(50_000)))
        .isEqualTo("365 | 500 | 12 | 3 | 3 | 10 | 14 | PAYMENT_PLAN_FEE | released");
    // Businesses: the förseningsersättning replaces the other collection fees.
    assertThat(limits(Facts.in("SE").business().claim(50_000))).isEqualTo("180 | 2000 | 6 | 3 | 3 | 7 | 10 | NONE | released");
    assertThat(limits(Facts.in("SE").business().claim(500_000))).isEqualTo("365 | 5000 | 12 | 3 | 3 | 7 | 10 | NONE | kept");
  }

  @Test
  void euDefaultLimitsInEuros() {
    assertThat(limits(Facts.in("FR").consumer().claim(500))).isEqualTo("90 | 30 | 3 | 3 | 3 | 10 | 14 | NONE | released");
    assertThat(limits(Facts.in("FR").consumer().claim(5_000))).isEqualTo("365 | 50 | 12 | 3 | 3 | 10 | 14 | NONE | released");
    assertThat(limits(Facts.in("DE").business().claim(5_000))).isEqualTo("180 | 200 | 6 | 3 | 3 | 7 | 10 | NONE | released");
    assertThat(limits(Facts.in("DE").business().claim(50_000))).isEqualTo("365 | 500 | 12 | 3 | 3 | 7 | 10 | NONE | kept");
  }

  @Test
  void limitsThresholdsAreInclusiveFromTheFigure() {
    assertThat(evaluate(Decisions.LIMITS, Facts.in("NO").consumer().claim(9_999.99)).rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_NO_CONSUMER);
    assertThat(evaluate(Decisions.LIMITS, Facts.in("NO").consumer().claim(10_000)).rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_NO_CONSUMER_LARGE);
    assertThat(evaluate(Decisions.LIMITS, Facts.in("SE").business().claim(99_999.99)).rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_SE_BUSINESS);
    assertThat(evaluate(Decisions.LIMITS, Facts.in("SE").business().claim(100_000)).rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_SE_BUSINESS_LARGE);
    assertThat(evaluate(Decisions.LIMITS, Facts.in("IT").consumer().claim(999.99)).rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_EU_CONSUMER);
    assertThat(evaluate(Decisions.LIMITS, Facts.in("IT").consumer().claim(1_000)).rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_EU_CONSUMER_LARGE);
    assertThat(evaluate(Decisions.LIMITS, Facts.in("IT").business().claim(9_999.99)).rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_EU_BUSINESS);
    assertThat(evaluate(Decisions.LIMITS, Facts.in("IT").business().claim(10_000)).rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_EU_BUSINESS_LARGE);
  }

  @Test
  void missingFactsGetTheConsumerOrSmallClaimRules() {
    // Anyone not marked BUSINESS gets the consumer rules; a missing claim gets the small-claim limits.
    DecisionEvaluation noKind = evaluate(Decisions.LIMITS, Facts.in("SE").kind(null).claim(50_000));
    assertThat(noKind.rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_SE_CONSUMER_LARGE);
    assertThat((String) noKind.get(Outputs.PLAN_FEE_KIND)).isEqualTo(FeeKinds.PAYMENT_PLAN_FEE);
    assertThat(evaluate(Decisions.LIMITS, Facts.in("NO").business().claim(null)).rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_NO_BUSINESS);
    DecisionEvaluation noCountry = evaluate(Decisions.LIMITS, Facts.in(null).consumer().claim(500));
    assertThat(noCountry.rule(Decisions.PRESET)).isEqualTo(Rules.PRESET_EU);
    assertThat(noCountry.rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_EU_CONSUMER);
  }

  @Test
  void everyLimitsRowIsSane() {
    for (Facts facts : limitFactsForEveryPresetKindAndSize()) {
      DecisionEvaluation limits = evaluate(Decisions.LIMITS, facts);
      int maxLength = limits.get(Outputs.MAX_LENGTH_DAYS);
      int maxInstalments = limits.get(Outputs.MAX_INSTALMENTS);
      int reminderBefore = limits.get(Outputs.REMINDER_DAYS_BEFORE);
      int grace = limits.get(Outputs.GRACE_DAYS);
      int missed = limits.get(Outputs.MISSED_DEADLINE_DAYS);
      int acceptance = limits.get(Outputs.ACCEPTANCE_DAYS);
      assertThat(maxInstalments).as(facts.toString()).isBetween(2, 12);
      // At least a month between instalments on average: instalments are monthly or rarer.
      assertThat(maxLength).as(facts.toString()).isGreaterThanOrEqualTo((maxInstalments - 1) * 30);
      assertThat(reminderBefore).as(facts.toString()).isBetween(1, 7);
      assertThat(grace).as(facts.toString()).isBetween(0, 7);
      assertThat(missed).as(facts.toString()).isBetween(7, 14);
      assertThat(acceptance).as(facts.toString()).isBetween(7, 30);
      assertThat((Double) limits.get(Outputs.MIN_INSTALMENT)).as(facts.toString()).isPositive();
      String fee = limits.get(Outputs.PLAN_FEE_KIND);
      assertThat(fee).isIn(FeeKinds.NONE, FeeKinds.PAYMENT_PLAN_FEE);
      if (!Presets.SWEDEN.equals(limits.rulesByDecision().get(Decisions.PRESET).get(0).substring("Rule_PlanPreset_".length()))
          || CustomerKinds.BUSINESS.equals(facts.variables.get(Inputs.CUSTOMER_KIND))) {
        assertThat(fee).as("only Swedish consumers pay a plan fee: " + facts).isEqualTo(FeeKinds.NONE);
      }
      if (!CustomerKinds.BUSINESS.equals(facts.variables.get(Inputs.CUSTOMER_KIND))) {
        assertThat((Boolean) limits.get(Outputs.CREDIT_HOLD_WHILE_KEPT)).as("consumers have no credit hold to keep").isFalse();
      }
    }
  }

  @Test
  void outputTypes() {
    DecisionEvaluation limits = evaluate(Decisions.LIMITS, Facts.in("SE").consumer().claim(5_000));
    Map<String, Class<?>> types = Map.of(Outputs.MAX_LENGTH_DAYS, Integer.class, Outputs.MIN_INSTALMENT, Double.class,
        Outputs.MAX_INSTALMENTS, Integer.class, Outputs.REMINDER_DAYS_BEFORE, Integer.class, Outputs.GRACE_DAYS, Integer.class,
        Outputs.MISSED_DEADLINE_DAYS, Integer.class, Outputs.ACCEPTANCE_DAYS, Integer.class, Outputs.PLAN_FEE_KIND, String.class,
        Outputs.CREDIT_HOLD_WHILE_KEPT, Boolean.class);
    assertThat(limits.result().getSingleResult().getEntryMap()).hasSameSizeAs(types.keySet());
    types.forEach((name, type) -> assertThat((Object) limits.get(name)).as(name).isInstanceOf(type));

    DecisionEvaluation approval = evaluate(Decisions.APPROVAL, Facts.in("SE").consumer().plan(3, 60));
    assertThat(approval.result().getSingleResult().getEntryMap()).containsOnlyKeys(Outputs.APPROVAL, Outputs.REASON);
    assertThat((Object) approval.get(Outputs.APPROVAL)).isInstanceOf(String.class);
    assertThat((Object) approval.get(Outputs.REASON)).isInstanceOf(String.class);
  }

  @Test
  void theFeeKindIsTheRateTablesKind() {
    assertThat(RateKind.valueOf(FeeKinds.PAYMENT_PLAN_FEE)).isEqualTo(RateKind.PAYMENT_PLAN_FEE);
    assertThat(Arrays.stream(CustomerKind.values()).map(Enum::name))
        .containsExactlyInAnyOrder(CustomerKinds.BUSINESS, CustomerKinds.CONSUMER);
  }

  // --- approval ------------------------------------------------------------------------------------

  @Test
  void smallShortPlansAreApprovedAutomaticallyInEveryPreset() {
    for (String country : Arrays.asList("NO", "SJ", "SE", "DE", "FR", null)) {
      for (String kind : Arrays.asList(CustomerKinds.CONSUMER, CustomerKinds.BUSINESS, null)) {
        Facts facts = Facts.in(country).kind(kind).claim(1_500).plan(3, 60);
        assertThat(approval(facts)).as(facts.toString()).isEqualTo("AUTOMATIC " + Rules.APPROVAL_AUTOMATIC);
      }
    }
    // One instalment: length 0.
    assertThat(approval(Facts.in("NO").consumer().plan(1, 0))).isEqualTo("AUTOMATIC " + Rules.APPROVAL_AUTOMATIC);
  }

  @Test
  void largeClaimThresholdsPerPresetAndKind() {
    // Just below: automatic; at the figure: a manager.
    record Threshold(String country, String kind, double figure, String rule) {}
    for (Threshold t : List.of(
        new Threshold("NO", CustomerKinds.CONSUMER, 20_000, Rules.APPROVAL_NO_CONSUMER_LARGE),
        new Threshold("NO", CustomerKinds.BUSINESS, 100_000, Rules.APPROVAL_NO_BUSINESS_LARGE),
        new Threshold("SE", CustomerKinds.CONSUMER, 20_000, Rules.APPROVAL_SE_CONSUMER_LARGE),
        new Threshold("SE", CustomerKinds.BUSINESS, 100_000, Rules.APPROVAL_SE_BUSINESS_LARGE),
        new Threshold("DE", CustomerKinds.CONSUMER, 2_000, Rules.APPROVAL_EU_CONSUMER_LARGE),
        new Threshold("DE", CustomerKinds.BUSINESS, 10_000, Rules.APPROVAL_EU_BUSINESS_LARGE),
        new Threshold("DE", null, 2_000, Rules.APPROVAL_EU_CONSUMER_LARGE))) {
      assertThat(approval(Facts.in(t.country()).kind(t.kind()).claim(t.figure() - 0.01).plan(3, 60)))
          .as(t.toString()).isEqualTo("AUTOMATIC " + Rules.APPROVAL_AUTOMATIC);
      assertThat(approval(Facts.in(t.country()).kind(t.kind()).claim(t.figure()).plan(3, 60)))
          .as(t.toString()).isEqualTo("MANAGER " + t.rule());
    }
    // A business between the consumer and the business figure is not "large".
    assertThat(approval(Facts.in("NO").business().claim(50_000).plan(3, 60))).isEqualTo("AUTOMATIC " + Rules.APPROVAL_AUTOMATIC);
  }

  @Test
  void longPlansNeedAManager() {
    assertThat(approval(Facts.in("SE").consumer().plan(6, 180))).isEqualTo("AUTOMATIC " + Rules.APPROVAL_AUTOMATIC);
    assertThat(approval(Facts.in("SE").consumer().plan(7, 180))).isEqualTo("MANAGER " + Rules.APPROVAL_MANY_INSTALMENTS);
    assertThat(approval(Facts.in("SE").consumer().plan(6, 181))).isEqualTo("MANAGER " + Rules.APPROVAL_LONG);
    assertThat(approval(Facts.in("DE").business().plan(12, 365))).isEqualTo("MANAGER " + Rules.APPROVAL_MANY_INSTALMENTS);
  }

  @Test
  void aCustomerWhoBrokeAPlanBeforeAlwaysNeedsAManager() {
    for (String country : Arrays.asList("NO", "SE", "DE")) {
      DecisionEvaluation evaluation = evaluate(Decisions.APPROVAL, Facts.in(country).consumer().claim(100).plan(1, 0).broken(1));
      assertThat(evaluation.rule(Decisions.APPROVAL)).isEqualTo(Rules.APPROVAL_BROKEN_BEFORE);
      assertThat((String) evaluation.get(Outputs.APPROVAL)).isEqualTo(Approvals.MANAGER);
      assertThat((String) evaluation.get(Outputs.REASON)).containsIgnoringCase("broke");
    }
    // Before every other reason, so the log names the real one.
    assertThat(approval(Facts.in("NO").business().claim(500_000).plan(12, 365).broken(3)))
        .isEqualTo("MANAGER " + Rules.APPROVAL_BROKEN_BEFORE);
    assertThat(approval(Facts.in("NO").consumer().plan(2, 30).broken(0))).isEqualTo("AUTOMATIC " + Rules.APPROVAL_AUTOMATIC);
  }

  @Test
  void missingOrOddFactsNeverApproveAutomatically() {
    Facts small = Facts.in("NO").consumer().claim(1_000).plan(2, 30);
    assertThat(approval(small)).isEqualTo("AUTOMATIC " + Rules.APPROVAL_AUTOMATIC);
    for (Facts facts : List.of(small.claim(null), small.claim(0), small.plan(null, 30), small.plan(2, null),
        small.plan(0, 30), small.plan(2, -1), small.broken(null))) {
      DecisionEvaluation evaluation = evaluate(Decisions.APPROVAL, facts);
      assertThat(evaluation.rule(Decisions.APPROVAL)).as(facts.toString()).isEqualTo(Rules.APPROVAL_MANAGER);
      assertThat((String) evaluation.get(Outputs.APPROVAL)).isEqualTo(Approvals.MANAGER);
    }
  }

  @Test
  void everyApprovalRuleButOneAnswersManagerAndEveryRuleSaysWhy() {
    DecisionTable table = decisionTable(Decisions.APPROVAL);
    List<String> automatic = new ArrayList<>();
    for (Rule rule : table.getRules()) {
      String approval = rule.getOutputEntries().iterator().next().getText().getTextContent().trim();
      assertThat(approval).isIn("\"" + Approvals.AUTOMATIC + "\"", "\"" + Approvals.MANAGER + "\"");
      if (approval.contains(Approvals.AUTOMATIC)) {
        automatic.add(rule.getId());
      }
    }
    assertThat(automatic).containsExactly(Rules.APPROVAL_AUTOMATIC);
    for (String decisionKey : List.of(Decisions.PRESET, Decisions.LIMITS, Decisions.APPROVAL)) {
      DecisionTable t = decisionTable(decisionKey);
      assertThat(t.getHitPolicy()).as(decisionKey).isEqualTo(HitPolicy.FIRST);
      assertThat(t.getRules()).allSatisfy(rule ->
          assertThat(rule.getDescription() == null ? "" : rule.getDescription().getTextContent()).as(rule.getId()).hasSizeGreaterThan(20));
      // FIRST: the catch-all (every input cell empty) must be the last row, and the only one.
      List<Rule> rules = new ArrayList<>(t.getRules());
      List<String> catchAlls = rules.stream()
          .filter(rule -> rule.getInputEntries().stream().allMatch(e -> e.getText().getTextContent().trim().isEmpty()))
          .map(Rule::getId).toList();
      assertThat(catchAlls).as(decisionKey).containsExactly(rules.get(rules.size() - 1).getId());
    }
  }

  // --- catch-alls and manager copies ---------------------------------------------------------------

  @Test
  void aPresetWithoutRowsGetsTheCautiousLimitsAndAManager() {
    deployWithDenmarkMappedToAPresetWithoutRows();

    DecisionEvaluation limits = evaluate(Decisions.LIMITS, Facts.in("DK").consumer().claim(500));
    assertThat(limits.rule(Decisions.PRESET)).isEqualTo("Rule_PlanPreset_DK");
    assertThat(limits.rule(Decisions.LIMITS)).isEqualTo(Rules.LIMITS_DEFAULT);
    assertThat(line(limits)).isEqualTo("90 | 0 | 3 | 3 | 3 | 10 | 14 | NONE | released");

    DecisionEvaluation approval = evaluate(Decisions.APPROVAL, Facts.in("DK").consumer().claim(100).plan(1, 0));
    assertThat(approval.rule(Decisions.APPROVAL)).isEqualTo(Rules.APPROVAL_MANAGER);
    assertThat((String) approval.get(Outputs.APPROVAL)).isEqualTo(Approvals.MANAGER);
    // The shipped presets are unchanged.
    assertThat(approval(Facts.in("NO").consumer().claim(100).plan(1, 0))).isEqualTo("AUTOMATIC " + Rules.APPROVAL_AUTOMATIC);
  }

  /** What docs/payment-plan-policy.md warns about: a manager maps Denmark to a new preset before filling in its rows. */
  private void deployWithDenmarkMappedToAPresetWithoutRows() {
    String original;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(PaymentPlanPolicy.RESOURCE)) {
      original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String edited = original.replace("<rule id=\"" + Rules.PRESET_EU + "\">",
        "<rule id=\"Rule_PlanPreset_DK\">\n        <inputEntry id=\"UnaryTests_PlanPreset_DK_1\"><text>\"DK\"</text></inputEntry>\n"
            + "        <outputEntry id=\"LiteralExpression_PlanPreset_DK_1\"><text>\"DK_NEW\"</text></outputEntry>\n"
            + "      </rule>\n      <rule id=\"" + Rules.PRESET_EU + "\">");
    assertThat(edited).isNotEqualTo(original);
    extension.manageDeployment(extension.getRepositoryService().createDeployment()
        .name("payment-plan-policy").addString(PaymentPlanPolicy.RESOURCE, edited).deploy());
  }

  @Test
  void theDecisionsFormOneRequirementsGraphWithHistoryTimeToLive() throws IOException {
    DecisionRequirementsDefinition drd = extension.getRepositoryService().createDecisionRequirementsDefinitionQuery()
        .decisionRequirementsDefinitionKey(PaymentPlanPolicy.DRD_KEY).singleResult();
    assertThat(drd).isNotNull();
    assertThat(drd.getResourceName()).isEqualTo(PaymentPlanPolicy.RESOURCE);
    List<DecisionDefinition> decisions = extension.getRepositoryService().createDecisionDefinitionQuery()
        .decisionRequirementsDefinitionKey(PaymentPlanPolicy.DRD_KEY).list();
    assertThat(decisions).extracting(DecisionDefinition::getKey)
        .containsExactlyInAnyOrder(Decisions.PRESET, Decisions.LIMITS, Decisions.APPROVAL);
    assertThat(decisions).extracting(DecisionDefinition::getHistoryTimeToLive).containsOnly(365);
    String xml;
    try (InputStream in = extension.getRepositoryService().getResourceAsStream(drd.getDeploymentId(), PaymentPlanPolicy.RESOURCE)) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(xml).contains("modeler:executionPlatformVersion=\"7.24.0\"");
    for (String decision : List.of(Decisions.PRESET, Decisions.LIMITS, Decisions.APPROVAL)) {
      assertThat(xml).contains("<dmndi:DMNShape id=\"DMNShape_" + decision + "\" dmnElementRef=\"" + decision + "\">");
    }
  }

  // --- helpers -------------------------------------------------------------------------------------

  private static List<Facts> limitFactsForEveryPresetKindAndSize() {
    List<Facts> all = new ArrayList<>();
    for (String country : List.of("NO", "SE", "DE")) {
      for (String kind : Arrays.asList(CustomerKinds.CONSUMER, CustomerKinds.BUSINESS, null)) {
        for (double claim : new double[] {100, 5_000, 15_000, 150_000}) {
          all.add(Facts.in(country).kind(kind).claim(claim));
        }
      }
    }
    return all;
  }

  private String limits(Facts facts) {
    return line(evaluate(Decisions.LIMITS, facts));
  }

  private static String line(DecisionEvaluation limits) {
    Double min = limits.get(Outputs.MIN_INSTALMENT);
    return String.join(" | ", String.valueOf(limits.<Integer>get(Outputs.MAX_LENGTH_DAYS)),
        String.valueOf(min.longValue()), String.valueOf(limits.<Integer>get(Outputs.MAX_INSTALMENTS)),
        String.valueOf(limits.<Integer>get(Outputs.REMINDER_DAYS_BEFORE)), String.valueOf(limits.<Integer>get(Outputs.GRACE_DAYS)),
        String.valueOf(limits.<Integer>get(Outputs.MISSED_DEADLINE_DAYS)), String.valueOf(limits.<Integer>get(Outputs.ACCEPTANCE_DAYS)),
        limits.get(Outputs.PLAN_FEE_KIND), Boolean.TRUE.equals(limits.get(Outputs.CREDIT_HOLD_WHILE_KEPT)) ? "kept" : "released");
  }

  /** "AUTOMATIC Rule_…" or "MANAGER Rule_…": the answer and the rule that gave it. */
  private String approval(Facts facts) {
    DecisionEvaluation evaluation = evaluate(Decisions.APPROVAL, facts);
    String reason = evaluation.get(Outputs.REASON);
    assertThat(reason).as("every answer says why").isNotBlank();
    return evaluation.get(Outputs.APPROVAL) + " " + evaluation.rule(Decisions.APPROVAL);
  }

  /** The result of the evaluated decision, and the rule ids that matched in it and in the decisions it required. */
  /** The variables a caller passes; a copy on every change so that one base can serve several cases. */
  private static final class Facts {
    private final Map<String, Object> variables = new HashMap<>();

    /** A consumer with a small claim and a short plan: what the scenarios change one fact of. */
    static Facts in(String country) {
      Facts facts = new Facts();
      facts.variables.put(Inputs.COUNTRY, country);
      facts.variables.put(Inputs.CUSTOMER_KIND, CustomerKinds.CONSUMER);
      facts.variables.put(Inputs.CLAIM, 1_000.0);
      facts.variables.put(Inputs.INSTALMENTS, 3);
      facts.variables.put(Inputs.LENGTH_DAYS, 60);
      facts.variables.put(Inputs.PREVIOUS_BROKEN_PLANS, 0);
      return facts;
    }

    private Facts with(String name, Object value) {
      Facts copy = new Facts();
      copy.variables.putAll(variables);
      copy.variables.put(name, value);
      return copy;
    }

    Facts consumer() { return with(Inputs.CUSTOMER_KIND, CustomerKinds.CONSUMER); }
    Facts business() { return with(Inputs.CUSTOMER_KIND, CustomerKinds.BUSINESS); }
    Facts kind(String kind) { return with(Inputs.CUSTOMER_KIND, kind); }
    Facts claim(Number claim) { return with(Inputs.CLAIM, claim == null ? null : claim.doubleValue()); }
    Facts plan(Integer instalments, Integer lengthDays) {
      return with(Inputs.INSTALMENTS, instalments).with(Inputs.LENGTH_DAYS, lengthDays);
    }
    Facts broken(Integer previous) { return with(Inputs.PREVIOUS_BROKEN_PLANS, previous); }

    @Override
    public String toString() {
      return variables.toString();
    }
  }

  private DecisionEvaluation evaluate(String decisionKey, Facts facts) {
    DecisionEvaluation evaluation = DecisionEvaluation.evaluate(extension.getProcessEngine(), decisionKey, facts.variables);
    assertThat(evaluation.result().size()).as("FIRST with a catch-all: exactly one answer").isEqualTo(1);
    return evaluation;
  }


  private DmnModelInstance deployedModel() {
    DecisionDefinition definition = extension.getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey(Decisions.LIMITS).latestVersion().singleResult();
    return extension.getRepositoryService().getDmnModelInstance(definition.getId());
  }

  private Set<String> ruleIdsOfTheDeployedModel() {
    return deployedModel().getModelElementsByType(Rule.class).stream().map(Rule::getId).collect(Collectors.toSet());
  }

  private DecisionTable decisionTable(String decisionKey) {
    Decision decision = deployedModel().getModelElementById(decisionKey);
    return (DecisionTable) decision.getExpression();
  }
}
