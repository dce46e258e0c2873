package io.overdue.credit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.overdue.customers.CreditHoldSource;
import io.overdue.customers.CustomerService;
import io.overdue.support.ApplicationTest;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.overdue.credit.CreditHoldEvent.DeliveryStatus.DELIVERED;
import static io.overdue.credit.CreditHoldEvent.DeliveryStatus.NOT_SENT;
import static io.overdue.credit.CreditHoldEvent.Type.PLACED;
import static io.overdue.credit.CreditHoldEvent.Type.RELEASED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Credit holds against a webhook receiver emulated by WireMock. The only test class with a webhook
 * configured, so the only extra application context (and its PostgreSQL subclass).
 */
class CreditHoldTest extends ApplicationTest {

    static final String SECRET = "test-webhook-secret";
    static final String HOOK = "/hooks/credit-hold";
    static final String MANAGER = "managertest";

    // Started once per JVM and never stopped by a class: the PostgreSQL subclass shares it, and a cached Spring
    // context keeps the port it was created with. The forked test JVM's exit ends it.
    static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort());

    static {
        RECEIVER.start();
    }

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add("overdue.credit.webhook-url", () -> RECEIVER.baseUrl() + HOOK);
        registry.add("overdue.credit.webhook-secret", () -> SECRET);
    }

    @Autowired CreditHolds holds;
    @Autowired CustomerService customers;
    @Autowired ObjectMapper json;

    @BeforeEach
    void receiverAcceptsAndManagerExists() {
        RECEIVER.resetAll();
        receiverAnswers(204);
        if (identity.createUserQuery().userId(MANAGER).count() == 0) {
            User user = identity.newUser(MANAGER);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(MANAGER, "managers");
        }
    }

    @Test
    void placingAHoldSetsTheFlagStoresTheEventAndDeliversASignedWebhook() throws Exception {
        String customer = customer();
        String invoice = invoice(customer, daysFromToday(-30), null);

        CreditHoldEvent placed = holds.place(customer, invoice, "level 3: inkassovarsel").orElseThrow();

        assertThat(customers.get(customer).creditHold()).isTrue();
        assertThat(customers.get(customer).creditHoldSource()).isEqualTo(CreditHoldSource.POLICY);
        CreditHold state = holds.state(customer);
        assertThat(state.onHold()).isTrue();
        assertThat(state.releasesAutomatically()).isTrue();
        assertThat(state.history()).singleElement().satisfies(event -> {
            assertThat(event.eventId()).isEqualTo(placed.eventId());
            assertThat(event.type()).isEqualTo(PLACED);
            assertThat(event.source()).isEqualTo(CreditHoldSource.POLICY);
            assertThat(event.invoiceNumber()).isEqualTo(invoice);
            assertThat(event.reason()).isEqualTo("level 3: inkassovarsel");
            assertThat(event.deliveryStatus()).isEqualTo(DELIVERED);
            assertThat(event.deliveryAttempts()).isEqualTo(1);
        });

        LoggedRequest request = onlyCallFor(customer);
        byte[] body = request.getBody();
        assertThat(request.getHeader("X-Overdue-Signature")).isEqualTo("sha256=" + hmacSha256Hex(SECRET, body));
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo(placed.eventId());
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode payload = json.readTree(body);
        assertThat(fieldNames(payload))
                .containsExactly("event", "customerNumber", "invoiceNumber", "reason", "occurredAt", "eventId");
        assertThat(payload.get("event").asText()).isEqualTo("credit-hold.placed");
        assertThat(payload.get("customerNumber").asText()).isEqualTo(customer);
        assertThat(payload.get("invoiceNumber").asText()).isEqualTo(invoice);
        assertThat(payload.get("reason").asText()).isEqualTo("level 3: inkassovarsel");
        assertThat(Instant.parse(payload.get("occurredAt").asText())).isEqualTo(placed.occurredAt());
        assertThat(payload.get("eventId").asText()).isEqualTo(placed.eventId());
    }

    @Test
    void placingTwiceSendsOnce() {
        String customer = customer();
        String invoice = invoice(customer, daysFromToday(-30), null);

        assertThat(holds.place(customer, invoice, "level 3")).isPresent();
        assertThat(holds.place(customer, invoice, "level 3")).isEmpty();
        assertThat(holds.place(customer, invoice(customer, daysFromToday(-40), null), "level 3 of another invoice")).isEmpty();

        RECEIVER.verify(1, postRequestedFor(urlPathEqualTo(HOOK))
                .withRequestBody(matchingJsonPath("$.customerNumber", equalTo(customer))));
        assertThat(holds.state(customer).history()).hasSize(1);
    }

    @Test
    void theHoldIsReleasedWhenEveryInvoiceIsPaidOrNotYetDue() throws Exception {
        String customer = customer();
        String overdue = invoice(customer, daysFromToday(-30), null);
        invoice(customer, daysFromToday(10), null);
        invoice(customer, daysFromToday(-50), "0");
        holds.place(customer, overdue, "level 3");

        assertThat(holds.releaseIfClear(customer)).as("still overdue").isEmpty();
        assertThat(customers.get(customer).creditHold()).isTrue();

        invoice(customer, overdue, daysFromToday(-30), "0");
        CreditHoldEvent released = holds.releaseIfClear(customer).orElseThrow();

        assertThat(customers.get(customer).creditHold()).isFalse();
        assertThat(customers.get(customer).creditHoldSource()).isNull();
        assertThat(released.type()).isEqualTo(RELEASED);
        assertThat(released.source()).isEqualTo(CreditHoldSource.POLICY);
        assertThat(holds.state(customer).history()).extracting(CreditHoldEvent::type).containsExactly(PLACED, RELEASED);
        List<LoggedRequest> calls = callsFor(customer);
        assertThat(calls).hasSize(2);
        JsonNode payload = json.readTree(calls.get(1).getBody());
        assertThat(payload.get("event").asText()).isEqualTo("credit-hold.released");
        assertThat(payload.get("invoiceNumber").isNull()).isTrue();
        assertThat(payload.get("eventId").asText()).isEqualTo(released.eventId());
        assertThat(calls.get(1).getHeader("X-Overdue-Signature"))
                .isEqualTo("sha256=" + hmacSha256Hex(SECRET, calls.get(1).getBody()));

        assertThat(holds.releaseIfClear(customer)).as("released once").isEmpty();
        assertThat(callsFor(customer)).hasSize(2);
    }

    @Test
    void anInvoiceDueTodayIsNotYetOverdue() {
        String customer = customer();
        String overdue = invoice(customer, daysFromToday(-30), null);
        invoice(customer, daysFromToday(0), null);
        holds.place(customer, overdue, "level 3");
        invoice(customer, overdue, daysFromToday(-30), "0");

        assertThat(holds.releaseIfClear(customer)).isPresent();
        assertThat(customers.get(customer).creditHold()).isFalse();
    }

    @Test
    void theHoldStaysWhileAnotherInvoiceOfTheSameCustomerIsOverdue() {
        String customer = customer();
        String first = invoice(customer, daysFromToday(-30), null);
        invoice(customer, daysFromToday(-20), null);
        holds.place(customer, first, "level 3");

        invoice(customer, first, daysFromToday(-30), "0");

        assertThat(holds.releaseIfClear(customer)).isEmpty();
        assertThat(holds.state(customer).onHold()).isTrue();
        assertThat(holds.state(customer).history()).extracting(CreditHoldEvent::type).containsExactly(PLACED);
        assertThat(callsFor(customer)).hasSize(1);
    }

    @Test
    void aHoldTheErpPlacedIsNeitherReleasedAutomaticallyNorAnnounced() {
        String customer = customer();
        String invoice = invoice(customer, daysFromToday(-30), "0");
        putCustomer(customer, true);

        assertThat(holds.place(customer, invoice, "level 3")).as("already on hold").isEmpty();
        assertThat(holds.releaseIfClear(customer)).isEmpty();

        CreditHold state = holds.state(customer);
        assertThat(state.onHold()).isTrue();
        assertThat(state.heldBy()).isEqualTo(CreditHoldSource.ERP);
        assertThat(state.releasesAutomatically()).isFalse();
        assertThat(state.history()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(PLACED);
            assertThat(event.source()).isEqualTo(CreditHoldSource.ERP);
            assertThat(event.deliveryStatus()).isEqualTo(NOT_SENT);
        });
        assertThat(callsFor(customer)).isEmpty();

        putCustomer(customer, false);
        assertThat(holds.state(customer).onHold()).as("the ERP lifts its own hold").isFalse();
        assertThat(holds.state(customer).history()).extracting(CreditHoldEvent::type, CreditHoldEvent::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PLACED, CreditHoldSource.ERP),
                        org.assertj.core.groups.Tuple.tuple(RELEASED, CreditHoldSource.ERP));
    }

    @Test
    void customerUpdatesFromTheErpDoNotLiftThePolicysHold() {
        String customer = customer();
        holds.place(customer, invoice(customer, daysFromToday(-30), null), "level 3");

        putCustomer(customer, false);
        putCustomer(customer, null);
        putCustomer(customer, true);

        CreditHold state = holds.state(customer);
        assertThat(state.onHold()).isTrue();
        assertThat(state.heldBy()).isEqualTo(CreditHoldSource.POLICY);
        assertThat(state.history()).hasSize(1);
    }

    @Test
    void aFailingWebhookThrowsKeepsTheHoldAndTheRetrySendsTheSameEvent() {
        String customer = customer();
        String invoice = invoice(customer, daysFromToday(-30), null);
        RECEIVER.resetAll();
        receiverAnswers(500);

        assertThatThrownBy(() -> holds.place(customer, invoice, "level 3"))
                .isInstanceOf(CreditHoldWebhookException.class)
                .hasMessageContaining("answered 500");

        assertThat(customers.get(customer).creditHold()).isTrue();
        CreditHoldEvent failed = holds.state(customer).history().get(0);
        assertThat(failed.deliveryStatus()).isEqualTo(CreditHoldEvent.DeliveryStatus.FAILED);
        assertThat(failed.lastError()).contains("500");

        RECEIVER.resetAll();
        receiverAnswers(200);
        assertThat(holds.place(customer, invoice, "level 3")).as("nothing new recorded").isEmpty();

        assertThat(onlyCallFor(customer).getHeader("Idempotency-Key")).isEqualTo(failed.eventId());
        assertThat(holds.state(customer).history()).singleElement().satisfies(event -> {
            assertThat(event.deliveryStatus()).isEqualTo(DELIVERED);
            assertThat(event.deliveryAttempts()).isEqualTo(2);
            assertThat(event.lastError()).isNull();
        });
        holds.place(customer, invoice, "level 3");
        assertThat(callsFor(customer)).as("delivered: not sent again").hasSize(1);
    }

    @Test
    void onlyManagersReleaseByHand() throws Exception {
        String customer = customer();
        holds.place(customer, invoice(customer, daysFromToday(-30), null), "level 3");

        assertThat(release(COLLECTOR, customer, "please").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(release(ERP, customer, "please").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(holds.state(customer).onHold()).isTrue();

        ResponseEntity<String> released = release(MANAGER, customer, "Payment plan agreed");

        assertThat(released.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(released.getBody());
        assertThat(body.get("onHold").asBoolean()).isFalse();
        assertThat(body.get("history")).hasSize(2);
        CreditHoldEvent event = holds.state(customer).history().get(1);
        assertThat(event.type()).isEqualTo(RELEASED);
        assertThat(event.source()).isEqualTo(CreditHoldSource.MANAGER);
        assertThat(event.userId()).isEqualTo(MANAGER);
        assertThat(event.reason()).isEqualTo("Payment plan agreed");
        JsonNode payload = json.readTree(callsFor(customer).get(1).getBody());
        assertThat(payload.get("event").asText()).isEqualTo("credit-hold.released");
        assertThat(payload.get("reason").asText()).isEqualTo("Payment plan agreed");

        assertThat(release(MANAGER, customer, "again").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(callsFor(customer)).hasSize(2);
    }

    @Test
    void collectorsAndTheErpMayReadTheHold() throws Exception {
        String customer = customer();
        holds.place(customer, invoice(customer, daysFromToday(-30), null), "level 3");

        for (String user : List.of(COLLECTOR, ERP, MANAGER)) {
            ResponseEntity<String> response = as(user).getForEntity("/api/customers/{c}/credit-hold", String.class, customer);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            JsonNode body = json.readTree(response.getBody());
            assertThat(body.get("onHold").asBoolean()).isTrue();
            assertThat(body.get("heldBy").asText()).isEqualTo("POLICY");
            assertThat(body.get("history").get(0).get("deliveryStatus").asText()).isEqualTo("DELIVERED");
        }
    }

    @Test
    void aReleaseNeedsAReason() {
        String customer = customer();
        ResponseEntity<String> response = release(MANAGER, customer, " ");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("\"field\":\"reason\"");
    }

    @Test
    void anUnknownCustomerIsAProblem() {
        String customer = unique("NOPE");

        ResponseEntity<String> read = as(COLLECTOR).getForEntity("/api/customers/{c}/credit-hold", String.class, customer);
        ResponseEntity<String> release = release(MANAGER, customer, "Payment plan agreed");

        for (ResponseEntity<String> response : List.of(read, release)) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).contains("urn:overdue:problem:not-found", customer);
        }
        assertThatThrownBy(() -> holds.place(customer, "1", "level 3"))
                .isInstanceOf(io.overdue.shared.NotFoundException.class);
    }

    // --- helpers

    private static void receiverAnswers(int status) {
        RECEIVER.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(status)));
    }

    private static List<LoggedRequest> callsFor(String customer) {
        return RECEIVER.findAll(postRequestedFor(urlPathEqualTo(HOOK))
                .withRequestBody(matchingJsonPath("$.customerNumber", equalTo(customer))));
    }

    private static LoggedRequest onlyCallFor(String customer) {
        List<LoggedRequest> calls = callsFor(customer);
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Written out as a receiver would, independent of the code under test. */
    static String hmacSha256Hex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static LocalDate daysFromToday(int days) {
        return LocalDate.now(CREDITOR_ZONE).plusDays(days);
    }

    private String customer() {
        String number = unique("CH");
        putCustomer(number, null);
        return number;
    }

    private void putCustomer(String number, Boolean creditHold) {
        StringBuilder body = new StringBuilder("""
                {"name": "Fjellheim Elektro AS", "kind": "BUSINESS", "country": "NO", "language": "nb",
                 "email": "faktura@fjellheim.example\"""");
        if (creditHold != null) {
            body.append(", \"creditHold\": ").append(creditHold);
        }
        body.append('}');
        ResponseEntity<String> response = as(ERP).exchange("/api/customers/{c}", HttpMethod.PUT,
                jsonEntity(body.toString()), String.class, number);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }

    private String invoice(String customer, LocalDate dueDate, String openBalance) {
        return invoice(customer, uniqueDigits(), dueDate, openBalance);
    }

    private String invoice(String customer, String number, LocalDate dueDate, String openBalance) {
        String body = """
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                 "currency": "NOK", "amount": 1250.50%s}""".formatted(number, customer, dueDate.minusDays(14), dueDate,
                openBalance == null ? "" : ", \"openBalance\": " + openBalance);
        ResponseEntity<String> response = as(ERP).postForEntity("/api/invoices", jsonEntity(body), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
        return number;
    }

    private ResponseEntity<String> release(String user, String customer, String reason) {
        return as(user).postForEntity("/api/customers/{c}/credit-hold/release",
                jsonEntity(json.createObjectNode().put("reason", reason).toString()), String.class, customer);
    }

}
