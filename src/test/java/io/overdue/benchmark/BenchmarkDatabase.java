package io.overdue.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL database the benchmark writes to. Defaults fit a local database {@code overdue_bench} owned by
 * user {@code overdue}; override with OVERDUE_BENCH_DB_URL, OVERDUE_BENCH_DB_USER and OVERDUE_BENCH_DB_PASSWORD.
 * The database is emptied at every run: never point it at data you want to keep.
 */
final class BenchmarkDatabase {

    static final String URL_VARIABLE = "OVERDUE_BENCH_DB_URL";
    static final String USER_VARIABLE = "OVERDUE_BENCH_DB_USER";
    static final String PASSWORD_VARIABLE = "OVERDUE_BENCH_DB_PASSWORD";

    private static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/overdue_bench";

    private BenchmarkDatabase() {
    }

    /** The configured URL as given, without the driver options the benchmark adds. */
    static String baseUrl() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /**
     * The URL the application uses. {@code reWriteBatchedInserts=true} lets the PostgreSQL driver send a JDBC
     * batch of inserts as multi-row INSERT statements (one round trip per up to 128 rows instead of one per row);
     * it matters for our invoice batches and for the engine's batched flush. {@code -Dbenchmark.rewrite=false}
     * leaves it out, to measure what it brings.
     */
    static String url() {
        String url = baseUrl();
        if (url.contains("reWriteBatchedInserts") || !Boolean.parseBoolean(System.getProperty("benchmark.rewrite", "true"))) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    static String user() {
        String user = System.getenv(USER_VARIABLE);
        return user == null || user.isBlank() ? "overdue" : user;
    }

    static String password() {
        String password = System.getenv(PASSWORD_VARIABLE);
        return password == null ? "overdue" : password;
    }

    /**
     * Drops and recreates schema {@code public}, so that Flyway and the engine start from nothing and every run
     * measures the same, empty database. Needs the user to own the database (or schema public).
     */
    static void resetSchema() {
        try (Connection connection = DriverManager.getConnection(baseUrl(), user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reset the benchmark database " + baseUrl() + " as " + user()
                    + " (set " + URL_VARIABLE + ", " + USER_VARIABLE + ", " + PASSWORD_VARIABLE + "): " + e.getMessage(), e);
        }
    }

    /** "PostgreSQL 15.x" as the server reports it, for the printed header. */
    static String serverVersion() {
        try (Connection connection = DriverManager.getConnection(baseUrl(), user(), password());
             Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (SQLException e) {
            return "PostgreSQL (version unknown: " + e.getMessage() + ")";
        }
    }
}
