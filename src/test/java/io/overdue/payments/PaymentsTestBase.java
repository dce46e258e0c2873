package io.overdue.payments;

import com.jayway.jsonpath.JsonPath;
import io.overdue.shared.PaymentReferences;
import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Test data and requests shared by the payment contracts: customers, invoices, payments, bank files. */
abstract class PaymentsTestBase extends ApplicationTest {


    static final LocalDate TODAY = LocalDate.now(CREDITOR_ZONE);

    @Autowired JdbcTemplate jdbc;

    // ---------------------------------------------------------------- helpers

    /** A Norwegian business customer of a name no other test uses; returns its number. */
    String customer(String name) {
        String number = unique("C");
        ResponseEntity<String> put = as(ERP).exchange("/api/customers/" + number, HttpMethod.PUT, jsonEntity("""
                {"name": "%s", "kind": "BUSINESS", "country": "NO", "language": "nb", "email": "ar@example.com"}"""
                .formatted(name)), String.class);
        assertThat(put.getStatusCode().is2xxSuccessful()).as(put.getBody()).isTrue();
        return number;
    }

    /** An open NOK invoice due in ten days; returns its payment reference (KID). */
    String invoice(String customer, String number, String amount) {
        ResponseEntity<String> posted = as(ERP).postForEntity("/api/invoices", jsonEntity("""
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                 "currency": "NOK", "amount": %s}""".formatted(number, customer, TODAY.minusDays(4), TODAY.plusDays(10),
                amount)), String.class);
        assertThat(posted.getStatusCode()).as(posted.getBody()).isEqualTo(HttpStatus.CREATED);
        return JsonPath.read(posted.getBody(), "$.paymentReference");
    }

    /** New invoices of one customer, one per amount; returns their numbers. */
    List<String> invoices(String customer, String... amounts) {
        List<String> numbers = new ArrayList<>();
        for (String amount : amounts) {
            numbers.add(uniqueDigits());
            invoice(customer, numbers.get(numbers.size() - 1), amount);
        }
        return numbers;
    }

    ResponseEntity<String> pay(String json) {
        return as(ERP).postForEntity("/api/payments", jsonEntity(json), String.class);
    }

    /** A payment of today with only the given fields besides id, amount and currency (e.g. {@code "reference": "…"}). */
    static String payment(String paymentId, String amount, String fields) {
        return """
                {"paymentId": "%s", "amount": %s, "currency": "NOK", "bookedOn": "%s"%s}"""
                .formatted(paymentId, amount, TODAY, fields.isEmpty() ? "" : ", " + fields);
    }

    String invoiceRead(String number, String path) {
        return String.valueOf((Object) JsonPath.read(as(ERP).getForEntity("/api/invoices/" + number, String.class).getBody(), path));
    }

    String paymentRead(String paymentId, String path) {
        ResponseEntity<String> read = as(COLLECTOR).getForEntity("/api/payments/" + paymentId, String.class);
        assertThat(read.getStatusCode()).as(read.getBody()).isEqualTo(HttpStatus.OK);
        return String.valueOf((Object) JsonPath.read(read.getBody(), path));
    }

    long rows(String table, String paymentId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE payment_id = ?", Long.class, paymentId);
    }

    static String field(ResponseEntity<String> response, String path) {
        return String.valueOf((Object) JsonPath.read(response.getBody(), path));
    }

    static void assertInvalid(ResponseEntity<String> response, String... fields) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<String> named = JsonPath.read(response.getBody(), "$.errors[*].field");
        assertThat(named).containsExactlyInAnyOrder(fields);
    }

    ResponseEntity<String> importFile(byte[] xml) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_XML);
        return as(ERP).postForEntity("/api/payments/import", new HttpEntity<>(xml, headers), String.class);
    }

    /** A camt.054 notification of one booked credit batching the given transactions, and one debit. */
    static byte[] notification(String messageId, String... transactions) {
        String entries = """
                <Ntry><Amt Ccy="NOK">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                 <BookgDt><Dt>%1$s</Dt></BookgDt><AcctSvcrRef>%2$s-E1</AcctSvcrRef>
                 <NtryDtls>%3$s</NtryDtls></Ntry>
                <Ntry><Amt Ccy="NOK">99.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                 <BookgDt><Dt>%1$s</Dt></BookgDt><AcctSvcrRef>%2$s-E2</AcctSvcrRef></Ntry>
                """.formatted(TODAY, messageId, String.join("", transactions));
        try (var in = Camt054Generator.notification("08", messageId, entries)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String transaction(String id, String amount, String kid) {
        return """
                <TxDtls><Refs><AcctSvcrRef>%s</AcctSvcrRef></Refs><Amt Ccy="NOK">%s</Amt>
                 <RmtInf><Strd><CdtrRefInf><Ref>%s</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>""".formatted(id, amount, kid);
    }

}
