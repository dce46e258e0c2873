package io.overdue.identity;

import io.overdue.support.ProductionProfile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prod profile does not start while the admin password is unset or a known default. */
class ProductionProfileTest {

    private static SpringApplicationBuilder production(String adminPassword) {
        return ProductionProfile.application("OVERDUE_ADMIN_PASSWORD=" + adminPassword);
    }

    @Test
    void refusesToStartWithoutAnAdminPassword() {
        assertThatThrownBy(() -> production("").run().close())
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("admin password is not set");
    }

    @Test
    void refusesToStartWithAKnownDefaultPassword() {
        assertThatThrownBy(() -> production("admin").run().close())
                .rootCause().hasMessageContaining("known default");
    }
}
