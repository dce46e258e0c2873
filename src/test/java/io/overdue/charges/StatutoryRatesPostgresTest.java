package io.overdue.charges;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The rate table on PostgreSQL, the production database. */
@PostgresTest
class StatutoryRatesPostgresTest extends StatutoryRatesContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresTest.Database::url);
        registry.add("spring.datasource.username", PostgresTest.Database::user);
        registry.add("spring.datasource.password", PostgresTest.Database::password);
    }
}
