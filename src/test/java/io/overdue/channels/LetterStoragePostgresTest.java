package io.overdue.channels;

import io.overdue.support.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Letter storage on PostgreSQL, the production database, where the PDF column is a BYTEA. */
@PostgresTest
class LetterStoragePostgresTest extends LetterStorageContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.Database.register(registry);
    }
}
