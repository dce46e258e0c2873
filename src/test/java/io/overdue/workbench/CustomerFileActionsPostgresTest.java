package io.overdue.workbench;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same on PostgreSQL, the production database: the queries are ours, not an ORM's. */
@PostgresTest
class CustomerFileActionsPostgresTest extends CustomerFileActionsTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
