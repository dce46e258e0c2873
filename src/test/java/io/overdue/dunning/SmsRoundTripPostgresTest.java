package io.overdue.dunning;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Twilio's calls to us on PostgreSQL, the production database. */
@PostgresTest
class SmsRoundTripPostgresTest extends SmsRoundTripContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
