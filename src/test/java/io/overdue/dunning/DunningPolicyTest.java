package io.overdue.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import io.overdue.customers.CustomerKind;
import io.overdue.dunning.DunningPolicy.Channels;
import io.overdue.dunning.DunningPolicy.CustomerKinds;
import io.overdue.dunning.DunningPolicy.Decisions;
import io.overdue.dunning.DunningPolicy.FeeKinds;
import io.overdue.dunning.DunningPolicy.Inputs;
import io.overdue.dunning.DunningPolicy.Outputs;
import io.overdue.dunning.DunningPolicy.Presets;
import io.overdue.dunning.DunningPolicy.Rules;
import io.overdue.dunning.DunningPolicy.Templates;
import io.overdue.dunning.DunningPolicy.Tones;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DecisionRequirementsDefinition;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import io.overdue.support.DecisionEvaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plain-engine tests of the dunning policy (no Spring context): the decisions are evaluated through the
 * requirements graph, as callers will, and the rule that decided is read back from the decision history.
 */
@Deployment(resources = DunningPolicy.RESOURCE)
class DunningPolicyTest {

  @RegisterExtension
  static ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

  // --- every rule ----------------------------------------------------------------------------------

  /** One case per rule; the test below holds the list to covering every rule of every table. */
  private static List<Scenario> scenarios() {
    return List.of(
        new Scenario(Decisions.PRESET, Facts.in("NO"), Rules.PRESET_NO),
        new Scenario(Decisions.PRESET, Facts.in("SJ"), Rules.PRESET_NO),
        new Scenario(Decisions.PRESET, Facts.in("SE"), Rules.PRESET_SE),
        new Scenario(Decisions.PRESET, Facts.in("DE"), Rules.PRESET_EU),

        new Scenario(Decisions.LEVEL, Facts.in("NO").consumer().level(1).day(3), Rules.NO_1_REMINDER),
        new Scenario(Decisions.LEVEL, Facts.in("NO").business().principal(150_000).level(2).day(18),
            Rules.NO_2_BUSINESS_LARGE_AMOUNT),
        new Scenario(Decisions.LEVEL, Facts.in("NO").business().level(2).day(18), Rules.NO_2_BUSINESS),
        new Scenario(Decisions.LEVEL, Facts.in("NO").consumer().level(2).day(18), Rules.NO_2_REMINDER_WITH_FEE),
        new Scenario(Decisions.LEVEL, Facts.in("NO").consumer().level(2).day(13), Rules.NO_2_REMINDER_WITHOUT_FEE),
        new Scenario(Decisions.LEVEL, Facts.in("NO").business().level(3).day(33), Rules.NO_3_BUSINESS_INKASSOVARSEL),
        new Scenario(Decisions.LEVEL, Facts.in("NO").consumer().level(3).day(33).feeNotices(1),
            Rules.NO_3_INKASSOVARSEL_WITH_FEE),
        new Scenario(Decisions.LEVEL, Facts.in("NO").consumer().level(3).day(33).feeNotices(2),
            Rules.NO_3_INKASSOVARSEL_WITHOUT_FEE),

        new Scenario(Decisions.LEVEL, Facts.in("SE").consumer().level(1).day(3), Rules.SE_1_REMINDER),
        new Scenario(Decisions.LEVEL, Facts.in("SE").business().principal(150_000).level(2).day(14),
            Rules.SE_2_BUSINESS_LARGE_AMOUNT),
        new Scenario(Decisions.LEVEL, Facts.in("SE").business().level(2).day(14), Rules.SE_2_BUSINESS),
        new Scenario(Decisions.LEVEL, Facts.in("SE").consumer().feeAgreed(true).level(2).day(14),
            Rules.SE_2_PAMINNELSE_WITH_FEE),
        new Scenario(Decisions.LEVEL, Facts.in("SE").consumer().level(2).day(14), Rules.SE_2_REMINDER_WITHOUT_FEE),
        new Scenario(Decisions.LEVEL, Facts.in("SE").business().level(3).day(25), Rules.SE_3_BUSINESS_INKASSOKRAV),
        new Scenario(Decisions.LEVEL, Facts.in("SE").consumer().level(3).day(25), Rules.SE_3_INKASSOKRAV),

        new Scenario(Decisions.LEVEL, Facts.in("DE").consumer().level(1).day(3), Rules.EU_1_REMINDER),
        new Scenario(Decisions.LEVEL, Facts.in("DE").business().principal(10_000).level(2).day(18),
            Rules.EU_2_BUSINESS_LARGE_AMOUNT),
        new Scenario(Decisions.LEVEL, Facts.in("DE").business().principal(9_999.99).level(2).day(18),
            Rules.EU_2_BUSINESS),
        new Scenario(Decisions.LEVEL, Facts.in("FR").consumer().level(2).day(18), Rules.EU_2_REMINDER),
        new Scenario(Decisions.LEVEL, Facts.in("FR").business().level(3).day(33), Rules.EU_3_BUSINESS_FINAL_NOTICE),
        new Scenario(Decisions.LEVEL, Facts.in("FR").consumer().level(3).day(33), Rules.EU_3_FINAL_NOTICE),

        new Scenario(Decisions.COURTESY_REMINDER, Facts.in("NO").business().principal(50_000), Rules.COURTESY_NO_BUSINESS),
        new Scenario(Decisions.COURTESY_REMINDER, Facts.in("NO").consumer().principal(5_000), Rules.COURTESY_NO),
        new Scenario(Decisions.COURTESY_REMINDER, Facts.in("SE").business().principal(50_000), Rules.COURTESY_SE_BUSINESS),
        new Scenario(Decisions.COURTESY_REMINDER, Facts.in("SE").consumer().principal(5_000), Rules.COURTESY_SE),
        new Scenario(Decisions.COURTESY_REMINDER, Facts.in("FR").business().principal(5_000), Rules.COURTESY_EU_BUSINESS),
        new Scenario(Decisions.COURTESY_REMINDER, Facts.in("FR").consumer().principal(500), Rules.COURTESY_EU),
        new Scenario(Decisions.COURTESY_REMINDER, Facts.in("NO").consumer().principal(4_999.99), Rules.COURTESY_NONE));
  }

  @Test
  void everyRuleOfEveryTableIsHitByAScenario() {
    Set<String> hit = new HashSet<>();
    for (Scenario scenario : scenarios()) {
      DecisionEvaluation evaluation = evaluate(scenario.decisionKey(), scenario.facts());
      assertThat(evaluation.rule(scenario.decisionKey())).as(scenario.toString()).isEqualTo(scenario.expectedRule());
      evaluation.rulesByDecision().values().forEach(hit::addAll);
    }
    assertThat(hit).containsExactlyInAnyOrderElementsOf(ruleIdsOfTheDeployedModel());
  }

  // --- the presets, level by level -------------------------------------------------------------------
  // Each line: level | wait | days after due on sending | channels | template | tone | fee | deadline | flags

  @Test
  void norwayConsumer() {
    assertThat(sequence(Facts.in("NO").consumer())).containsExactly(
        "1 | 3 | 3 | EMAIL | reminder-1 | FRIENDLY | NONE | 14 |",
        "2 | 15 | 18 | EMAIL,SMS | reminder-2-fee | FIRM | REMINDER_FEE | 14 | interest",
        "3 | 15 | 33 | EMAIL,LETTER | inkassovarsel | FORMAL | COLLECTION_NOTICE_FEE | 14 | interest last");
  }

  @Test
  void norwayBusiness() {
    assertThat(sequence(Facts.in("NO").business())).containsExactly(
        "1 | 3 | 3 | EMAIL | reminder-1 | FRIENDLY | NONE | 14 |",
        "2 | 15 | 18 | EMAIL | reminder-2 | FIRM | NONE | 14 | interest compensation",
        "3 | 15 | 33 | EMAIL,LETTER,CALL | inkassovarsel | FORMAL | NONE | 14 | interest compensation creditHold financeContact last");
    assertThat(sequence(Facts.in("NO").business().principal(100_000)).get(1))
        .isEqualTo("2 | 15 | 18 | EMAIL,CALL | reminder-2 | FIRM | NONE | 14 | interest compensation financeContact");
  }

  @Test
  void swedenConsumerWithAgreedReminderFee() {
    assertThat(sequence(Facts.in("SE").consumer().feeAgreed(true))).containsExactly(
        "1 | 3 | 3 | EMAIL | reminder-1 | FRIENDLY | NONE | 10 |",
        "2 | 11 | 14 | EMAIL,SMS | reminder-2-fee | FIRM | REMINDER_FEE | 10 | interest",
        "3 | 11 | 25 | EMAIL,LETTER | inkassokrav | FORMAL | COLLECTION_NOTICE_FEE | 10 | interest last");
  }

  @Test
  void swedenConsumerWithoutAgreedReminderFee() {
    assertThat(sequence(Facts.in("SE").consumer().feeAgreed(false))).containsExactly(
        "1 | 3 | 3 | EMAIL | reminder-1 | FRIENDLY | NONE | 10 |",
        "2 | 11 | 14 | EMAIL,SMS | reminder-2 | FIRM | NONE | 10 | interest",
        "3 | 11 | 25 | EMAIL,LETTER | inkassokrav | FORMAL | COLLECTION_NOTICE_FEE | 10 | interest last");
  }

  @Test
  void swedenBusiness() {
    assertThat(sequence(Facts.in("SE").business().principal(150_000).feeAgreed(true))).containsExactly(
        "1 | 3 | 3 | EMAIL | reminder-1 | FRIENDLY | NONE | 10 |",
        "2 | 11 | 14 | EMAIL,CALL | reminder-2 | FIRM | NONE | 10 | interest compensation financeContact",
        "3 | 11 | 25 | EMAIL,LETTER,CALL | inkassokrav | FORMAL | NONE | 10 | interest compensation creditHold financeContact last");
  }

  @Test
  void euDefaultConsumer() {
    assertThat(sequence(Facts.in("FR").consumer())).containsExactly(
        "1 | 3 | 3 | EMAIL | reminder-1 | FRIENDLY | NONE | 14 |",
        "2 | 15 | 18 | EMAIL | reminder-2 | FIRM | NONE | 14 | interest",
        "3 | 15 | 33 | EMAIL,LETTER | final-notice | FORMAL | NONE | 14 | interest last");
  }

  @Test
  void euDefaultBusinessIsShownTheFixedCompensation() {
    assertThat(sequence(Facts.in("DE").business())).containsExactly(
        "1 | 3 | 3 | EMAIL | reminder-1 | FRIENDLY | NONE | 14 |",
        "2 | 15 | 18 | EMAIL | reminder-2 | FIRM | NONE | 14 | interest compensation",
        "3 | 15 | 33 | EMAIL,LETTER,CALL | final-notice | FORMAL | NONE | 14 | interest compensation creditHold financeContact last");
  }

  // --- legal edges ---------------------------------------------------------------------------------

  @Test
  void norwayReminderFeeOnlyFrom14DaysAfterDue() {
    DecisionEvaluation day13 = evaluate(Decisions.LEVEL, Facts.in("NO").consumer().level(2).day(13));
    assertThat(day13.rule(Decisions.LEVEL)).isEqualTo(Rules.NO_2_REMINDER_WITHOUT_FEE);
    assertThat((String) day13.get(Outputs.FEE_KIND)).isEqualTo(FeeKinds.NONE);
    assertThat((String) day13.get(Outputs.TEMPLATE)).isEqualTo(Templates.REMINDER_2);

    DecisionEvaluation day14 = evaluate(Decisions.LEVEL, Facts.in("NO").consumer().level(2).day(14));
    assertThat(day14.rule(Decisions.LEVEL)).isEqualTo(Rules.NO_2_REMINDER_WITH_FEE);
    assertThat((String) day14.get(Outputs.FEE_KIND)).isEqualTo(FeeKinds.REMINDER_FEE);
    assertThat((String) day14.get(Outputs.TEMPLATE)).isEqualTo(Templates.REMINDER_2_FEE);
    assertThat((Integer) day14.get(Outputs.DEADLINE_DAYS)).isEqualTo(14); // the fee needs a 14-day deadline

    // The same holds for the inkassovarsel.
    assertThat((String) evaluate(Decisions.LEVEL, Facts.in("NO").consumer().level(3).day(13)).get(Outputs.FEE_KIND))
        .isEqualTo(FeeKinds.NONE);
    assertThat((String) evaluate(Decisions.LEVEL, Facts.in("NO").consumer().level(3).day(14)).get(Outputs.FEE_KIND))
        .isEqualTo(FeeKinds.COLLECTION_NOTICE_FEE);
  }

  @Test
  void norwayRefusesAThirdFeeBearingNotice() {
    DecisionEvaluation second = evaluate(Decisions.LEVEL, Facts.in("NO").consumer().level(3).day(33).feeNotices(1));
    assertThat((String) second.get(Outputs.FEE_KIND)).isEqualTo(FeeKinds.COLLECTION_NOTICE_FEE);

    DecisionEvaluation third = evaluate(Decisions.LEVEL, Facts.in("NO").consumer().level(3).day(33).feeNotices(2));
    assertThat(third.rule(Decisions.LEVEL)).isEqualTo(Rules.NO_3_INKASSOVARSEL_WITHOUT_FEE);
    assertThat((String) third.get(Outputs.FEE_KIND)).isEqualTo(FeeKinds.NONE);
    assertThat((String) third.get(Outputs.TEMPLATE)).isEqualTo(Templates.INKASSOVARSEL);

    DecisionEvaluation reminderAfterTwoFees = evaluate(Decisions.LEVEL, Facts.in("NO").consumer().level(2).day(40).feeNotices(2));
    assertThat((String) reminderAfterTwoFees.get(Outputs.FEE_KIND)).isEqualTo(FeeKinds.NONE);
  }

  @Test
  void norwayInkassovarselIsWrittenWithAtLeast14DaysAndNeverBySmsAlone() {
    for (Facts facts : List.of(Facts.in("NO").consumer(), Facts.in("NO").business(),
        Facts.in("NO").consumer().feeNotices(2), Facts.in("NO").consumer().day(13))) {
      DecisionEvaluation notice = evaluate(Decisions.LEVEL, facts.level(3).day(facts.day == null ? 33 : facts.day));
      assertThat((String) notice.get(Outputs.TEMPLATE)).isEqualTo(Templates.INKASSOVARSEL);
      assertThat((Integer) notice.get(Outputs.DEADLINE_DAYS)).isGreaterThanOrEqualTo(14);
      assertThat(Channels.split(notice.get(Outputs.CHANNELS))).containsAnyOf(Channels.LETTER, Channels.EMAIL);
      assertThat((Boolean) notice.get(Outputs.LAST_LEVEL)).isTrue();
    }
  }

  @Test
  void swedenChargesTheReminderFeeOnlyWhenAgreed() {
    Facts consumer = Facts.in("SE").consumer().level(2).day(14);
    assertThat((String) evaluate(Decisions.LEVEL, consumer.feeAgreed(true)).get(Outputs.FEE_KIND))
        .isEqualTo(FeeKinds.REMINDER_FEE);
    assertThat((String) evaluate(Decisions.LEVEL, consumer.feeAgreed(false)).get(Outputs.FEE_KIND))
        .isEqualTo(FeeKinds.NONE);
    assertThat((String) evaluate(Decisions.LEVEL, consumer.feeAgreed(null)).get(Outputs.FEE_KIND))
        .isEqualTo(FeeKinds.NONE);
    // Businesses: förseningsersättning instead of any fee, agreed or not.
    DecisionEvaluation business = evaluate(Decisions.LEVEL, Facts.in("SE").business().level(2).day(14).feeAgreed(true));
    assertThat((String) business.get(Outputs.FEE_KIND)).isEqualTo(FeeKinds.NONE);
    assertThat((Boolean) business.get(Outputs.SHOW_COMPENSATION)).isTrue();
  }

  @Test
  void swedenInkassokravGivesAtLeastEightDaysInWriting() {
    for (Facts facts : List.of(Facts.in("SE").consumer(), Facts.in("SE").business())) {
      DecisionEvaluation notice = evaluate(Decisions.LEVEL, facts.level(3).day(25));
      assertThat((String) notice.get(Outputs.TEMPLATE)).isEqualTo(Templates.INKASSOKRAV);
      assertThat((Integer) notice.get(Outputs.DEADLINE_DAYS)).isGreaterThanOrEqualTo(8);
      assertThat(Channels.split(notice.get(Outputs.CHANNELS))).contains(Channels.LETTER);
      assertThat((Boolean) notice.get(Outputs.LAST_LEVEL)).isTrue();
    }
  }

  @Test
  void unknownOrMissingCountryGetsTheEuDefault() {
    for (String country : Arrays.asList("US", "PL", "", null)) {
      DecisionEvaluation preset = evaluate(Decisions.PRESET, Facts.in(country));
      assertThat(preset.rule(Decisions.PRESET)).as(String.valueOf(country)).isEqualTo(Rules.PRESET_EU);
      assertThat((String) preset.get(Outputs.PRESET)).isEqualTo(Presets.EU);
    }
    DecisionEvaluation level = evaluate(Decisions.LEVEL, Facts.in(null).consumer().level(3).day(33));
    assertThat(level.rule(Decisions.PRESET)).isEqualTo(Rules.PRESET_EU);
    assertThat(level.rule(Decisions.LEVEL)).isEqualTo(Rules.EU_3_FINAL_NOTICE);
  }

  @Test
  void missingFactsNeverEarnAFeeAndAnUnknownKindGetsTheConsumerRules() {
    DecisionEvaluation noDays = evaluate(Decisions.LEVEL, Facts.in("NO").consumer().level(2).day(null));
    assertThat(noDays.rule(Decisions.LEVEL)).isEqualTo(Rules.NO_2_REMINDER_WITHOUT_FEE);
    DecisionEvaluation noFeeCount = evaluate(Decisions.LEVEL, Facts.in("NO").consumer().level(2).day(18).feeNotices(null));
    assertThat(noFeeCount.rule(Decisions.LEVEL)).isEqualTo(Rules.NO_2_REMINDER_WITHOUT_FEE);

    DecisionEvaluation noKind = evaluate(Decisions.LEVEL, Facts.in("NO").kind(null).level(2).day(18));
    assertThat(noKind.rule(Decisions.LEVEL)).isEqualTo(Rules.NO_2_REMINDER_WITH_FEE);
    assertThat((Boolean) noKind.get(Outputs.SHOW_COMPENSATION)).isFalse();
  }

  @Test
  void noLevelAfterTheLastOne() {
    for (String country : List.of("NO", "SE", "DE")) {
      DecisionEvaluation level4 = evaluate(Decisions.LEVEL, Facts.in(country).consumer().level(4).day(60));
      assertThat(level4.result().isEmpty()).as(country).isTrue();
      assertThat(level4.rule(Decisions.LEVEL)).isNull();
    }
  }

  @Test
  void waitDaysDependOnlyOnPresetAndLevel() {
    // What lets a caller plan the wait with today's facts and decide the content on the day it goes.
    DecisionTable table = decisionTable(Decisions.LEVEL);
    int presetColumn = inputColumn(table, Inputs.PRESET);
    int levelColumn = inputColumn(table, Inputs.LEVEL);
    int waitColumn = outputColumn(table, Outputs.WAIT_DAYS);
    Map<String, Set<String>> waitsByPresetAndLevel = new LinkedHashMap<>();
    for (Rule rule : table.getRules()) {
      List<String> inputs = rule.getInputEntries().stream().map(e -> e.getText().getTextContent().trim()).toList();
      List<String> outputs = rule.getOutputEntries().stream().map(e -> e.getText().getTextContent().trim()).toList();
      waitsByPresetAndLevel
          .computeIfAbsent(inputs.get(presetColumn) + " level " + inputs.get(levelColumn), k -> new HashSet<>())
          .add(outputs.get(waitColumn));
    }
    assertThat(waitsByPresetAndLevel).hasSize(9).allSatisfy((presetAndLevel, waits) ->
        assertThat(waits).as(presetAndLevel).hasSize(1));
  }

  @Test
  void courtesyReminderThresholds() {
    assertThat(courtesy(Facts.in("NO").consumer().principal(4_999.99))).isEqualTo("none");
    assertThat(courtesy(Facts.in("NO").consumer().principal(5_000))).isEqualTo("3 days EMAIL");
    assertThat(courtesy(Facts.in("NO").business().principal(49_999.99))).isEqualTo("3 days EMAIL");
    assertThat(courtesy(Facts.in("NO").business().principal(50_000))).isEqualTo("7 days EMAIL");
    assertThat(courtesy(Facts.in("SE").consumer().principal(4_999))).isEqualTo("none");
    assertThat(courtesy(Facts.in("SE").consumer().principal(5_000))).isEqualTo("3 days EMAIL");
    assertThat(courtesy(Facts.in("SE").business().principal(50_000))).isEqualTo("7 days EMAIL");
    assertThat(courtesy(Facts.in("DE").consumer().principal(499.99))).isEqualTo("none");
    assertThat(courtesy(Facts.in("DE").consumer().principal(500))).isEqualTo("3 days EMAIL");
    assertThat(courtesy(Facts.in("DE").business().principal(4_999.99))).isEqualTo("3 days EMAIL");
    assertThat(courtesy(Facts.in("DE").business().principal(5_000))).isEqualTo("7 days EMAIL");
    assertThat(courtesy(Facts.in(null).consumer().principal(500))).isEqualTo("3 days EMAIL");
    assertThat(courtesy(Facts.in("NO").consumer().principal(null))).isEqualTo("none");
  }

  @Test
  void aManagerCanCopyAPresetAndMapACountryToItWhileBoundCallersKeepTheirVersion() throws IOException {
    // What docs/dunning-policy.md tells a manager to do in the Modeler, done on the file's text.
    String original;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(DunningPolicy.RESOURCE)) {
      original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String copyPreset = "NO_COPY";
    StringBuilder copies = new StringBuilder();
    Matcher norwegianRule = Pattern.compile("(?s)\\s*<rule id=\"Rule_NO_.*?</rule>").matcher(original);
    int lastNorwegianRuleEnd = -1;
    while (norwegianRule.find()) {
      copies.append(norwegianRule.group()
          .replace("_NO_", "_NOCOPY_")
          .replace("<text>\"" + Presets.NORWAY + "\"</text>", "<text>\"" + copyPreset + "\"</text>"));
      lastNorwegianRuleEnd = norwegianRule.end();
    }
    assertThat(lastNorwegianRuleEnd).isPositive();
    String edited = original.substring(0, lastNorwegianRuleEnd) + copies + original.substring(lastNorwegianRuleEnd);
    // In the copy, the first reminder waits 5 days instead of 3.
    edited = edited.replaceFirst("(LiteralExpression_NOCOPY_1_Reminder_1\">\\s*<text>)3(</text>)", "$1" + 5 + "$2");
    // And Denmark is mapped to the copy, above the catch-all row.
    edited = edited.replace("<rule id=\"" + Rules.PRESET_EU + "\">",
        "<rule id=\"Rule_Preset_DK\">\n        <inputEntry id=\"UnaryTests_Preset_DK_1\"><text>\"DK\"</text></inputEntry>\n"
            + "        <outputEntry id=\"LiteralExpression_Preset_DK_1\"><text>\"" + copyPreset + "\"</text></outputEntry>\n"
            + "      </rule>\n      <rule id=\"" + Rules.PRESET_EU + "\">");
    extension.manageDeployment(extension.getRepositoryService().createDeployment()
        .name("dunning-policy").addString(DunningPolicy.RESOURCE, edited).deploy());

    // Latest version: Denmark follows the copy, Norway is unchanged.
    DecisionEvaluation denmark = evaluate(Decisions.LEVEL, Facts.in("DK").consumer().level(1).day(5));
    assertThat(denmark.rule(Decisions.PRESET)).isEqualTo("Rule_Preset_DK");
    assertThat(denmark.rule(Decisions.LEVEL)).isEqualTo("Rule_NOCOPY_1_Reminder");
    assertThat((Integer) denmark.get(Outputs.WAIT_DAYS)).isEqualTo(5);
    assertThat(sequence(Facts.in("DK").consumer()).get(1))
        .isEqualTo("2 | 15 | 20 | EMAIL,SMS | reminder-2-fee | FIRM | REMINDER_FEE | 14 | interest");
    assertThat(evaluate(Decisions.LEVEL, Facts.in("NO").consumer().level(1).day(3)).rule(Decisions.LEVEL))
        .isEqualTo(Rules.NO_1_REMINDER);

    // A caller bound to version 1 still gets the EU default for Denmark.
    DmnDecisionResult bound = extension.getDecisionService().evaluateDecisionByKey(Decisions.PRESET).version(1)
        .variables(Facts.in("DK").variables).evaluate();
    assertThat((String) bound.getSingleResult().getEntry(Outputs.PRESET)).isEqualTo(Presets.EU);
  }

  @Test
  void theDecisionsFormOneRequirementsGraphWithHistoryTimeToLive() throws IOException {
    DecisionRequirementsDefinition drd = extension.getRepositoryService().createDecisionRequirementsDefinitionQuery()
        .decisionRequirementsDefinitionKey(DunningPolicy.DRD_KEY).singleResult();
    assertThat(drd).isNotNull();
    assertThat(drd.getResourceName()).isEqualTo(DunningPolicy.RESOURCE);
    List<DecisionDefinition> decisions = extension.getRepositoryService().createDecisionDefinitionQuery()
        .decisionRequirementsDefinitionKey(DunningPolicy.DRD_KEY).list();
    assertThat(decisions).extracting(DecisionDefinition::getKey)
        .containsExactlyInAnyOrder(Decisions.PRESET, Decisions.LEVEL, Decisions.COURTESY_REMINDER);
    assertThat(decisions).extracting(DecisionDefinition::getHistoryTimeToLive).containsOnly(365);
    // The model API leaves DMNDI out, so look at the file: a shape per decision lets the Modeler draw the DRD.
    String xml;
    try (InputStream in = extension.getRepositoryService().getResourceAsStream(drd.getDeploymentId(), DunningPolicy.RESOURCE)) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String decision : List.of(Decisions.PRESET, Decisions.LEVEL, Decisions.COURTESY_REMINDER)) {
      assertThat(xml).contains("<dmndi:DMNShape id=\"DMNShape_" + decision + "\" dmnElementRef=\"" + decision + "\">");
    }
  }

  @Test
  void namesMatchTheCustomerKindsAndTheChannelListSplits() {
    assertThat(Arrays.stream(CustomerKind.values()).map(Enum::name))
        .containsExactlyInAnyOrder(CustomerKinds.BUSINESS, CustomerKinds.CONSUMER);
    assertThat(Channels.split(" EMAIL, LETTER ,CALL,")).containsExactly(Channels.EMAIL, Channels.LETTER, Channels.CALL);
    assertThat(Channels.split(null)).isEmpty();
    assertThat(Channels.split(" ")).isEmpty();
    assertThat(Tones.RISING).containsExactly(Tones.FRIENDLY, Tones.FIRM, Tones.FORMAL);
  }

  // --- helpers -------------------------------------------------------------------------------------

  private record Scenario(String decisionKey, Facts facts, String expectedRule) {}

  /** The result of the evaluated decision, and the rule ids that matched in it and in the decisions it required. */
  /** The variables a caller passes; a copy on every change so that one base can serve several cases. */
  private static final class Facts {
    private final Map<String, Object> variables = new HashMap<>();
    private Integer day;

    static Facts in(String country) {
      Facts facts = new Facts();
      facts.variables.put(Inputs.COUNTRY, country);
      facts.variables.put(Inputs.CUSTOMER_KIND, CustomerKinds.CONSUMER);
      facts.variables.put(Inputs.PRINCIPAL, 1_000.0);
      facts.variables.put(Inputs.PREVIOUS_FEE_NOTICES, 0);
      facts.variables.put(Inputs.PREVIOUS_NOTICES, 0);
      facts.variables.put(Inputs.REMINDER_FEE_AGREED, false);
      return facts;
    }

    private Facts with(String name, Object value) {
      Facts copy = new Facts();
      copy.variables.putAll(variables);
      copy.day = day;
      copy.variables.put(name, value);
      if (Inputs.DAYS_SINCE_DUE_DATE.equals(name)) {
        copy.day = (Integer) value;
      }
      return copy;
    }

    Facts consumer() { return with(Inputs.CUSTOMER_KIND, CustomerKinds.CONSUMER); }
    Facts business() { return with(Inputs.CUSTOMER_KIND, CustomerKinds.BUSINESS); }
    Facts kind(String kind) { return with(Inputs.CUSTOMER_KIND, kind); }
    Facts principal(Number principal) { return with(Inputs.PRINCIPAL, principal == null ? null : principal.doubleValue()); }
    Facts level(int level) { return with(Inputs.LEVEL, level); }
    Facts day(Integer daysSinceDueDate) { return with(Inputs.DAYS_SINCE_DUE_DATE, daysSinceDueDate); }
    Facts feeNotices(Integer previous) { return with(Inputs.PREVIOUS_FEE_NOTICES, previous); }
    Facts feeAgreed(Boolean agreed) { return with(Inputs.REMINDER_FEE_AGREED, agreed); }

    @Override
    public String toString() {
      return variables.toString();
    }
  }

  private DecisionEvaluation evaluate(String decisionKey, Facts facts) {
    DecisionEvaluation evaluation = DecisionEvaluation.evaluate(extension.getProcessEngine(), decisionKey, facts.variables);
    return evaluation;
  }


  /**
   * Runs a preset as the dunning loop will: when the wait before a level starts, evaluate it with the facts known
   * then to learn the wait; when the wait is over, evaluate it again with that day's facts to learn the content.
   * Checks what must hold for every preset and returns one line per notice.
   */
  private List<String> sequence(Facts base) {
    List<String> lines = new ArrayList<>();
    int daysSinceDue = 0;
    int feeNotices = 0;
    Integer previousDeadline = null;
    int previousTone = -1;
    for (int level = 1; ; level++) {
      DecisionEvaluation plan = evaluate(Decisions.LEVEL, base.level(level).day(daysSinceDue).feeNotices(feeNotices));
      if (plan.result().isEmpty()) {
        assertThat(level).as("a level after the last one has no rule").isGreaterThan(1);
        break;
      }
      assertThat(lines).as("nothing after the last level").noneMatch(line -> line.endsWith("last"));
      int wait = plan.get(Outputs.WAIT_DAYS);
      daysSinceDue += wait;
      DecisionEvaluation notice = evaluate(Decisions.LEVEL, base.level(level).day(daysSinceDue).feeNotices(feeNotices));
      assertThat((Integer) notice.get(Outputs.WAIT_DAYS)).as("wait planned = wait on sending").isEqualTo(wait);

      int deadline = notice.get(Outputs.DEADLINE_DAYS);
      if (previousDeadline != null) {
        assertThat(wait).as("level %d goes only after the previous deadline", level).isGreaterThan(previousDeadline);
      }
      previousDeadline = deadline;
      int tone = Tones.RISING.indexOf((String) notice.get(Outputs.TONE));
      assertThat(tone).as("tone of level %d", level).isGreaterThanOrEqualTo(Math.max(previousTone, 0));
      previousTone = tone;
      List<String> channels = Channels.split(notice.get(Outputs.CHANNELS));
      assertThat(channels).as("a written notice every time, SMS only alongside").containsAnyOf(Channels.EMAIL, Channels.LETTER);
      String fee = notice.get(Outputs.FEE_KIND);
      if (!FeeKinds.NONE.equals(fee)) {
        feeNotices++;
      }
      if (CustomerKinds.BUSINESS.equals(base.variables.get(Inputs.CUSTOMER_KIND))) {
        assertThat(fee).as("businesses get the fixed compensation instead of fees").isEqualTo(FeeKinds.NONE);
      } else {
        assertThat((Boolean) notice.get(Outputs.CREDIT_HOLD)).isFalse();
        assertThat((Boolean) notice.get(Outputs.ADDRESS_FINANCE_CONTACT)).isFalse();
        assertThat((Boolean) notice.get(Outputs.SHOW_COMPENSATION)).isFalse();
      }

      List<String> flags = new ArrayList<>();
      addIf(flags, notice.get(Outputs.SHOW_INTEREST), "interest");
      addIf(flags, notice.get(Outputs.SHOW_COMPENSATION), "compensation");
      addIf(flags, notice.get(Outputs.CREDIT_HOLD), "creditHold");
      addIf(flags, notice.get(Outputs.ADDRESS_FINANCE_CONTACT), "financeContact");
      addIf(flags, notice.get(Outputs.LAST_LEVEL), "last");
      lines.add(String.join(" | ", String.valueOf(level), String.valueOf(wait), String.valueOf(daysSinceDue),
          String.join(",", channels), notice.get(Outputs.TEMPLATE), notice.get(Outputs.TONE), fee,
          String.valueOf(deadline), String.join(" ", flags)).trim());
    }
    assertThat(lines).isNotEmpty();
    assertThat(lines.get(lines.size() - 1)).endsWith("last");
    return lines;
  }

  private static void addIf(List<String> flags, Boolean value, String flag) {
    if (Boolean.TRUE.equals(value)) {
      flags.add(flag);
    }
  }

  private String courtesy(Facts facts) {
    DecisionEvaluation evaluation = evaluate(Decisions.COURTESY_REMINDER, facts);
    Boolean send = evaluation.get(Outputs.SEND_COURTESY_REMINDER);
    assertThat(send).isNotNull();
    return send
        ? evaluation.get(Outputs.DAYS_BEFORE_DUE) + " days " + evaluation.get(Outputs.CHANNELS)
        : "none";
  }

  private DmnModelInstance deployedModel() {
    DecisionDefinition definition = extension.getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey(Decisions.LEVEL).latestVersion().singleResult();
    return extension.getRepositoryService().getDmnModelInstance(definition.getId());
  }

  private Set<String> ruleIdsOfTheDeployedModel() {
    return deployedModel().getModelElementsByType(Rule.class).stream().map(Rule::getId).collect(Collectors.toSet());
  }

  private DecisionTable decisionTable(String decisionKey) {
    Decision decision = deployedModel().getModelElementById(decisionKey);
    return (DecisionTable) decision.getExpression();
  }

  private static int inputColumn(DecisionTable table, String expression) {
    List<Input> inputs = new ArrayList<>(table.getInputs());
    for (int i = 0; i < inputs.size(); i++) {
      if (expression.equals(inputs.get(i).getInputExpression().getText().getTextContent().trim())) {
        return i;
      }
    }
    throw new AssertionError("no input " + expression);
  }

  private static int outputColumn(DecisionTable table, String name) {
    List<Output> outputs = new ArrayList<>(table.getOutputs());
    for (int i = 0; i < outputs.size(); i++) {
      if (name.equals(outputs.get(i).getName())) {
        return i;
      }
    }
    throw new AssertionError("no output " + name);
  }
}
