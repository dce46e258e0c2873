package io.overdue.dunning;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bundling on PostgreSQL, the production database. */
@PostgresTest
class BundlingPostgresTest extends BundlingContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
