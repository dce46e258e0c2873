package io.overdue.credit;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same credit holds on PostgreSQL, the production database: migration, conditional updates, history. */
@PostgresTest
class CreditHoldPostgresTest extends CreditHoldTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
