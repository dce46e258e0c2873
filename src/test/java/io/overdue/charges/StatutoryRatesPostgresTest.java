package io.overdue.charges;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The rate table on PostgreSQL, the production database. */
@PostgresTest
class StatutoryRatesPostgresTest extends StatutoryRatesContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
