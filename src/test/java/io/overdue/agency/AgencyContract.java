package io.overdue.agency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.overdue.channels.EmailChannel;
import io.overdue.channels.LetterChannel;
import io.overdue.channels.Notice;
import io.overdue.support.TestNotices;
import io.overdue.channels.SmsChannel;
import io.overdue.shared.PaymentReferences;
import io.overdue.support.ApplicationTest;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-over to an agency through the whole application, with both the folder and a signed webhook, on a
 * clock fixed at 2025-02-14 so that Norwegian late interest falls in the seeded 1H 2025 rate. Run on each
 * database we support.
 */
@Import(AgencyContract.FixedClock.class)
abstract class AgencyContract extends ApplicationTest {

    static final String MANAGER = "managertest";
    static final String SECRET = "agency-contract-secret";
    static final String CASES = "/agency/cases";
    static final Instant NOW = Instant.parse("2025-02-14T12:00:00Z");
    static final WireMockServer AGENCY = new WireMockServer(options().dynamicPort());
    static final Path FOLDER;

    static {
        AGENCY.start();
        try {
            FOLDER = Files.createTempDirectory("overdue-agency-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void agency(DynamicPropertyRegistry registry) {
        registry.add("overdue.agency.folder", FOLDER::toString);
        registry.add("overdue.agency.webhook-url", () -> AGENCY.baseUrl() + CASES);
        registry.add("overdue.agency.webhook-secret", () -> SECRET);
    }

    @AfterAll
    static void removeCaseFiles() throws IOException {
        // Case files name debtors; none should outlive the test run in a shared temporary folder.
        if (Files.exists(FOLDER)) {
            try (Stream<Path> paths = Files.walk(FOLDER)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        Clock agencyTestClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired AgencyHandOvers handOvers;
    @Autowired EmailChannel email;
    @Autowired SmsChannel sms;
    @Autowired LetterChannel letters;
    @Autowired ObjectMapper mapper;

    @BeforeEach
    void agencyAcceptsAndManagerExists() {
        AGENCY.resetAll();
        AGENCY.stubFor(post(urlPathEqualTo(CASES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"reference\": \"AG-77\"}")));
        if (identity.createUserQuery().userId(MANAGER).count() == 0) {
            User user = identity.newUser(MANAGER);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(MANAGER, "managers");
        }
    }

    // --- test data through the intake API, as the ERP sends it

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private String customer(String country, String kind, String organisationNumber, String language) {
        String number = unique("C");
        String body = """
                {"name": "Fjellheim Elektro AS", %s "kind": "%s", "country": "%s", "language": "%s",
                 "email": "faktura@fjellheim.example", "phone": "+4791234567",
                 "contacts": [{"role": "ACCOUNTS_PAYABLE", "name": "Kari Bok", "email": "ap@fjellheim.example"},
                              {"role": "CFO", "name": "Per Økonomi", "email": "per@fjellheim.example", "phone": "+4792345678"}]}
                """.formatted(organisationNumber == null ? "" : "\"organisationNumber\": \"" + organisationNumber + "\",",
                kind, country, language);
        ResponseEntity<String> response = as(ERP).exchange("/api/customers/" + number, HttpMethod.PUT,
                new HttpEntity<>(body, json()), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
        return number;
    }

    private String invoice(String customer, String currency, String openBalance) {
        String number = uniqueDigits();
        String body = """
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "2024-12-15", "dueDate": "2025-01-15",
                 "currency": "%s", "amount": 10000.00, "openBalance": %s}""".formatted(number, customer, currency, openBalance);
        ResponseEntity<String> response = as(ERP).postForEntity("/api/invoices", new HttpEntity<>(body, json()), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
        return number;
    }

    private String norwegianInvoice() {
        return invoice(customer("NO", "BUSINESS", "923609016", "nb"), "NOK", "10000.00");
    }

    private JsonNode sentCaseFile(String invoice) throws IOException {
        var events = AGENCY.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains("\"invoiceNumber\" : \"" + invoice + "\""))
                .toList();
        assertThat(events).hasSize(1);
        return mapper.readTree(events.get(0).getRequest().getBody());
    }

    private static List<Path> filesOf(String invoice) throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(f -> f.getFileName().toString().startsWith(invoice + "-")).toList();
        }
    }

    // --- the case file

    @Test
    void theCaseFileHoldsTheInvoiceTheDebtorsContactsEveryNoticeAndLetterAndTheInterest() throws IOException {
        String invoice = norwegianInvoice();
        Notice notice = TestNotices.firstReminder(invoice, "C", "ap@fjellheim.example", PaymentReferences.kidMod10(invoice));
        email.send(notice);
        sms.send(new Notice(notice.idempotencyKey(), invoice, "C", "+4791234567", "first-reminder", notice.locale(),
                notice.model()));
        long letterId = letters.store(new Notice(notice.idempotencyKey(), invoice, "C", null, "first-reminder",
                notice.locale(), notice.model())).id();

        AgencyCase handedOver = handOvers.handOver(invoice, null);

        assertThat(handedOver.externalReference()).isEqualTo("AG-77");
        assertThat(handedOver.agency()).isEqualTo("fileAndWebhookAgency");
        assertThat(handedOver.status()).isEqualTo(AgencyStatus.HANDED_OVER);
        JsonNode file = sentCaseFile(invoice);
        assertThat(file.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(file.path("handOverId").asText()).isEqualTo("overdue-handover:" + invoice);
        assertThat(file.path("handOverDate").asText()).isEqualTo("2025-02-14");
        assertThat(file.at("/creditor/name").asText()).isEqualTo("Overdue Demo AS");
        assertThat(file.at("/creditor/bankAccount").asText()).isEqualTo("1503.12.34567");
        assertThat(file.at("/creditor/organisationNumber").asText()).isEqualTo("923456783");

        JsonNode invoiceFacts = file.path("invoice");
        assertThat(invoiceFacts.path("invoiceNumber").asText()).isEqualTo(invoice);
        assertThat(invoiceFacts.path("issueDate").asText()).isEqualTo("2024-12-15");
        assertThat(invoiceFacts.path("dueDate").asText()).isEqualTo("2025-01-15");
        assertThat(invoiceFacts.path("currency").asText()).isEqualTo("NOK");
        assertThat(invoiceFacts.path("amount").decimalValue()).isEqualByComparingTo("10000");
        assertThat(invoiceFacts.path("openBalance").decimalValue()).isEqualByComparingTo("10000");
        assertThat(invoiceFacts.path("paymentReference").asText()).isEqualTo(PaymentReferences.kidMod10(invoice));
        assertThat(invoiceFacts.path("referenceType").asText()).isEqualTo("KID");
        assertThat(invoiceFacts.path("status").asText()).isEqualTo("OPEN");

        JsonNode debtor = file.path("debtor");
        assertThat(debtor.path("kind").asText()).isEqualTo("BUSINESS");
        assertThat(debtor.path("organisationNumber").asText()).isEqualTo("923609016");
        assertThat(debtor.path("country").asText()).isEqualTo("NO");
        assertThat(debtor.path("language").asText()).isEqualTo("nb");
        assertThat(debtor.path("email").asText()).isEqualTo("faktura@fjellheim.example");
        assertThat(debtor.path("phone").asText()).isEqualTo("+4791234567");
        assertThat(debtor.path("contacts")).hasSize(2);
        assertThat(debtor.at("/contacts/1/role").asText()).isEqualTo("CFO");
        assertThat(debtor.at("/contacts/1/name").asText()).isEqualTo("Per Økonomi");
        assertThat(debtor.at("/contacts/1/email").asText()).isEqualTo("per@fjellheim.example");
        assertThat(debtor.at("/contacts/1/phone").asText()).isEqualTo("+4792345678");

        JsonNode notices = file.path("notices");
        assertThat(notices).hasSize(3);
        assertThat(notices.findValuesAsText("channel")).containsExactly("EMAIL", "SMS", "LETTER");
        assertThat(notices.get(0).path("recipient").asText()).isEqualTo("ap@fjellheim.example");
        assertThat(notices.get(0).path("template").asText()).isEqualTo("first-reminder");
        assertThat(notices.get(0).path("subject").asText()).contains(invoice);
        assertThat(notices.get(0).path("content").asText()).contains("1503.12.34567");
        assertThat(notices.get(0).path("status").asText()).isEqualTo("SENT");
        assertThat(notices.get(0).path("providerId").asText()).isNotBlank();
        assertThat(notices.get(0).path("sentAt").asText()).isEqualTo("2025-02-14T12:00:00Z");
        assertThat(notices.get(1).path("recipient").asText()).isEqualTo("+4791234567");
        assertThat(notices.get(2).path("status").asText()).isEqualTo("STORED");
        assertThat(file.path("letters")).hasSize(1);
        assertThat(file.at("/letters/0/id").asLong()).isEqualTo(letterId);
        assertThat(file.at("/letters/0/template").asText()).isEqualTo("first-reminder");
        assertThat(file.at("/letters/0/createdAt").asText()).isEqualTo("2025-02-14T12:00:00Z");
        assertThat(file.at("/letters/0/downloadPath").asText())
                .isEqualTo("/api/invoices/" + invoice + "/letters/" + letterId);

        // NOK 10,000 from 2025-01-16 to 2025-02-14: 30 days at 12.5 % = 102.74 (docs/charges.md).
        JsonNode interest = file.at("/charges/lateInterest");
        assertThat(interest.path("computed").asBoolean()).isTrue();
        assertThat(interest.path("principal").decimalValue()).isEqualByComparingTo("10000");
        assertThat(interest.path("fromDay").asText()).isEqualTo("2025-01-16");
        assertThat(interest.path("untilDay").asText()).isEqualTo("2025-02-14");
        assertThat(interest.path("amount").decimalValue()).isEqualByComparingTo("102.74");
        assertThat(interest.at("/periods/0/days").asLong()).isEqualTo(30);
        assertThat(interest.at("/periods/0/annualRatePercent").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(interest.path("notComputedReason").isNull()).isTrue();
        JsonNode compensation = file.at("/charges/fixedCompensation");
        assertThat(compensation.path("charged").asBoolean()).isTrue();
        assertThat(compensation.path("amount").decimalValue()).isEqualByComparingTo("470");
        assertThat(compensation.path("currency").asText()).isEqualTo("NOK");
        assertThat(file.at("/charges/fees").isArray()).isTrue();
        assertThat(file.path("disputes").isArray()).isTrue();
        assertThat(file.path("disputes")).isEmpty();
        assertThat(file.path("promises").isArray()).isTrue();
        assertThat(file.path("promises")).isEmpty();

        // The folder got the same document, once, under its final name.
        List<Path> files = filesOf(invoice);
        assertThat(files).singleElement().satisfies(path ->
                assertThat(path.getFileName().toString()).isEqualTo(invoice + "-20250214T120000Z.json"));
        assertThat(mapper.readTree(files.get(0).toFile())).isEqualTo(file);
        try (Stream<Path> all = Files.list(FOLDER)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
        assertThat(mapper.readTree(handOvers.sentCaseFile(invoice).orElseThrow())).isEqualTo(file);
    }

    @Test
    void withoutARateTheCaseFileGivesThePrincipalAndNamesTheMissingRate() throws IOException {
        String invoice = invoice(customer("SE", "BUSINESS", null, "sv"), "SEK", "4000.00");

        handOvers.handOver(invoice, null);

        JsonNode interest = sentCaseFile(invoice).at("/charges/lateInterest");
        assertThat(interest.path("computed").asBoolean()).isFalse();
        assertThat(interest.path("principal").decimalValue()).isEqualByComparingTo("4000");
        assertThat(interest.path("currency").asText()).isEqualTo("SEK");
        assertThat(interest.path("amount").isNull()).isTrue();
        assertThat(interest.path("notComputedReason").asText())
                .contains("could not be computed")
                .contains("No REFERENCE_RATE in force for SE on 2025-01-16")
                .contains("add the row valid from 2025-01-01");
        assertThat(interest.at("/missingRate/country").asText()).isEqualTo("SE");
        assertThat(interest.at("/missingRate/kind").asText()).isEqualTo("REFERENCE_RATE");
        assertThat(interest.at("/missingRate/date").asText()).isEqualTo("2025-01-16");
        assertThat(sentCaseFile(invoice).at("/charges/fixedCompensation/amount").decimalValue())
                .isEqualByComparingTo("450");
    }

    @Test
    void aSecondHandOverReturnsTheFirstAndSendsNothing() throws IOException {
        String invoice = norwegianInvoice();

        AgencyCase first = handOvers.handOver(invoice, null);
        AgencyCase second = handOvers.handOver(invoice, null);

        AGENCY.verify(1, postRequestedFor(urlPathEqualTo(CASES)).withRequestBody(containing(invoice)));
        assertThat(filesOf(invoice)).hasSize(1);
        assertThat(second.handedOverAt()).isEqualTo(first.handedOverAt());
        assertThat(second.externalReference()).isEqualTo("AG-77");
    }

    @Test
    void aFailedDeliveryIsThrownAndLeavesNoRecordSoTheRetrySends() {
        String invoice = norwegianInvoice();
        AGENCY.resetAll();
        AGENCY.stubFor(post(urlPathEqualTo(CASES)).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> handOvers.handOver(invoice, null)).isInstanceOf(AgencyDeliveryException.class);
        assertThat(handOvers.find(invoice)).isEmpty();

        AGENCY.resetAll();
        AGENCY.stubFor(post(urlPathEqualTo(CASES)).willReturn(aResponse().withStatus(202)));
        assertThat(handOvers.handOver(invoice, null).externalReference()).isNull();
        assertThat(handOvers.find(invoice)).isPresent();
    }

    @Test
    void aPaidInvoiceOrAnUnknownAgencyIsNotHandedOver() {
        String paid = invoice(customer("NO", "CONSUMER", null, "nb"), "NOK", "0");
        assertThatThrownBy(() -> handOvers.handOver(paid, null))
                .isInstanceOf(RefusedException.class).hasMessageContaining("PAID");
        String open = norwegianInvoice();
        assertThatThrownBy(() -> handOvers.handOver(open, "noSuchAgency"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fileAndWebhookAgency");
        AGENCY.verify(0, postRequestedFor(urlPathEqualTo(CASES)));
    }

    // --- status updates from the agency

    private ResponseEntity<String> postStatus(String user, String invoice, String body) {
        return as(user).postForEntity("/api/invoices/" + invoice + "/agency-status", new HttpEntity<>(body, json()),
                String.class);
    }

    @Test
    void aStatusUpdateIsStoredOncePerUpdateIdAndShownWithTheHandOver() throws IOException {
        String invoice = norwegianInvoice();
        handOvers.handOver(invoice, null);
        String received = """
                {"status": "RECEIVED", "occurredAt": "2025-02-14T09:00:00+01:00", "updateId": "u-1"}""";
        String paidInPart = """
                {"status": "PARTIALLY_PAID", "amountCollected": 2500.50, "note": "First instalment",
                 "occurredAt": "2025-02-14T11:30:00Z", "updateId": "u-2"}""";

        assertThat(postStatus(ERP, invoice, received).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(postStatus(ERP, invoice, paidInPart).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<String> repeat = postStatus(ERP, invoice, received);
        assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> reused = postStatus(ERP, invoice, """
                {"status": "PAID", "amountCollected": 10000, "occurredAt": "2025-02-14T11:45:00Z", "updateId": "u-1"}""");
        assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(reused.getBody()).contains("urn:overdue:problem:refused", "u-1");

        ResponseEntity<String> shown = as(COLLECTOR).getForEntity("/api/invoices/" + invoice + "/agency", String.class);
        assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode agencyCase = mapper.readTree(shown.getBody());
        assertThat(agencyCase.path("externalReference").asText()).isEqualTo("AG-77");
        assertThat(agencyCase.path("status").asText()).isEqualTo("PARTIALLY_PAID");
        assertThat(agencyCase.path("amountCollected").decimalValue()).isEqualByComparingTo("2500.50");
        assertThat(agencyCase.path("updates")).hasSize(2);
        assertThat(agencyCase.path("updates").findValuesAsText("updateId")).containsExactly("u-1", "u-2");
        assertThat(agencyCase.at("/updates/0/occurredAt").asText()).isEqualTo("2025-02-14T08:00:00Z");
        assertThat(agencyCase.at("/updates/1/note").asText()).isEqualTo("First instalment");
        assertThat(agencyCase.at("/updates/1/receivedFrom").asText()).isEqualTo(ERP);
    }

    @Test
    void anUpdateThatArrivesLateDoesNotOverrideALaterOne() {
        String invoice = norwegianInvoice();
        handOvers.handOver(invoice, null);
        postStatus(ERP, invoice, """
                {"status": "IN_PROGRESS", "occurredAt": "2025-02-14T10:00:00Z", "updateId": "late-2"}""");
        postStatus(ERP, invoice, """
                {"status": "RECEIVED", "occurredAt": "2025-02-14T09:00:00Z", "updateId": "late-1"}""");

        AgencyCase agencyCase = handOvers.find(invoice).orElseThrow();
        assertThat(agencyCase.status()).isEqualTo(AgencyStatus.IN_PROGRESS);
        assertThat(agencyCase.updates()).extracting(AgencyCase.StatusUpdate::updateId).containsExactly("late-1", "late-2");
    }

    @Test
    void badStatusUpdatesAreRefusedNamingEveryField() throws IOException {
        String invoice = norwegianInvoice();
        handOvers.handOver(invoice, null);

        ResponseEntity<String> response = postStatus(ERP, invoice, """
                {"status": "LOST", "amountCollected": -5, "note": "%s", "occurredAt": "yesterday", "updateId": " "}"""
                .formatted("x".repeat(2001)));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = mapper.readTree(response.getBody());
        assertThat(problem.path("type").asText()).isEqualTo("urn:overdue:problem:invalid-input");
        assertThat(problem.path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("updateId", "status", "occurredAt", "amountCollected", "note");
        assertThat(handOvers.find(invoice).orElseThrow().updates()).isEmpty();

        JsonNode missing = mapper.readTree(postStatus(ERP, invoice, """
                {"status": "PAID", "occurredAt": "2026-01-01T00:00:00Z", "updateId": "p-1"}""").getBody());
        assertThat(missing.path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("amountCollected", "occurredAt");
        assertThat(missing.path("detail").asText()).contains("is required with status PAID", "is in the future");
    }

    @Test
    void statusForAnUnknownInvoiceOrOneNotHandedOverIsNotFound() {
        String body = """
                {"status": "RECEIVED", "occurredAt": "2025-02-14T09:00:00Z", "updateId": "n-1"}""";
        ResponseEntity<String> unknown = postStatus(ERP, "NO-SUCH-INVOICE", body);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).contains("urn:overdue:problem:not-found", "Invoice NO-SUCH-INVOICE");

        String notHandedOver = norwegianInvoice();
        assertThat(postStatus(ERP, notHandedOver, body).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(as(COLLECTOR).getForEntity("/api/invoices/" + notHandedOver + "/agency", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void collectorsMayNotReportAgencyStatus() {
        String invoice = norwegianInvoice();
        handOvers.handOver(invoice, null);
        assertThat(postStatus(COLLECTOR, invoice, """
                {"status": "RECEIVED", "occurredAt": "2025-02-14T09:00:00Z", "updateId": "c-1"}""").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(postStatus(MANAGER, invoice, """
                {"status": "RECEIVED", "occurredAt": "2025-02-14T09:00:00Z", "updateId": "m-1"}""").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    // --- write-off

    private ResponseEntity<String> writeOff(String user, String invoice, String reason) {
        return as(user).postForEntity("/api/invoices/" + invoice + "/write-off",
                new HttpEntity<>(reason == null ? "{}" : "{\"reason\": \"" + reason + "\"}", json()), String.class);
    }

    @Test
    void onlyManagersWriteOffAndTheRecordSaysWhoAndWhy() throws IOException {
        String invoice = norwegianInvoice();

        assertThat(writeOff(ERP, invoice, "ERP may not").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(writeOff(COLLECTOR, invoice, "collector may not").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> noReason = writeOff(MANAGER, invoice, null);
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody()).contains("\"field\":\"reason\"");

        ResponseEntity<String> written = writeOff(MANAGER, invoice, "Debtor bankrupt, estate without assets");
        assertThat(written.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode record = mapper.readTree(written.getBody());
        assertThat(record.path("writtenOffBy").asText()).isEqualTo(MANAGER);
        assertThat(record.path("reason").asText()).isEqualTo("Debtor bankrupt, estate without assets");
        assertThat(record.path("amount").decimalValue()).isEqualByComparingTo("10000");
        assertThat(record.path("currency").asText()).isEqualTo("NOK");
        assertThat(record.path("writtenOffAt").asText()).isEqualTo("2025-02-14T12:00:00Z");

        ResponseEntity<String> again = writeOff(MANAGER, invoice, "twice");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).contains("written off by " + MANAGER);
    }

    @Test
    void aPaidInvoiceIsNotWrittenOffAndAnUnknownOneIsNotFound() {
        String paid = invoice(customer("NO", "CONSUMER", null, "nb"), "NOK", "0");

        ResponseEntity<String> refused = writeOff(MANAGER, paid, "too late");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).contains("urn:overdue:problem:refused", "is PAID");
        assertThat(writeOff(MANAGER, "NO-SUCH-INVOICE", "gone").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
