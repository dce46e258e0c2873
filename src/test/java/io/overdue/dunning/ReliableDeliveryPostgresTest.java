package io.overdue.dunning;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Reliable delivery on PostgreSQL, the production database. */
@PostgresTest
class ReliableDeliveryPostgresTest extends ReliableDeliveryContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
