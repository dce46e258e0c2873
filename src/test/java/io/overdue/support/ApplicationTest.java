package io.overdue.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on a random port, with a real SMTP server (GreenMail) and the job executor off, so
 * that tests run jobs themselves and know when each step happens. Subclasses that add no configuration of
 * their own share one application context.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:overdue-test;DB_CLOSE_DELAY=-1",
        // Spring keeps every test context open; small idle pools keep their sum under PostgreSQL's 100 connections.
        "spring.datasource.hikari.maximum-pool-size=10",
        "spring.datasource.hikari.minimum-idle=1",
        "overdue.demo.enabled=false",
        "overdue.mail.enabled=true",
        "overdue.intake.max-file-size=64KB",
        "overdue.intake.max-batch-size=500",
        "camunda.bpm.job-execution.enabled=false",
        // Like the job executor: no background case updates, except in the tests of them (LargeBankFileContract).
        // Contexts share their database, and another context's worker would take a test's updates.
        "overdue.case-updates.threads=0",
        // The outbox sends right after each commit, unpaced; no background sender, for the same reason.
        "overdue.outbox.threads=0",
        "overdue.outbox.per-second=0",
        // Each notice goes alone and at once; BundlingContract gathers them.
        "overdue.outbox.bundle-window=0s",
        // Tests send several SMS to one customer in a day; ReliableDeliveryContract turns the cap on where it tests it.
        "overdue.contact.sms-per-day=0",
        "overdue.contact.calls-per-day=0",
        "overdue.contact.calls-per-week=0",
        // Tests plan reminders relative to the wall clock; contact hours would make them depend on the hour and day of
        // the run. ContactHoursTest turns them on.
        "overdue.dunning.contact-hours=false",
        "camunda.bpm.admin-user.id=admin",
        "camunda.bpm.admin-user.password=admin-test-password"})
public abstract class ApplicationTest {

    /** Days as the application counts them (overdue.dunning.zone): the test JVM runs in UTC, an hour or two behind. */
    public static final ZoneId CREDITOR_ZONE = ZoneId.of("Europe/Oslo");

    public static final String ERP = "erptest";
    public static final String COLLECTOR = "collectortest";
    public static final String PASSWORD = "test-password";

    /** A free port chosen once per test JVM: a fixed one clashes with other builds on the same machine. */
    private static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

    @RegisterExtension
    protected static final GreenMailExtension MAIL = new GreenMailExtension(SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(true);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", SMTP::getPort);
    }

    @Autowired
    protected TestRestTemplate http;

    @Autowired
    protected IdentityService identity;

    @BeforeEach
    void users() {
        user(ERP, "integrations");
        user(COLLECTOR, "collectors");
    }

    /** A JSON request body. */
    public static HttpEntity<String> jsonEntity(String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(json, headers);
    }

    /** The body of a successful JSON answer; a failed one fails the test with its body. */
    protected static JsonNode json(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
        return new ObjectMapper().readTree(response.getBody());
    }

    protected TestRestTemplate as(String user) {
        return http.withBasicAuth(user, PASSWORD);
    }

    /** A number no other test (or earlier run on the same database) uses. */
    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    /** An all-digit invoice number, so that a KID or OCR can be derived from it. */
    protected static String uniqueDigits() {
        return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identity.createMembership(id, group);
        }
    }
}
