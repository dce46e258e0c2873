package io.overdue.plans;

import io.overdue.support.ProductionProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prod profile does not start without a strong plan acceptance token secret of its own. */
class PlanAcceptanceProductionProfileTest {

    @Test
    void refusesToStartWithoutASecret() {
        assertThatThrownBy(() -> ProductionProfile.application("OVERDUE_PLAN_TOKEN_SECRET=").run().close())
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("token secret is not set").hasMessageContaining("OVERDUE_PLAN_TOKEN_SECRET");
    }

    @Test
    void refusesToStartWithAShortSecret() {
        assertThatThrownBy(() -> ProductionProfile.application("OVERDUE_PLAN_TOKEN_SECRET=only-31-bytes-long-xxxxxxxxxxxx").run().close())
                .rootCause().hasMessageContaining("shorter than 32 bytes");
    }

    @Test
    void refusesToStartWithTheDevelopmentSecret() {
        assertThatThrownBy(() -> ProductionProfile.application(
                "OVERDUE_PLAN_TOKEN_SECRET=" + PlanAcceptanceProperties.DEVELOPMENT_SECRET).run().close())
                .rootCause().hasMessageContaining("development value");
    }

    @Test
    void refusesToStartWithTheDevelopmentSecretAsThePreviousOne() {
        assertThatThrownBy(() -> ProductionProfile.application(
                "OVERDUE_PLAN_TOKEN_PREVIOUS_SECRET=" + PlanAcceptanceProperties.DEVELOPMENT_SECRET).run().close())
                .rootCause().hasMessageContaining("development value").hasMessageContaining("previous-secret");
    }
}
