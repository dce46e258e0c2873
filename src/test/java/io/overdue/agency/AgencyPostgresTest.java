package io.overdue.agency;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Agency hand-over on PostgreSQL, the production database: the unique keys, out-of-order updates, NUMERIC nulls. */
@PostgresTest
class AgencyPostgresTest extends AgencyContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
