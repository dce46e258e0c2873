package io.overdue.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks tests that run against a real PostgreSQL given by OVERDUE_TEST_POSTGRES_URL (with
 * OVERDUE_TEST_POSTGRES_USER and OVERDUE_TEST_POSTGRES_PASSWORD). On a developer machine without it they are
 * skipped; on CI (CI=true) a missing database is an error, never a skip.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresTest.Condition.class)
public @interface PostgresTest {

    String URL = "OVERDUE_TEST_POSTGRES_URL";

    /** Connection settings of the test database. */
    final class Database {

        private Database() {
        }

        public static String url() {
            return System.getenv(URL);
        }

        public static String user() {
            return System.getenv().getOrDefault("OVERDUE_TEST_POSTGRES_USER", "overdue");
        }

        public static String password() {
            return System.getenv().getOrDefault("OVERDUE_TEST_POSTGRES_PASSWORD", "overdue");
        }

        /** Points the application under test at this database (call from a {@code @DynamicPropertySource}). */
        public static void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
            registry.add("spring.datasource.url", Database::url);
            registry.add("spring.datasource.username", Database::user);
            registry.add("spring.datasource.password", Database::password);
        }
    }

    class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = Database.url();
            if (url != null && !url.isBlank()) {
                return ConditionEvaluationResult.enabled("PostgreSQL at " + url);
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL tests are mandatory on CI: set " + URL);
            }
            return ConditionEvaluationResult.disabled(URL + " is not set; PostgreSQL tests run on CI (see .ci/run)");
        }
    }
}
