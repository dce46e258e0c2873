package io.overdue.plans;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Plan acceptance tokens on PostgreSQL, the production database, where simultaneous redeems really contend. */
@PostgresTest
class PlanAcceptanceTokensPostgresTest extends PlanAcceptanceTokensContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
