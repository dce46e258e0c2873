package io.overdue.dunning;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import io.overdue.channels.SmsChannel;
import io.overdue.support.ApplicationTest;
import io.overdue.support.TwilioEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.overdue.dunning.DunningTestData.today;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio's calls to us over HTTP, signed as Twilio signs them (HMAC-SHA1 of the URL and the sorted form parameters
 * under the auth token, computed here independently of the SDK): delivery reports in any order and repeated, STOP and
 * START from a customer's number, replies shown on the customer's cases, and unsigned calls refused. Each test's
 * customer has a mobile number of its own, so that a STOP here stops no other test's SMS. Also the customer's log of
 * all of it, exported for an agency or a court, and the database keeping it append-only. Runs on H2 and PostgreSQL.
 */
abstract class SmsRoundTripContract extends ApplicationTest {

    static final String SID = "AC00000000000000000000000000000b7";
    static final String TOKEN = "round-trip-test-token";
    static final TwilioEmulator TWILIO_API = new TwilioEmulator(SID, TOKEN);
    static final WireMockServer TWILIO = TWILIO_API.server();

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        TWILIO_API.register(registry);
    }

    @LocalServerPort int port;
    @Autowired DunningNotices notices;
    @Autowired JdbcTemplate jdbc;

    @BeforeEach
    void twilioAccepts() {
        TWILIO.resetAll();
    }

    @Test
    void deliveryReportsInAnyOrderAndRepeatedLeaveTheMostAdvancedState() {
        String phone = uniqueMobile();
        String invoice = debtOf(phone);
        String messageSid = smsSentAs(invoice, phone);

        for (String status : List.of("sent", "delivered", "sent", "queued", "delivered")) {
            assertThat(report(messageSid, status, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        }

        assertThat(smsEntry(invoice, "delivery")).isEqualTo("delivered");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sms_status_event WHERE message_sid = ?", Long.class, messageSid))
                .as("one report per status").isEqualTo(3);
    }

    @Test
    void anUndeliveredSmsShowsItsErrorOnTheCase() {
        String phone = uniqueMobile();
        String invoice = debtOf(phone);
        String messageSid = smsSentAs(invoice, phone);

        report(messageSid, "sent", null);
        report(messageSid, "undelivered", "30003");

        assertThat(smsEntry(invoice, "delivery")).isEqualTo("undelivered");
        assertThat(smsEntry(invoice, "deliveryError")).isEqualTo("30003");
    }

    @Test
    void callsWithoutAValidSignatureAreRefusedAndKeepNothing() {
        String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> form = Map.of("MessageSid", messageSid, "MessageStatus", "delivered");

        ResponseEntity<String> unsigned = post("/webhooks/twilio/status", form, null);
        ResponseEntity<String> wrong = post("/webhooks/twilio/status", form, sign("/webhooks/twilio/status", form, "another-token"));
        Map<String, String> inbound = Map.of("MessageSid", messageSid, "From", uniqueMobile(), "Body", "STOP");
        ResponseEntity<String> tampered = post("/webhooks/twilio/inbound", Map.of("MessageSid", messageSid, "From",
                inbound.get("From"), "Body", "START"), sign("/webhooks/twilio/inbound", inbound, TOKEN));

        for (ResponseEntity<String> refused : List.of(unsigned, wrong, tampered)) {
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat((String) JsonPath.read(refused.getBody(), "$.detail")).contains("X-Twilio-Signature");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sms_status_event WHERE message_sid = ?", Long.class, messageSid)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sms_inbound WHERE message_sid = ?", Long.class, messageSid)).isZero();
    }

    @Test
    void aSignedCallWithoutItsParametersIsABadRequestNamingThem() {
        Map<String, String> form = Map.of("MessageStatus", "teleported");
        ResponseEntity<String> response = post("/webhooks/twilio/status", form, sign("/webhooks/twilio/status", form, TOKEN));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<String> fields = JsonPath.read(response.getBody(), "$.errors[*].field");
        assertThat(fields).containsExactlyInAnyOrder("MessageSid", "MessageStatus");
    }

    @Test
    void stopOptsTheNumberOutAndStartOptsItBackIn() {
        String phone = uniqueMobile();
        String invoice = debtOf(phone);

        ResponseEntity<String> stop = inbound(phone, " Stopp ");
        assertThat(stop.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(stop.getBody()).contains("<Response></Response>");

        assertThat(notices.send(invoice, 2, 1)).isPresent();
        TWILIO.verify(0, postRequestedFor(urlPathEqualTo(TWILIO_API.messagesPath())));
        assertThat(smsEntry(invoice, "status")).isEqualTo(SmsChannel.OPTED_OUT);

        inbound(phone, "START");
        String again = twilioAnswersWithNewSid(phone);
        assertThat(notices.send(invoice, 2, 2)).as("the same level in another round").isPresent();
        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(TWILIO_API.messagesPath())));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM communication_log WHERE provider_id = ?", Long.class, again))
                .isEqualTo(1);
    }

    @Test
    void aReplyIsShownOnTheCustomersCasesOnceEvenWhenTwilioSendsItTwice() {
        String phone = uniqueMobile();
        String invoice = debtOf(phone);
        String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> form = Map.of("MessageSid", messageSid, "From", phone, "To", TwilioEmulator.FROM,
                "Body", "Jeg betaler fredag, beklager!");

        post("/webhooks/twilio/inbound", form, sign("/webhooks/twilio/inbound", form, TOKEN));
        ResponseEntity<String> repeated = post("/webhooks/twilio/inbound", form, sign("/webhooks/twilio/inbound", form, TOKEN));

        assertThat(repeated.getStatusCode()).isEqualTo(HttpStatus.OK);
        String view = caseView(invoice);
        assertThat((List<String>) JsonPath.read(view, "$.replies[*].body")).containsExactly("Jeg betaler fredag, beklager!");
        assertThat((List<String>) JsonPath.read(view, "$.replies[*].kind")).containsExactly("REPLY");
        assertThat((List<String>) JsonPath.read(view, "$.replies[*].from")).containsExactly(phone);
    }

    // ---------------------------------------------------------------- the exported log (audit)

    @Test
    void theCustomersLogIsExportedAsJsonCsvAndPdfWithContentDeliveryAndReplies() throws Exception {
        String phone = uniqueMobile();
        String invoice = debtOf(phone);
        String customer = customerOf(invoice);
        String messageSid = smsSentAs(invoice, phone);
        report(messageSid, "delivered", null);
        inbound(phone, "Betaler i morgen");

        String json = export(customer, "json").getBody();
        assertThat((List<String>) JsonPath.read(json, "$[*].direction")).containsExactly("OUT", "OUT", "IN");
        assertThat((List<String>) JsonPath.read(json, "$[*].channel")).containsExactlyInAnyOrder("EMAIL", "SMS", "SMS");
        assertThat((List<String>) JsonPath.read(json, "$[?(@.channel == 'SMS' && @.direction == 'OUT')].delivery"))
                .containsExactly("delivered");
        assertThat((List<String>) JsonPath.read(json, "$[?(@.direction == 'IN')].content")).containsExactly("Betaler i morgen");

        ResponseEntity<String> csv = export(customer, "csv");
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("communications-" + customer + ".csv");
        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new java.io.StringReader(csv.getBody()))) {
            assertThat(parser.getHeaderNames()).containsExactly("time", "direction", "invoice_number", "channel",
                    "to_or_from", "template", "subject", "status", "provider_id", "delivery", "delivery_error",
                    "delivery_reported_at", "content");
            List<org.apache.commons.csv.CSVRecord> records = parser.getRecords();
            assertThat(records).hasSize(3);
            org.apache.commons.csv.CSVRecord sms = records.stream()
                    .filter(r -> r.get("channel").equals("SMS") && r.get("direction").equals("OUT")).findFirst().orElseThrow();
            assertThat(sms.get("to_or_from")).isEqualTo(phone);
            assertThat(sms.get("provider_id")).isEqualTo(messageSid);
            assertThat(sms.get("delivery")).isEqualTo("delivered");
            assertThat(sms.get("content")).as("the text as sent").contains(invoice);
            assertThat(records.stream().filter(r -> r.get("channel").equals("EMAIL")).findFirst().orElseThrow()
                    .get("content")).contains(invoice);
        }

        ResponseEntity<byte[]> pdf = as(COLLECTOR).exchange("/api/customers/" + customer + "/communications",
                org.springframework.http.HttpMethod.GET, new HttpEntity<>(acceptPdf()), byte[].class);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.getBody())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains(customer, invoice, phone, "Betaler i morgen", "delivered");
        }
    }

    @Test
    void anExportOfAnUnknownCustomerOrInAnUnknownFormatIsRefused() {
        assertThat(export("NO-SUCH-CUSTOMER", "csv").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        String customer = customerOf(debtOf(uniqueMobile()));
        ResponseEntity<String> xml = export(customer, "xml");
        assertThat(xml.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((List<String>) JsonPath.read(xml.getBody(), "$.errors[*].field")).containsExactly("format");
    }

    @Test
    void theLogAndWhatCameBackAreAppendOnly() {
        String phone = uniqueMobile();
        String invoice = debtOf(phone);
        String messageSid = smsSentAs(invoice, phone);
        report(messageSid, "delivered", null);
        inbound(phone, "Hei");

        for (String change : List.of(
                "UPDATE communication_log SET status = 'CHANGED' WHERE invoice_number = '" + invoice + "'",
                "DELETE FROM communication_log WHERE invoice_number = '" + invoice + "'",
                "UPDATE sms_status_event SET status = 'failed' WHERE message_sid = '" + messageSid + "'",
                "DELETE FROM sms_status_event WHERE message_sid = '" + messageSid + "'",
                "UPDATE sms_inbound SET body = 'changed' WHERE from_number = '" + phone + "'",
                "DELETE FROM sms_inbound WHERE from_number = '" + phone + "'")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(change)).as(change)
                    .isInstanceOf(org.springframework.dao.DataAccessException.class)
                    .hasMessageContaining("append-only");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM communication_log WHERE invoice_number = ? AND status <> 'CHANGED'",
                Long.class, invoice)).isEqualTo(2);
        assertThat(smsEntry(invoice, "delivery")).isEqualTo("delivered");
    }

    // ---------------------------------------------------------------- helpers

    private String customerOf(String invoice) {
        return jdbc.queryForObject("SELECT c.customer_number FROM invoice i JOIN customer c ON c.id = i.customer_id "
                + "WHERE i.invoice_number = ?", String.class, invoice);
    }

    private ResponseEntity<String> export(String customer, String format) {
        return as(COLLECTOR).getForEntity("/api/customers/" + customer + "/communications?format=" + format, String.class);
    }

    private static HttpHeaders acceptPdf() {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_PDF));
        return headers;
    }

    /** A Norwegian mobile number (8 digits from 9) no other test uses. */
    static String uniqueMobile() {
        return "+479" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private String debtOf(String phone) {
        return DunningTestData.level2DebtOf(as(ERP), phone);
    }

    /** Sends level 2 and returns the SMS's message id as Twilio gave it. */
    private String smsSentAs(String invoice, String phone) {
        String messageSid = twilioAnswersWithNewSid(phone);
        notices.send(invoice, 2, 1);
        assertThat(smsEntry(invoice, "providerId")).isEqualTo(messageSid);
        return messageSid;
    }

    private String twilioAnswersWithNewSid(String phone) {
        String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        TWILIO.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(TWILIO_API.messagesPath())).withFormParam("To", equalTo(phone))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                        {"account_sid": "%s", "api_version": "2010-04-01", "body": "…", "from": "%s", "num_segments": "1",
                         "sid": "%s", "status": "queued", "to": "%s"}""".formatted(SID, TwilioEmulator.FROM, messageSid, phone))));
        return messageSid;
    }

    private ResponseEntity<String> report(String messageSid, String status, String errorCode) {
        Map<String, String> form = new TreeMap<>(Map.of("MessageSid", messageSid, "MessageStatus", status,
                "AccountSid", SID, "To", "+4790000000"));
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        return post("/webhooks/twilio/status", form, sign("/webhooks/twilio/status", form, TOKEN));
    }

    private ResponseEntity<String> inbound(String from, String body) {
        Map<String, String> form = Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""),
                "From", from, "To", TwilioEmulator.FROM, "Body", body, "AccountSid", SID);
        return post("/webhooks/twilio/inbound", form, sign("/webhooks/twilio/inbound", form, TOKEN));
    }

    private ResponseEntity<String> post(String path, Map<String, String> form, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (signature != null) {
            headers.set("X-Twilio-Signature", signature);
        }
        MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);
        return http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    /** Twilio's algorithm: Base64(HMAC-SHA1(token, URL + each parameter's name and value, sorted by name)). */
    private String sign(String path, Map<String, String> form, String token) {
        StringBuilder data = new StringBuilder("http://localhost:" + port + path);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String caseView(String invoice) {
        ResponseEntity<String> view = as(COLLECTOR).getForEntity("/api/invoices/" + invoice + "/case", String.class);
        assertThat(view.getStatusCode()).as(view.getBody()).isEqualTo(HttpStatus.OK);
        return view.getBody();
    }

    /** A field of the invoice's SMS entry in the case view. */
    private String smsEntry(String invoice, String field) {
        List<Object> values = JsonPath.read(caseView(invoice), "$.communications[?(@.channel == 'SMS')]." + field);
        assertThat(values).hasSize(1);
        return String.valueOf(values.get(0));
    }
}
