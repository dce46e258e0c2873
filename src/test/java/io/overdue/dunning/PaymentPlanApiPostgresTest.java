package io.overdue.dunning;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Payment plans through the case and the API on PostgreSQL, the production database. */
@PostgresTest
class PaymentPlanApiPostgresTest extends PaymentPlanApiContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
