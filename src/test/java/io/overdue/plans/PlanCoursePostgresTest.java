package io.overdue.plans;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The steps of the payment-plan process on PostgreSQL, the production database. */
@PostgresTest
class PlanCoursePostgresTest extends PlanCourseContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
