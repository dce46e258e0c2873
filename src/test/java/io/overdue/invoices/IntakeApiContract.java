package io.overdue.invoices;

import com.jayway.jsonpath.JsonPath;
import io.overdue.dunning.CollectionCaseProcess;
import io.overdue.support.ApplicationTest;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake API end to end: HTTP with real logins, the database, and the cases in the engine. Runs on H2
 * and on PostgreSQL through its subclasses.
 */
abstract class IntakeApiContract extends ApplicationTest {


    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired ManagementService management;
    @Autowired JdbcTemplate jdbc;

    // ---------------------------------------------------------------- helpers

    ResponseEntity<String> putCustomer(String number, String json) {
        return as(ERP).exchange("/api/customers/" + number, HttpMethod.PUT, jsonEntity(json), String.class);
    }

    ResponseEntity<String> postInvoice(String json) {
        return as(ERP).postForEntity("/api/invoices", jsonEntity(json), String.class);
    }

    ResponseEntity<String> postBatch(String json) {
        return as(ERP).postForEntity("/api/invoices/batch", jsonEntity(json), String.class);
    }

    ResponseEntity<String> importCsv(String csv) {
        return importFile(csv.getBytes(StandardCharsets.UTF_8));
    }

    ResponseEntity<String> importFile(byte[] content) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return "invoices.csv";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return as(ERP).postForEntity("/api/invoices/import", new HttpEntity<>(body, headers), String.class);
    }

    String norwegianCustomer(String number) {
        assertThat(putCustomer(number, """
                {"name": "Fjellheim Elektro AS", "organisationNumber": "923609016", "kind": "BUSINESS",
                 "country": "NO", "language": "nb", "email": "faktura@fjellheim.example", "phone": "+4791234567",
                 "creditLimit": 50000, "creditLimitCurrency": "NOK",
                 "contacts": [{"role": "FINANCE_MANAGER", "name": "Per Økonomi", "email": "per@fjellheim.example"}]}
                """).getStatusCode().is2xxSuccessful()).isTrue();
        return number;
    }

    static String invoiceJson(String number, String customer, LocalDate due, String amount) {
        return invoiceJson(number, customer, due.minusDays(14), due, amount);
    }

    static String invoiceJson(String number, String customer, LocalDate issue, LocalDate due, String amount) {
        return """
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                 "currency": "NOK", "amount": %s}""".formatted(number, customer, issue, due, amount);
    }

    long cases(String invoiceNumber) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(CollectionCaseProcess.PROCESS_KEY)
                .processInstanceBusinessKey(invoiceNumber).count();
    }

    long invoicesInDatabase(String... numbers) {
        long count = 0;
        for (String number : numbers) {
            count += jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE invoice_number = ?", Long.class, number);
        }
        return count;
    }

    Job jobOf(String invoiceNumber) {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoiceNumber).singleResult().getId();
        // The due-date timer; the case also has the courtesy reminder's timer, at process level.
        return management.createJobQuery().processInstanceId(instance).activityId(CollectionCaseProcess.Elements.DUE_DATE_PASSED)
                .singleResult();
    }

    static List<String> errorFields(ResponseEntity<String> response) {
        return JsonPath.read(response.getBody(), "$.errors[*].field");
    }

    static void assertProblem(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(PROBLEM);
        assertThat((String) JsonPath.read(response.getBody(), "$.title")).isEqualTo("Invalid input");
        assertThat((String) JsonPath.read(response.getBody(), "$.detail")).contains("nothing from this request was written");
    }

    // ---------------------------------------------------------------- customers

    @Test
    void aCustomerIsCreatedThenUpdatedAndASecondIdenticalPutChangesNothing() {
        String number = unique("C");
        String json = """
                {"name": "Kari Nordmann", "kind": "CONSUMER", "country": "no", "language": "NB",
                 "phone": "412 34 567", "email": "kari@example.com"}""";
        ResponseEntity<String> created = putCustomer(number, json);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((String) JsonPath.read(created.getBody(), "$.phone")).isEqualTo("+4741234567");
        assertThat((String) JsonPath.read(created.getBody(), "$.country")).isEqualTo("NO");
        assertThat((String) JsonPath.read(created.getBody(), "$.result")).isEqualTo("CREATED");

        ResponseEntity<String> again = putCustomer(number, json);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((String) JsonPath.read(again.getBody(), "$.result")).isEqualTo("UNCHANGED");

        ResponseEntity<String> updated = putCustomer(number, json.replace("\"kari@example.com\"", "\"kari@nordmann.example\", \"smsOptOut\": true"));
        assertThat((String) JsonPath.read(updated.getBody(), "$.result")).isEqualTo("UPDATED");
        ResponseEntity<String> read = as(COLLECTOR).getForEntity("/api/customers/" + number, String.class);
        assertThat((String) JsonPath.read(read.getBody(), "$.email")).isEqualTo("kari@nordmann.example");
        assertThat((Boolean) JsonPath.read(read.getBody(), "$.smsOptOut")).isTrue();
    }

    @Test
    void aBadCustomerIsRefusedNamingEveryFieldAndNothingIsWritten() {
        String number = unique("C");
        ResponseEntity<String> response = putCustomer(number, """
                {"name": "", "organisationNumber": "923609017", "kind": "BUSINESS", "country": "NO", "language": "xx",
                 "email": "not-an-email", "phone": "+47123",
                 "contacts": [{"role": "CFO", "name": "Per", "phone": "555"}]}""");
        assertProblem(response);
        assertThat(errorFields(response)).containsExactlyInAnyOrder("name", "organisationNumber", "language", "email",
                "phone", "contacts[0].phone");
        assertThat(as(ERP).getForEntity("/api/customers/" + number, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void anUnknownCustomerAnswersNotFoundAsProblemDetails() {
        ResponseEntity<String> response = as(COLLECTOR).getForEntity("/api/customers/" + unique("NONE"), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(PROBLEM);
    }

    // ---------------------------------------------------------------- invoices and their cases

    @Test
    void anInvoiceStartsOneCaseAndSendingItAgainChangesNothing() {
        String customer = norwegianCustomer(unique("C"));
        String number = uniqueDigits();
        String json = invoiceJson(number, customer, LocalDate.now(CREDITOR_ZONE).plusDays(10), "1250.50");

        ResponseEntity<String> first = postInvoice(json);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((String) JsonPath.read(first.getBody(), "$.result")).isEqualTo("CREATED");
        String kid = JsonPath.read(first.getBody(), "$.paymentReference");
        assertThat(kid).startsWith(number).hasSize(number.length() + 1);

        ResponseEntity<String> second = postInvoice(json);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((String) JsonPath.read(second.getBody(), "$.result")).isEqualTo("UNCHANGED");
        assertThat(cases(number)).isEqualTo(1);

        ResponseEntity<String> read = as(COLLECTOR).getForEntity("/api/invoices/" + number, String.class);
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((String) JsonPath.read(read.getBody(), "$.status")).isEqualTo("OPEN");
        assertThat((String) JsonPath.read(read.getBody(), "$.referenceType")).isEqualTo("KID");
        assertThat(JsonPath.read(read.getBody(), "$.amount").toString()).isEqualTo("1250.5");
        assertThat((String) JsonPath.read(read.getBody(), "$.collectionCase.state")).isEqualTo("ACTIVE");
        assertThat((List<String>) JsonPath.read(read.getBody(), "$.collectionCase.waitingAt")).containsExactly("Await due date");
    }

    @Test
    void aNewDueDateMovesTheFirstReminder() {
        String customer = norwegianCustomer(unique("C"));
        String number = uniqueDigits();
        LocalDate due = LocalDate.now(CREDITOR_ZONE).plusDays(10);
        postInvoice(invoiceJson(number, customer, due, "100"));
        Job before = jobOf(number);
        assertThat(before.getDuedate().toInstant().atZone(ZoneId.of("Europe/Oslo")).toLocalDate()).isEqualTo(due.plusDays(3));

        LocalDate later = due.plusDays(20);
        ResponseEntity<String> response = postInvoice(invoiceJson(number, customer, due.minusDays(14), later, "100"));
        assertThat((String) JsonPath.read(response.getBody(), "$.result")).isEqualTo("UPDATED");
        Job after = jobOf(number);
        assertThat(after.getDuedate().toInstant().atZone(ZoneId.of("Europe/Oslo")).toLocalDate()).isEqualTo(later.plusDays(3));
        assertThat(cases(number)).isEqualTo(1);
        assertThat((String) JsonPath.read(as(ERP).getForEntity("/api/invoices/" + number, String.class).getBody(), "$.dueDate"))
                .isEqualTo(later.toString());
    }

    @Test
    void aZeroBalanceMarksTheInvoicePaidAndEndsItsCase() {
        String customer = norwegianCustomer(unique("C"));
        String number = uniqueDigits();
        LocalDate due = LocalDate.now(CREDITOR_ZONE).minusDays(5);
        postInvoice(invoiceJson(number, customer, due, "800"));
        ResponseEntity<String> paid = postInvoice(invoiceJson(number, customer, due, "800")
                .replace("\"amount\": 800", "\"amount\": 800, \"openBalance\": 0"));
        assertThat((String) JsonPath.read(paid.getBody(), "$.status")).isEqualTo("PAID");

        String read = as(ERP).getForEntity("/api/invoices/" + number, String.class).getBody();
        assertThat((String) JsonPath.read(read, "$.collectionCase.state")).isEqualTo("ENDED");
        assertThat((String) JsonPath.read(read, "$.collectionCase.outcome")).isEqualTo("Paid");

        ResponseEntity<String> reopen = postInvoice(invoiceJson(number, customer, due, "800"));
        assertProblem(reopen);
        assertThat(errorFields(reopen)).containsExactly("openBalance");
        assertThat(cases(number)).isEqualTo(1);
    }

    @Test
    void anInvoiceForAnUnknownCustomerOrWithBadValuesIsRefusedNamingEachField() {
        String customer = norwegianCustomer(unique("C"));
        String number = uniqueDigits();
        ResponseEntity<String> response = postInvoice("""
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "2026-02-30", "dueDate": "2026-03-15",
                 "currency": "NOKK", "amount": -10, "paymentReference": "1234567898"}""".formatted(number, customer));
        assertProblem(response);
        assertThat(errorFields(response)).containsExactlyInAnyOrder("issueDate", "currency", "amount", "paymentReference");

        ResponseEntity<String> badKid = postInvoice(invoiceJson(number, customer, LocalDate.now(CREDITOR_ZONE), "10")
                .replace("\"amount\": 10", "\"amount\": 10, \"paymentReference\": \"1234567898\""));
        assertProblem(badKid);
        assertThat(errorFields(badKid)).containsExactly("paymentReference");
        assertThat((String) JsonPath.read(badKid.getBody(), "$.errors[0].message")).contains("KID");

        ResponseEntity<String> unknown = postInvoice(invoiceJson(number, unique("NOBODY"), LocalDate.now(CREDITOR_ZONE), "10"));
        assertProblem(unknown);
        assertThat((String) JsonPath.read(unknown.getBody(), "$.errors[0].message")).contains("unknown customer");
        assertThat(invoicesInDatabase(number)).isZero();
        assertThat(cases(number)).isZero();
    }

    @Test
    void unreadableJsonNamesTheField() {
        ResponseEntity<String> response = postInvoice("""
                {"invoiceNumber": "X1", "customerNumber": "C", "issueDate": "2026-01-01", "dueDate": "2026-01-15",
                 "currency": "NOK", "amount": "a lot"}""");
        assertProblem(response);
        assertThat(errorFields(response)).containsExactly("amount");
        assertThat(postInvoice("{not json").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aBatchIsAllOrNothingAndNamesEachPosition() {
        String customer = norwegianCustomer(unique("C"));
        String good = uniqueDigits();
        String unknownCustomer = uniqueDigits();
        String negative = uniqueDigits();
        LocalDate due = LocalDate.now(CREDITOR_ZONE).plusDays(20);
        ResponseEntity<String> refused = postBatch("[" + String.join(",",
                invoiceJson(good, customer, due, "100"),
                invoiceJson(unknownCustomer, unique("NOBODY"), due, "100"),
                invoiceJson(negative, customer, due, "-1")) + "]");
        assertProblem(refused);
        assertThat(errorFields(refused)).containsExactly("[1].customerNumber", "[2].amount");
        assertThat(invoicesInDatabase(good, unknownCustomer, negative)).isZero();
        assertThat(cases(good)).isZero();

        ResponseEntity<String> accepted = postBatch("[" + String.join(",",
                invoiceJson(good, customer, due, "100"), invoiceJson(negative, customer, due, "1")) + "]");
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<String>) JsonPath.read(accepted.getBody(), "$[*].invoiceNumber")).containsExactly(good, negative);
        assertThat(cases(good) + cases(negative)).isEqualTo(2);
    }

    @Test
    void theSameInvoiceTwiceInOneBatchIsRefused() {
        String customer = norwegianCustomer(unique("C"));
        String number = uniqueDigits();
        String json = invoiceJson(number, customer, LocalDate.now(CREDITOR_ZONE), "1");
        ResponseEntity<String> response = postBatch("[" + json + "," + json + "]");
        assertProblem(response);
        assertThat(errorFields(response)).containsExactly("[1].invoiceNumber");
    }

    @Test
    void theSameNewInvoicePostedConcurrentlyMakesExactlyOneCase() throws Exception {
        String customer = norwegianCustomer(unique("C"));
        String number = uniqueDigits();
        String json = invoiceJson(number, customer, LocalDate.now(CREDITOR_ZONE).plusDays(30), "999");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<HttpStatus>> posts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                posts.add(() -> (HttpStatus) postInvoice(json).getStatusCode());
            }
            List<HttpStatus> statuses = new ArrayList<>();
            for (Future<HttpStatus> f : pool.invokeAll(posts)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(HttpStatus.CREATED, HttpStatus.OK);
            assertThat(statuses).filteredOn(s -> s == HttpStatus.CREATED).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(cases(number)).isEqualTo(1);
        assertThat(invoicesInDatabase(number)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- credit notes and payments

    ResponseEntity<String> postCreditNote(String invoiceNumber, String creditNoteNumber, String amount, String currency) {
        return as(ERP).postForEntity("/api/invoices/" + invoiceNumber + "/credit-notes", jsonEntity("""
                {"creditNoteNumber": "%s", "amount": %s, "currency": "%s", "issueDate": "2026-11-20",
                 "reason": "Two units returned"}""".formatted(creditNoteNumber, amount, currency)), String.class);
    }

    ResponseEntity<String> postPayment(String invoiceNumber, String paymentId, String amount) {
        return as(ERP).postForEntity("/api/invoices/" + invoiceNumber + "/payments", jsonEntity("""
                {"paymentId": "%s", "amount": %s, "currency": "NOK", "paidOn": "2026-11-20", "payer": "Fjellheim Elektro AS",
                 "reference": "%s"}""".formatted(paymentId, amount, invoiceNumber)), String.class);
    }

    String openInvoice(String amount) {
        String customer = norwegianCustomer(unique("C"));
        String number = uniqueDigits();
        assertThat(postInvoice(invoiceJson(number, customer, LocalDate.now(CREDITOR_ZONE).minusDays(5), amount)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return number;
    }

    String readInvoice(String number) {
        return as(ERP).getForEntity("/api/invoices/" + number, String.class).getBody();
    }

    long rows(String table, String invoiceNumber) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " t JOIN invoice i ON i.id = t.invoice_id"
                + " WHERE i.invoice_number = ?", Long.class, invoiceNumber);
    }

    @Test
    void aPartialCreditNoteReducesAmountAndBalanceAndTheCaseGoesOn() {
        String number = openInvoice("1000");
        ResponseEntity<String> credited = postCreditNote(number, unique("CN"), "250.50", "NOK");
        assertThat(credited.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((String) JsonPath.read(credited.getBody(), "$.result")).isEqualTo("CREATED");

        String read = readInvoice(number);
        assertThat(JsonPath.read(read, "$.amount").toString()).isEqualTo("749.5");
        assertThat(JsonPath.read(read, "$.openBalance").toString()).isEqualTo("749.5");
        assertThat((String) JsonPath.read(read, "$.status")).isEqualTo("OPEN");
        assertThat((String) JsonPath.read(read, "$.collectionCase.state")).isEqualTo("ACTIVE");
    }

    @Test
    void aFullCreditNoteCancelsAnUnpaidInvoiceAndEndsItsCaseAndARepeatChangesNothing() {
        String number = openInvoice("1000");
        String creditNote = unique("CN");
        assertThat(postCreditNote(number, creditNote, "1000", "NOK").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String read = readInvoice(number);
        assertThat((String) JsonPath.read(read, "$.status")).isEqualTo("CANCELLED");
        assertThat(JsonPath.read(read, "$.openBalance").toString()).isEqualTo("0.0");
        assertThat((String) JsonPath.read(read, "$.collectionCase.state")).isEqualTo("ENDED");
        assertThat((String) JsonPath.read(read, "$.collectionCase.outcome")).isEqualTo("Cancelled");

        ResponseEntity<String> again = postCreditNote(number, creditNote, "1000.00", "NOK");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((String) JsonPath.read(again.getBody(), "$.result")).isEqualTo("UNCHANGED");
        assertThat((String) JsonPath.read(again.getBody(), "$.booked.creditNoteNumber")).isEqualTo(creditNote);
        assertThat(rows("credit_note", number)).isEqualTo(1);

        ResponseEntity<String> conflicting = postCreditNote(number, creditNote, "999", "NOK");
        assertThat(conflicting.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(conflicting.getHeaders().getContentType()).isEqualTo(PROBLEM);
        assertThat(rows("credit_note", number)).isEqualTo(1);
    }

    @Test
    void aCreditNoteForThePaidRestMakesThePartlyPaidInvoicePaid() {
        String number = openInvoice("1000");
        assertThat(postPayment(number, unique("P"), "600").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(postCreditNote(number, unique("CN"), "400", "NOK").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String read = readInvoice(number);
        assertThat((String) JsonPath.read(read, "$.status")).isEqualTo("PAID");
        assertThat(JsonPath.read(read, "$.amount").toString()).isEqualTo("600.0");
        assertThat((String) JsonPath.read(read, "$.collectionCase.state")).isEqualTo("ENDED");
    }

    @Test
    void aCreditNoteTooLargeInAnotherCurrencyOrWithTooManyDecimalsOrOnAClosedInvoiceIsRefused() {
        String number = openInvoice("1000");
        ResponseEntity<String> tooLarge = postCreditNote(number, unique("CN"), "1000.01", "NOK");
        assertProblem(tooLarge);
        assertThat(errorFields(tooLarge)).containsExactly("amount");

        ResponseEntity<String> otherCurrency = postCreditNote(number, unique("CN"), "10", "SEK");
        assertProblem(otherCurrency);
        assertThat(errorFields(otherCurrency)).containsExactly("currency");

        ResponseEntity<String> decimals = postCreditNote(number, unique("CN"), "10.001", "NOK");
        assertProblem(decimals);
        assertThat(errorFields(decimals)).containsExactly("amount");
        assertThat(rows("credit_note", number)).isZero();

        postPayment(number, unique("P"), "1000");
        ResponseEntity<String> closed = postCreditNote(number, unique("CN"), "10", "NOK");
        assertProblem(closed);
        assertThat(errorFields(closed)).containsExactly("invoiceNumber");
        assertThat(rows("credit_note", number)).isZero();
    }

    @Test
    void aPartialPaymentReducesTheBalanceThenTheFinalOneEndsTheCaseAndARepeatBooksNothing() {
        String number = openInvoice("1000");
        String first = unique("P");
        ResponseEntity<String> part = postPayment(number, first, "300");
        assertThat(part.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String read = readInvoice(number);
        assertThat(JsonPath.read(read, "$.openBalance").toString()).isEqualTo("700.0");
        assertThat(JsonPath.read(read, "$.amount").toString()).isEqualTo("1000.0");
        assertThat((String) JsonPath.read(read, "$.collectionCase.state")).isEqualTo("ACTIVE");

        ResponseEntity<String> again = postPayment(number, first, "300.00");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((String) JsonPath.read(again.getBody(), "$.result")).isEqualTo("UNCHANGED");
        assertThat(JsonPath.read(readInvoice(number), "$.openBalance").toString()).isEqualTo("700.0");
        assertThat(postPayment(number, first, "301").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        assertThat(postPayment(number, unique("P"), "700").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        read = readInvoice(number);
        assertThat((String) JsonPath.read(read, "$.status")).isEqualTo("PAID");
        assertThat(JsonPath.read(read, "$.openBalance").toString()).isEqualTo("0.0");
        assertThat((String) JsonPath.read(read, "$.collectionCase.state")).isEqualTo("ENDED");
        assertThat(rows("invoice_payment", number)).isEqualTo(2);
        assertThat(postPayment(number, first, "300").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anOverPaymentIsRefusedAndWritesNothing() {
        String number = openInvoice("1000");
        ResponseEntity<String> over = postPayment(number, unique("P"), "1000.01");
        assertProblem(over);
        assertThat(errorFields(over)).containsExactly("amount");
        assertThat((String) JsonPath.read(over.getBody(), "$.errors[0].message")).contains("exceeds what is owed, 1000 NOK");
        assertThat(rows("invoice_payment", number)).isZero();
        assertThat(JsonPath.read(readInvoice(number), "$.openBalance").toString()).isEqualTo("1000.0");
    }

    @Test
    void adjustmentsOfAnUnknownInvoiceAreNotFound() {
        String number = uniqueDigits();
        assertThat(postPayment(number, unique("P"), "1").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(postCreditNote(number, unique("CN"), "1", "NOK").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void tenPaymentsPostedInParallelAreEachBookedOnce() throws Exception {
        String number = openInvoice("1000");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<ResponseEntity<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String paymentId = unique("P");
                posts.add(() -> postPayment(number, paymentId, "100"));
            }
            for (Future<ResponseEntity<String>> f : pool.invokeAll(posts)) {
                assertThat(f.get().getStatusCode()).as(f.get().getBody()).isEqualTo(HttpStatus.CREATED);
            }
        } finally {
            pool.shutdownNow();
        }
        String read = readInvoice(number);
        assertThat(JsonPath.read(read, "$.openBalance").toString()).isEqualTo("0.0");
        assertThat((String) JsonPath.read(read, "$.status")).isEqualTo("PAID");
        assertThat((String) JsonPath.read(read, "$.collectionCase.state")).isEqualTo("ENDED");
        assertThat(rows("invoice_payment", number)).isEqualTo(10);
    }

    // ---------------------------------------------------------------- CSV

    @Test
    void aCsvFileCreatesCustomersAndInvoices() {
        String customer = unique("C");
        String a = uniqueDigits();
        String b = uniqueDigits();
        ResponseEntity<String> response = importCsv("""
                invoiceNumber;customerNumber;customerName;customerKind;country;language;phone;issueDate;dueDate;currency;amount
                %s;%s;Svensson Bygg AB;BUSINESS;SE;sv;070-123 45 67;2026-11-01;2026-12-01;SEK;1 250,50
                %s;%s;Svensson Bygg AB;BUSINESS;SE;sv;070-123 45 67;2026-11-02;2026-12-02;SEK;99
                """.formatted(a, customer, b, customer));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<String>) JsonPath.read(response.getBody(), "$[*].result")).containsExactly("CREATED", "CREATED");
        String ocr = JsonPath.read(response.getBody(), "$[0].paymentReference");
        assertThat(io.overdue.shared.PaymentReferences.isValidOcr(ocr, true)).isTrue();

        String invoice = as(ERP).getForEntity("/api/invoices/" + a, String.class).getBody();
        assertThat(JsonPath.read(invoice, "$.amount").toString()).isEqualTo("1250.5");
        assertThat((String) JsonPath.read(invoice, "$.referenceType")).isEqualTo("OCR");
        String customerJson = as(ERP).getForEntity("/api/customers/" + customer, String.class).getBody();
        assertThat((String) JsonPath.read(customerJson, "$.phone")).isEqualTo("+46701234567");
        assertThat(cases(a) + cases(b)).isEqualTo(2);

        ResponseEntity<String> again = importCsv("""
                invoiceNumber,customerNumber,issueDate,dueDate,currency,amount
                %s,%s,2026-11-01,2026-12-01,SEK,1250.50
                """.formatted(a, customer));
        assertThat((List<String>) JsonPath.read(again.getBody(), "$[*].result")).containsExactly("UNCHANGED");
    }

    @Test
    void aBadCsvFileIsRefusedWithRowNumbersAndWritesNothing() {
        String customer = unique("C");
        String good = uniqueDigits();
        String badDate = uniqueDigits();
        String badPhone = uniqueDigits();
        ResponseEntity<String> response = importCsv("""
                invoiceNumber,customerNumber,customerName,customerKind,country,language,phone,issueDate,dueDate,currency,amount
                %s,%s,Nordvik AS,BUSINESS,NO,nb,+4791234567,2026-11-01,2026-12-01,NOK,100
                %s,%s,Nordvik AS,BUSINESS,NO,nb,+4791234567,2026-11-31,2026-12-01,NOK,-3
                %s,%s,Ola Nordvik,CONSUMER,NO,nb,12,2026-11-01,2026-12-01,NOK,100
                """.formatted(good, customer, badDate, customer, badPhone, unique("C")));
        assertProblem(response);
        List<Integer> rows = JsonPath.read(response.getBody(), "$.errors[*].row");
        assertThat(rows).containsExactly(3, 3, 4);
        assertThat(errorFields(response)).containsExactly("issueDate", "amount", "phone");
        assertThat(invoicesInDatabase(good, badDate, badPhone)).isZero();
        assertThat(as(ERP).getForEntity("/api/customers/" + customer, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aCsvFileWithAnUnknownCustomerRollsBackTheCustomersItDefined() {
        String defined = unique("C");
        String a = uniqueDigits();
        String b = uniqueDigits();
        ResponseEntity<String> response = importCsv("""
                invoiceNumber,customerNumber,customerName,customerKind,country,language,issueDate,dueDate,currency,amount
                %s,%s,Nordvik AS,BUSINESS,NO,nb,2026-11-01,2026-12-01,NOK,100
                %s,%s,,,,,2026-11-01,2026-12-01,NOK,100
                """.formatted(a, defined, b, unique("NOBODY")));
        assertProblem(response);
        assertThat((Integer) JsonPath.read(response.getBody(), "$.errors[0].row")).isEqualTo(3);
        assertThat(as(ERP).getForEntity("/api/customers/" + defined, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(invoicesInDatabase(a, b)).isZero();
    }

    @Test
    void aCsvFileWithMissingOrUnknownColumnsIsRefusedAtTheHeader() {
        ResponseEntity<String> response = importCsv("invoiceNumber,customerNumber,amout\n1,2,3\n");
        assertProblem(response);
        assertThat(errorFields(response)).contains("amout", "issueDate", "dueDate", "currency", "amount");
        assertThat((List<Integer>) JsonPath.read(response.getBody(), "$.errors[*].row")).containsOnly(1);
    }

    @Test
    void anOversizedFileIsRefused() {
        byte[] big = new byte[100 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        ResponseEntity<String> response = importFile(big);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(PROBLEM);
    }

    // ---------------------------------------------------------------- the first reminder

    @Test
    void anOverdueInvoiceGetsOneFriendlyReminderWithFullPaymentDetails() throws Exception {
        String customer = norwegianCustomer(unique("C"));
        String number = uniqueDigits();
        postInvoice(invoiceJson(number, customer, LocalDate.now(CREDITOR_ZONE).minusDays(10), "1250.50"));
        String kid = JsonPath.read(as(ERP).getForEntity("/api/invoices/" + number, String.class).getBody(), "$.paymentReference");

        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult().getId();
        // Due date and grace have passed: no wait for them; the first level is planned for now.
        for (int round = 0; round < 5; round++) {
            management.createJobQuery().processInstanceId(instance).timers().executable().list()
                    .forEach(job -> management.executeJob(job.getId()));
        }
        Job reminder = management.createJobQuery().processInstanceId(instance)
                .activityId(CollectionCaseProcess.Elements.SEND_DUNNING_NOTICE).singleResult();
        management.executeJob(reminder.getId());

        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("faktura@fjellheim.example");
        assertThat(mails[0].getSubject()).isEqualTo("Påminnelse: faktura " + number + " er forfalt");
        String text = com.icegreen.greenmail.util.GreenMailUtil.getBody(mails[0]);
        String decoded = new String(jakarta.mail.internet.MimeUtility.decode(
                new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "quoted-printable").readAllBytes(),
                StandardCharsets.UTF_8).replace('\u00a0', ' ').replace('\u202f', ' ');
        assertThat(decoded).contains(number, kid, "1 250,50", "1503.12.34567", "Gebyrer: 0,00 NOK", "Å betale: 1 250,50 NOK");

        Integer logged = jdbc.queryForObject("SELECT COUNT(*) FROM communication_log WHERE invoice_number = ? AND status = 'SENT'",
                Integer.class, number);
        assertThat(logged).isEqualTo(1);
        assertThat(management.createJobQuery().processInstanceId(instance).activityId(CollectionCaseProcess.Elements.NEXT_LEVEL_DUE)
                .singleResult().getDuedate()).isInTheFuture();   // now waiting for the next level
    }

    // ---------------------------------------------------------------- invoice copies

    ResponseEntity<String> putCopy(String invoice, byte[] pdf, String query) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PDF);
        return as(ERP).exchange("/api/invoices/" + invoice + "/copy" + query, HttpMethod.PUT, new HttpEntity<>(pdf, headers), String.class);
    }

    @Test
    void anInvoiceCopyIsStoredOnceReplacedByOtherBytesAndServedBack() {
        String number = uniqueDigits();
        postInvoice(invoiceJson(number, norwegianCustomer(unique("C")), LocalDate.now(CREDITOR_ZONE).plusDays(10), "100"));
        byte[] pdf = "%PDF-1.4 the invoice".getBytes(StandardCharsets.US_ASCII);

        ResponseEntity<String> created = putCopy(number, pdf, "");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((String) JsonPath.read(created.getBody(), "$.fileName")).isEqualTo("invoice-" + number + ".pdf");
        assertThat((String) JsonPath.read(putCopy(number, pdf, "").getBody(), "$.result")).isEqualTo("UNCHANGED");
        byte[] corrected = "%PDF-1.4 the corrected invoice".getBytes(StandardCharsets.US_ASCII);
        ResponseEntity<String> replaced = putCopy(number, corrected, "?fileName=Faktura " + number + ".pdf");
        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((String) JsonPath.read(replaced.getBody(), "$.result")).isEqualTo("UPDATED");

        ResponseEntity<byte[]> read = as(COLLECTOR).getForEntity("/api/invoices/" + number + "/copy", byte[].class);
        assertThat(read.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(read.getBody()).isEqualTo(corrected);
        assertThat(read.getHeaders().getContentDisposition().getFilename()).isEqualTo("Faktura " + number + ".pdf");
    }

    @Test
    void theSameCopyUploadedConcurrentlyIsStoredOnce() throws Exception {
        String number = uniqueDigits();
        postInvoice(invoiceJson(number, norwegianCustomer(unique("C")), LocalDate.now(CREDITOR_ZONE).plusDays(10), "100"));
        byte[] pdf = "%PDF-1.4 uploaded twice at once".getBytes(StandardCharsets.US_ASCII);

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<ResponseEntity<String>>> uploads = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                uploads.add(pool.submit(() -> putCopy(number, pdf, "")));
            }
            List<String> results = new java.util.ArrayList<>();
            for (var upload : uploads) {
                ResponseEntity<String> response = upload.get();
                assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
                results.add(JsonPath.read(response.getBody(), "$.result"));
            }
            assertThat(results).containsOnlyOnce("CREATED").containsOnly("CREATED", "UNCHANGED");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aCopyThatIsNotAPdfOrBadlyNamedIsRefusedAndAnUnknownInvoiceHasNone() {
        String number = uniqueDigits();
        postInvoice(invoiceJson(number, norwegianCustomer(unique("C")), LocalDate.now(CREDITOR_ZONE).plusDays(10), "100"));

        ResponseEntity<String> refused = putCopy(number, "<html>".getBytes(StandardCharsets.US_ASCII), "?fileName=../../etc/passwd");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(PROBLEM);
        assertThat(errorFields(refused)).containsExactlyInAnyOrder("body", "fileName");
        assertThat(as(ERP).getForEntity("/api/invoices/" + number + "/copy", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(putCopy(unique("NOPE"), "%PDF-1.4".getBytes(StandardCharsets.US_ASCII), "").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aCustomersPostalAddressIsKeptLineByLineAndBadLinesAreNamed() {
        String number = unique("C");
        ResponseEntity<String> stored = putCustomer(number, """
                {"name": "Kari Nordmann", "kind": "CONSUMER", "country": "NO", "language": "nb",
                 "postalAddress": ["Storgata 1", " 0155 Oslo "]}""");
        assertThat(stored.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat((List<String>) JsonPath.read(stored.getBody(), "$.postalAddress")).containsExactly("Storgata 1", "0155 Oslo");

        ResponseEntity<String> refused = putCustomer(number, """
                {"name": "Kari Nordmann", "kind": "CONSUMER", "country": "NO", "language": "nb",
                 "postalAddress": ["Storgata 1", "", "%s"]}""".formatted("x".repeat(101)));
        assertProblem(refused);
        assertThat(errorFields(refused)).containsExactlyInAnyOrder("postalAddress[1]", "postalAddress[2]");
    }
}
