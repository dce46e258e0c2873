package io.overdue.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.overdue.customers.CustomerService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;

/**
 * The whole application on a random port against the benchmark database, emptied first, with the engine doing the
 * measured work only (no job executor: no timer fires, no reminder goes out while we measure) and no demo data.
 */
@Tag("benchmark")
@ActiveProfiles("benchmark") // replaces whatever SPRING_PROFILES_ACTIVE says: never prod
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "overdue.demo.enabled=false",
        "camunda.bpm.job-execution.enabled=false",
        // As in production (application-prod.yaml): no JIT compilation of our short statements.
        "spring.datasource.hikari.connection-init-sql=SET jit = off",
        "spring.main.banner-mode=off",
        "logging.level.org.camunda.bpm=warn",
        "logging.level.io.overdue=warn"})
@DirtiesContext // another benchmark resets the schema under its own context: never keep this one
abstract class BenchmarkApplication {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // Runs before the application context starts, i.e. before Flyway and the engine create their tables.
        BenchmarkDatabase.resetSchema();
        registry.add("spring.datasource.url", BenchmarkDatabase::url);
        registry.add("spring.datasource.username", BenchmarkDatabase::user);
        registry.add("spring.datasource.password", BenchmarkDatabase::password);
    }

    @LocalServerPort
    int port;

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    IdentityService identity;
    @Autowired
    CustomerService customers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Environment environment;
    @Autowired
    ObjectMapper json;
}
