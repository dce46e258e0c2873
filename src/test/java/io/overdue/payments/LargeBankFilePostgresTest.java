package io.overdue.payments;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Large bank files on PostgreSQL, the production database. */
@PostgresTest
class LargeBankFilePostgresTest extends LargeBankFileContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
