package io.overdue.dunning;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Dunning notices on PostgreSQL, the production database: the same migration, keys and amounts. */
@PostgresTest
class DunningNoticesPostgresTest extends DunningNoticesContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
