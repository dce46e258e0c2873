package io.overdue.payments;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bank payments on PostgreSQL, the production database. */
@PostgresTest
class PaymentsApiPostgresTest extends PaymentsApiContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
