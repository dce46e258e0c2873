package io.overdue.plans;

import static org.assertj.core.api.Assertions.assertThat;

import io.overdue.customers.CustomerKind;
import io.overdue.plans.PaymentPlanDecisions.Approval;
import io.overdue.plans.PaymentPlanDecisions.Limits;
import io.overdue.plans.PaymentPlanPolicy.Approvals;
import io.overdue.plans.PaymentPlanPolicy.Decisions;
import io.overdue.plans.PaymentPlanPolicy.FeeKinds;
import io.overdue.support.ApplicationTest;
import java.math.BigDecimal;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The policy as the application deploys it (engine.ModelDeployment), asked through {@link PaymentPlanDecisions}. */
class PaymentPlanDecisionsTest extends ApplicationTest {

    @Autowired
    PaymentPlanDecisions decisions;

    @Autowired
    RepositoryService repository;

    @Test
    void theApplicationDeploysThePolicyFromItsFile() {
        for (String key : new String[] {Decisions.PRESET, Decisions.LIMITS, Decisions.APPROVAL}) {
            DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                    .latestVersion().singleResult();
            assertThat(definition).as(key).isNotNull();
            assertThat(definition.getResourceName()).isEqualTo(PaymentPlanPolicy.RESOURCE);
            assertThat(definition.getDecisionRequirementsDefinitionKey()).isEqualTo(PaymentPlanPolicy.DRD_KEY);
        }
    }

    @Test
    void swedishConsumerLimitsAsTypedValues() {
        Limits limits = decisions.limits("SE", CustomerKind.CONSUMER, new BigDecimal("12500.00"));
        assertThat(limits).isEqualTo(new Limits(365, new BigDecimal("500"), 12, 3, 3, 10, 14, FeeKinds.PAYMENT_PLAN_FEE, false));
        assertThat(limits.chargesPlanFee()).isTrue();
        assertThat(limits.minInstalment().compareTo(new BigDecimal("500.00"))).isZero();
    }

    @Test
    void largeBusinessLimitsKeepTheCreditHold() {
        Limits limits = decisions.limits("NO", CustomerKind.BUSINESS, new BigDecimal("100000"));
        assertThat(limits.maxInstalments()).isEqualTo(12);
        assertThat(limits.minInstalment()).isEqualByComparingTo("5000");
        assertThat(limits.creditHoldWhileKept()).isTrue();
        assertThat(limits.chargesPlanFee()).isFalse();
        assertThat(decisions.limits("NO", CustomerKind.BUSINESS, new BigDecimal("99999.99")).creditHoldWhileKept()).isFalse();
    }

    @Test
    void missingCountryAndKindGetTheEuConsumerLimits() {
        Limits limits = decisions.limits(null, null, new BigDecimal("500"));
        assertThat(limits.maxLengthDays()).isEqualTo(90);
        assertThat(limits.minInstalment()).isEqualByComparingTo("30");
        assertThat(limits.planFeeKind()).isEqualTo(FeeKinds.NONE);
    }

    @Test
    void smallShortPlanIsApprovedAutomatically() {
        Approval approval = decisions.approval("NO", CustomerKind.CONSUMER, new BigDecimal("4000"), 3, 60, 0);
        assertThat(approval.approval()).isEqualTo(Approvals.AUTOMATIC);
        assertThat(approval.automatic()).isTrue();
        assertThat(approval.reason()).isEqualTo("Small and short plan");
        // Just over the consumer figure (NOK 20 000): a manager.
        Approval large = decisions.approval("NO", CustomerKind.CONSUMER, new BigDecimal("20000.00"), 3, 60, 0);
        assertThat(large.automatic()).isFalse();
        assertThat(large.reason()).contains("NOK 20 000");
    }

    @Test
    void largeLongOrPreviouslyBrokenPlansNeedAManager() {
        assertThat(decisions.approval("SE", CustomerKind.CONSUMER, new BigDecimal("20000"), 3, 60, 0).approval())
                .isEqualTo(Approvals.MANAGER);
        assertThat(decisions.approval("DE", CustomerKind.BUSINESS, new BigDecimal("5000"), 7, 180, 0).automatic()).isFalse();
        assertThat(decisions.approval("DE", CustomerKind.BUSINESS, new BigDecimal("5000"), 6, 181, 0).automatic()).isFalse();
        Approval broken = decisions.approval("NO", CustomerKind.CONSUMER, new BigDecimal("100"), 1, 0, 1);
        assertThat(broken.approval()).isEqualTo(Approvals.MANAGER);
        assertThat(broken.reason()).containsIgnoringCase("broke");
        assertThat(decisions.approval("NO", CustomerKind.CONSUMER, new BigDecimal("100"), null, 0, 0).automatic()).isFalse();
    }
}
