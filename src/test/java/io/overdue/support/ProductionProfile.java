package io.overdue.support;

import io.overdue.OverdueApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The application in the prod profile with a complete, acceptable environment, for tests that break one part of it. */
public final class ProductionProfile {

    /** Random-looking, 48 bytes: what an operator would set. */
    public static final String PLAN_TOKEN_SECRET = "pP3v9Qm2xL7cT0aR8wK4nY6sD1fH5jZ2bV9gE3uM7iO0qW4t";

    private ProductionProfile() {
    }

    /** @param overrides {@code NAME=value} pairs that replace the defaults (later ones win) */
    public static SpringApplicationBuilder application(String... overrides) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                // A database of its own per start: a start refused half-way leaves the engine's tables behind.
                "OVERDUE_DB_URL=jdbc:h2:mem:prod-guard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "OVERDUE_DB_USER=sa", "OVERDUE_DB_PASSWORD=",
                "camunda.bpm.database.type=h2",
                // The default, SET jit = off, is PostgreSQL's; H2 knows no such setting.
                "OVERDUE_DB_INIT_SQL=SELECT 1",
                "OVERDUE_SMTP_HOST=localhost", "OVERDUE_MAIL_FROM=collections@example.com",
                "OVERDUE_CREDITOR_NAME=Test AS", "OVERDUE_CREDITOR_BANK_ACCOUNT=1503.12.34567",
                "OVERDUE_CREDITOR_EMAIL=collections@example.com", "OVERDUE_CREDITOR_PHONE=+4722000000",
                "OVERDUE_ADMIN_PASSWORD=a-long-production-password",
                "OVERDUE_PLAN_TOKEN_SECRET=" + PLAN_TOKEN_SECRET,
                "OVERDUE_PUBLIC_BASE_URL=https://collections.example.com"));
        properties.addAll(List.of(overrides));
        return new SpringApplicationBuilder(OverdueApplication.class).profiles("prod").properties(properties.toArray(String[]::new));
    }
}
