package io.overdue.agency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default adapter on its own: the folder, the signed webhook, and what a failure looks like. */
class FileAndWebhookAgencyTest {

    static final String SECRET = "agency-test-secret";
    static final String PATH = "/cases";
    static final WireMockServer AGENCY = new WireMockServer(options().dynamicPort());
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T09:30:15Z"), ZoneOffset.UTC);
    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    static final CaseFileJson JSON = new CaseFileJson(MAPPER);

    static {
        AGENCY.start();
    }

    @TempDir
    Path folder;

    @AfterAll
    static void stop() {
        AGENCY.stop();
    }

    @BeforeEach
    void reset() {
        AGENCY.resetAll();
    }

    static CaseFile caseFile(String invoiceNumber) {
        return new CaseFile(CaseFile.SCHEMA_VERSION, CaseFiles.HAND_OVER_ID_PREFIX + invoiceNumber,
                CLOCK.instant(), LocalDate.of(2026, 11, 22),
                new CaseFile.Creditor("Overdue Demo AS", "923456783", "1503.12.34567", "ar@example.com", "+4722000000"),
                new CaseFile.Debtor("C1", "Fjellheim Elektro AS", "BUSINESS", "923609016", "NO", "nb", null, null,
                        List.of(new CaseFile.Contact("CFO", "Per Økonomi", "per@example.com", null))),
                new CaseFile.InvoiceFacts(invoiceNumber, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1), "NOK",
                        new BigDecimal("1250.50"), new BigDecimal("1250.50"), "70019", "KID", "OPEN"),
                new CaseFile.ChargeFacts(null, null, List.of()), List.of(), List.of(), List.of(), List.of());
    }

    private FileAndWebhookAgency agency(Path folder, URI webhook, Duration timeout) {
        return new FileAndWebhookAgency(new AgencyProperties(null, folder, webhook, webhook == null ? null : SECRET,
                Duration.ofSeconds(2), timeout, ZoneId.of("Europe/Oslo")), JSON, MAPPER, CLOCK);
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void theFolderGetsOneCompleteFileNamedByInvoiceAndTimeAndNoTemporaryFile() throws Exception {
        CaseFile caseFile = caseFile("7001/A");

        HandOverReceipt receipt = agency(folder, null, Duration.ofSeconds(5)).handOver(caseFile);
        HandOverReceipt retry = agency(folder, null, Duration.ofSeconds(5)).handOver(caseFile);

        Path expected = folder.resolve("7001_A-20261122T093015Z.json");
        assertThat(files(folder)).containsExactly(expected);
        assertThat(Files.readAllBytes(expected)).isEqualTo(JSON.write(caseFile));
        assertThat(receipt.delivery()).isEqualTo(expected.toString());
        assertThat(receipt.agencyReference()).isNull();
        assertThat(retry.delivery()).isEqualTo(expected.toString());
    }

    @Test
    void theWebhookGetsTheSameBytesSignedWithHmacAndAnIdempotencyKey() {
        CaseFile caseFile = caseFile("7002");
        byte[] body = JSON.write(caseFile);
        AGENCY.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"reference\": \"AG-2026-0042\"}")));

        HandOverReceipt receipt = agency(null, URI.create(AGENCY.baseUrl() + PATH), Duration.ofSeconds(5))
                .handOver(caseFile);

        assertThat(receipt.agencyReference()).isEqualTo("AG-2026-0042");
        AGENCY.verify(1, postRequestedFor(urlPathEqualTo(PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Idempotency-Key", equalTo("overdue-handover:7002"))
                .withHeader("X-Overdue-Signature", equalTo(io.overdue.shared.WebhookSignature.of(body, SECRET)))
                .withRequestBody(binaryEqualTo(body)));
        // The agency's side: recompute the HMAC over the bytes it received with the shared secret.
        var received = AGENCY.getAllServeEvents().get(0).getRequest();
        assertThat(received.getHeader("X-Overdue-Signature"))
                .isEqualTo("sha256=" + hmacAsAnAgencyWould(received.getBody()));
        assertThat(new String(received.getBody(), StandardCharsets.UTF_8)).contains("\"schemaVersion\" : 1");
    }

    private static String hmacAsAnAgencyWould(byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            StringBuilder hex = new StringBuilder();
            for (byte b : mac.doFinal(body)) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aServerErrorIsThrownForTheJobToRetry() {
        AGENCY.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("database down")));

        assertThatThrownBy(() -> agency(null, URI.create(AGENCY.baseUrl() + PATH), Duration.ofSeconds(5))
                .handOver(caseFile("7003")))
                .isInstanceOf(AgencyDeliveryException.class)
                .hasMessageContaining("answered 500")
                .hasMessageContaining("7003")
                .hasMessageContaining("database down");
    }

    @Test
    void aSlowAgencyTimesOutAndIsThrown() {
        AGENCY.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));

        assertThatThrownBy(() -> agency(null, URI.create(AGENCY.baseUrl() + PATH), Duration.ofMillis(300))
                .handOver(caseFile("7004")))
                .isInstanceOf(AgencyDeliveryException.class)
                .hasMessageContaining("did not take the case file of invoice 7004");
    }

    @Test
    void aFailedWebhookAfterTheFileIsThrownAndTheRetryWritesNoSecondFile() throws Exception {
        URI webhook = URI.create(AGENCY.baseUrl() + PATH);
        AGENCY.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> agency(folder, webhook, Duration.ofSeconds(5)).handOver(caseFile("7005")))
                .isInstanceOf(AgencyDeliveryException.class);

        AGENCY.resetAll();
        AGENCY.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(204)));
        HandOverReceipt receipt = agency(folder, webhook, Duration.ofSeconds(5)).handOver(caseFile("7005"));

        assertThat(files(folder)).hasSize(1);
        assertThat(receipt.delivery()).contains("7005-20261122T093015Z.json").contains(webhook.toString());
    }

    @Test
    void withNeitherFolderNorWebhookTheHandOverIsRefused() {
        assertThatThrownBy(() -> agency(null, null, Duration.ofSeconds(5)).handOver(caseFile("7006")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither a folder (overdue.agency.folder) nor a webhook (overdue.agency.webhook-url)");
    }

    @Test
    void aWebhookWithoutSecretDoesNotStart() {
        assertThatThrownBy(() -> new AgencyProperties(null, null, URI.create("https://agency.example/cases"), " ",
                null, null, null))
                .hasMessageContaining("OVERDUE_AGENCY_WEBHOOK_SECRET");
        assertThat(new AgencyProperties(null, null, URI.create("https://agency.example/cases"), "s3cret", null, null, null)
                .toString()).doesNotContain("s3cret");
    }
}
