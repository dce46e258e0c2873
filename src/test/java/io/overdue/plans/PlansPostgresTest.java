package io.overdue.plans;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Payment plans on PostgreSQL, the production database. */
@PostgresTest
class PlansPostgresTest extends PlansContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
