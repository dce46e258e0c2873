package io.overdue.payments;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Allocation, credit balances and the ledger on PostgreSQL, the production database. */
@PostgresTest
class CreditAndLedgerPostgresTest extends CreditAndLedgerContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
