package io.overdue.identity;

import io.overdue.OverdueApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prod profile does not start while the admin password is unset or a known default. */
class ProductionProfileTest {

    private static SpringApplicationBuilder production(String adminPassword) {
        return new SpringApplicationBuilder(OverdueApplication.class).profiles("prod").properties(
                "server.port=0",
                "OVERDUE_DB_URL=jdbc:h2:mem:prod-guard;DB_CLOSE_DELAY=-1", "OVERDUE_DB_USER=sa", "OVERDUE_DB_PASSWORD=",
                "camunda.bpm.database.type=h2",
                "OVERDUE_SMTP_HOST=localhost", "OVERDUE_MAIL_FROM=collections@example.com",
                "OVERDUE_CREDITOR_NAME=Test AS", "OVERDUE_CREDITOR_BANK_ACCOUNT=1503.12.34567",
                "OVERDUE_CREDITOR_EMAIL=collections@example.com", "OVERDUE_CREDITOR_PHONE=+4722000000",
                "OVERDUE_ADMIN_PASSWORD=" + adminPassword);
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
