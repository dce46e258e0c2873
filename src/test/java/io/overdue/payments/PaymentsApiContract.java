package io.overdue.payments;

import com.jayway.jsonpath.JsonPath;
import io.overdue.payments.MatchPaymentProcess.Variables;
import io.overdue.shared.PaymentReferences;
import io.overdue.support.ApplicationTest;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bank payments end to end: HTTP with real logins, matching against invoices in the database, booking and the
 * invoice's case in the engine. Runs on H2 and on PostgreSQL through its subclasses.
 */
abstract class PaymentsApiContract extends PaymentsTestBase {

    @Autowired TaskService tasks;
    @Autowired HistoryService history;
    @Autowired FormService forms;

    @Test
    void aPaymentThatArrivesBeforeItsInvoiceIsBookedWhenTheInvoiceComes() {
        String customer = customer(unique("Early Payer "));
        String number = uniqueDigits();
        String kid = PaymentReferences.kidMod10(number.substring(0, Math.min(number.length(), 10)));
        String paymentId = unique("P");

        ResponseEntity<String> early = pay(payment(paymentId, "400", "\"reference\": \"" + kid + "\""));
        assertThat(field(early, "$.payment.status")).isEqualTo("UNMATCHED");
        assertThat(matchTasks(paymentId)).hasSize(1);

        ResponseEntity<String> posted = as(ERP).postForEntity("/api/invoices", jsonEntity("""
                {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                 "currency": "NOK", "amount": 1000, "paymentReference": "%s", "referenceType": "KID"}""".formatted(
                number, customer, TODAY.minusDays(4), TODAY.plusDays(10), kid)), String.class);
        assertThat(posted.getStatusCode()).as(posted.getBody()).isEqualTo(HttpStatus.CREATED);

        assertThat(paymentRead(paymentId, "$.status")).isEqualTo("MATCHED");
        assertThat(paymentRead(paymentId, "$.matchedInvoiceNumber")).isEqualTo(number);
        assertThat(paymentRead(paymentId, "$.matchRule")).isEqualTo("REFERENCE");
        assertThat(matchTasks(paymentId)).as("matched elsewhere: the task ended").isEmpty();
        assertThat(matchProcesses(paymentId)).singleElement().satisfies(process ->
                assertThat(process.getEndActivityId()).isEqualTo(MatchPaymentProcess.Elements.MATCHED_ELSEWHERE));
        assertThat(invoiceRead(number, "$.openBalance")).isEqualTo("600.0");
        assertThat(invoiceRead(number, "$.collectionCase.state")).isEqualTo("ACTIVE");
        assertThat(rows("invoice_payment", paymentId)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- the task Match payment

    /** The open Match payment tasks of a payment. */
    List<Task> matchTasks(String paymentId) {
        return tasks.createTaskQuery().processDefinitionKey(MatchPaymentProcess.PROCESS_KEY)
                .processInstanceBusinessKey(paymentId).list();
    }

    /** The payment's one Match payment task. */
    Task matchTask(String paymentId) {
        List<Task> open = matchTasks(paymentId);
        assertThat(open).as("Match payment tasks of " + paymentId).hasSize(1);
        return open.get(0);
    }

    /** Every Match payment process the payment ever had, running or ended. */
    List<HistoricProcessInstance> matchProcesses(String paymentId) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(MatchPaymentProcess.PROCESS_KEY)
                .processInstanceBusinessKey(paymentId).list();
    }

    /**
     * The task's variables as Tasklist reads them for its form (serialized, as {@code GET /engine-rest/task/{id}/form-
     * variables?deserializeValues=false} gives them). Asked of the engine directly: /engine-rest finds engines by name,
     * and another test context's engine may hold the name.
     */
    VariableMap formVariables(Task task) {
        return forms.getTaskFormVariables(task.getId(), null, false);
    }

    /** The suggestions' {@code value}s, in their order, as the form's radio group offers them. */
    List<String> suggested(Task task) {
        return JsonPath.read(suggestionsJson(task), "$[*].value");
    }

    /** The suggestions as Tasklist gets them: a Json variable, its value the list of {@code {label, value}}. */
    String suggestionsJson(Task task) {
        TypedValue suggestions = formVariables(task).getValueTyped(MatchPaymentProcess.TaskFacts.SUGGESTIONS);
        assertThat(suggestions.getType().getName()).isEqualTo("json");
        return ((SerializableValue) suggestions).getValueSerialized();
    }

    /** Submits the form as Tasklist does, as the collector logged in. */
    void submit(Task task, Map<String, String> answers) {
        identity.setAuthentication(COLLECTOR, List.of("collectors"));
        try {
            forms.submitTaskForm(task.getId(), new java.util.HashMap<>(answers));
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The number with two neighbouring different digits swapped: a typing slip. */
    static String swapped(String number) {
        for (int i = 0; i + 1 < number.length(); i++) {
            if (number.charAt(i) != number.charAt(i + 1)) {
                return number.substring(0, i) + number.charAt(i + 1) + number.charAt(i) + number.substring(i + 2);
            }
        }
        throw new IllegalArgumentException(number);
    }

    @Test
    void anUnmatchedPaymentBecomesOneTaskWithSuggestionsAndTheCollectorsChoiceIsBookedOnce() {
        String name = unique("Fjellheim") + " Elektro AS";
        List<String> numbers = invoices(customer(name), "1000", "5000", "500");
        String named = numbers.get(0);
        String other = numbers.get(1);
        String paymentId = unique("P");
        // An amount no other test's invoice owes: the hint "its open balance is the amount paid" stays with this customer.
        String body = payment(paymentId, "700.37", "\"payer\": \"" + name.toUpperCase() + "\", \"text\": \"Faktura "
                + swapped(named) + "\"");

        ResponseEntity<String> posted = pay(body);

        assertThat(field(posted, "$.payment.status")).as(posted.getBody()).isEqualTo("UNMATCHED");
        Task task = matchTask(paymentId);
        assertThat(task.getName()).isEqualTo("Match payment");
        assertThat(task.getTaskDefinitionKey()).isEqualTo(MatchPaymentProcess.Elements.MATCH_PAYMENT_TASK);
        assertThat(tasks.getIdentityLinksForTask(task.getId())).anySatisfy(link -> assertThat(link.getGroupId())
                .isEqualTo("collectors"));
        VariableMap facts = formVariables(task);
        assertThat(facts.getValue("amount", String.class)).isEqualTo("700.37 NOK");
        assertThat(facts.getValue("payer", String.class)).isEqualTo(name.toUpperCase());
        assertThat(facts.getValue("status", String.class)).isEqualTo("UNMATCHED");
        assertThat(facts.getValue("unmatchedReason", String.class)).startsWith("no invoice found");
        assertThat(facts.getValue(Variables.MATCH_DECISION, String.class)).isEqualTo(MatchPaymentProcess.Decisions.BOOK_ON_INVOICE);
        // The invoice named one slip off by the payer who is its customer first, the customer's other invoices next
        // (the one of 500 too: the rest would be the customer's credit); typing another number comes last.
        List<String> suggested = suggested(task);
        assertThat(suggested.get(0)).isEqualTo(named);
        assertThat(suggested).contains(other, numbers.get(2)).endsWith(Variables.ANOTHER_INVOICE);
        List<String> labels = JsonPath.read(suggestionsJson(task), "$[*].label");
        assertThat(labels.get(0)).contains(named, name, "open 1000.00 NOK", "one digit off", "the payer is this customer");

        submit(task, Map.of(Variables.MATCH_DECISION, MatchPaymentProcess.Decisions.BOOK_ON_INVOICE,
                Variables.SUGGESTED_INVOICE, named));

        assertThat(matchTasks(paymentId)).isEmpty();
        assertThat(matchProcesses(paymentId)).singleElement().satisfies(process ->
                assertThat(process.getEndActivityId()).isEqualTo(MatchPaymentProcess.Elements.PAYMENT_BOOKED));
        assertThat(paymentRead(paymentId, "$.status")).isEqualTo("MATCHED");
        assertThat(paymentRead(paymentId, "$.matchRule")).isEqualTo("COLLECTOR");
        assertThat(paymentRead(paymentId, "$.matchedBy")).isEqualTo(COLLECTOR);
        assertThat(paymentRead(paymentId, "$.matchedInvoiceNumber")).isEqualTo(named);
        assertThat(invoiceRead(named, "$.openBalance")).isEqualTo("299.63");
        assertThat(rows("invoice_payment", paymentId)).isEqualTo(1);

        ResponseEntity<String> again = pay(body);
        assertThat(field(again, "$.result")).isEqualTo("UNCHANGED");
        assertThat(matchProcesses(paymentId)).as("no second task").hasSize(1);
        assertThat(rows("invoice_payment", paymentId)).isEqualTo(1);
    }

    @Test
    void aRefusedChoiceComesBackWithTheReasonAndWritesNothing() {
        String name = unique("Refusal Handel ");
        List<String> numbers = invoices(customer(name), "500", "5000");
        String small = numbers.get(0);
        String large = numbers.get(1);
        String paymentId = unique("P");
        pay(payment(paymentId, "700", "\"text\": \"no reference at all\""));

        String unknown = uniqueDigits();
        submit(matchTask(paymentId), Map.of(Variables.MATCH_DECISION, MatchPaymentProcess.Decisions.BOOK_ON_INVOICE,
                Variables.SUGGESTED_INVOICE, Variables.ANOTHER_INVOICE, Variables.INVOICE_NUMBER, unknown));

        Task again = matchTask(paymentId);
        assertThat(formVariables(again).getValue(Variables.MATCH_PROBLEMS, String.class))
                .contains("invoice " + unknown + " does not exist");
        assertThat(paymentRead(paymentId, "$.status")).isEqualTo("UNMATCHED");
        assertThat(invoiceRead(small, "$.openBalance")).isEqualTo("500.0");
        assertThat(rows("invoice_payment", paymentId)).isZero();

        submit(again, Map.of(Variables.MATCH_DECISION, MatchPaymentProcess.Decisions.BOOK_ON_INVOICE,
                Variables.SUGGESTED_INVOICE, Variables.ANOTHER_INVOICE, Variables.INVOICE_NUMBER, large));

        assertThat(matchTasks(paymentId)).isEmpty();
        assertThat(paymentRead(paymentId, "$.matchedInvoiceNumber")).isEqualTo(large);
        assertThat(invoiceRead(large, "$.openBalance")).isEqualTo("4300.0");
        assertThat(rows("invoice_payment", paymentId)).isEqualTo(1);
    }

    @Test
    void anAmbiguousPaymentsTaskSuggestsItsCandidatesAndAFullPaymentEndsTheCase() {
        String name = unique("Tvil Oppgave ");
        List<String> numbers = invoices(customer(name), "800", "800");
        String paymentId = unique("P");
        pay(payment(paymentId, "800", "\"payer\": \"" + name + "\""));

        Task task = matchTask(paymentId);
        assertThat(suggested(task).subList(0, 2)).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(formVariables(task).getValue("status", String.class)).isEqualTo("AMBIGUOUS");

        submit(task, Map.of(Variables.MATCH_DECISION, MatchPaymentProcess.Decisions.BOOK_ON_INVOICE,
                Variables.SUGGESTED_INVOICE, numbers.get(1)));

        assertThat(invoiceRead(numbers.get(1), "$.status")).isEqualTo("PAID");
        assertThat(invoiceRead(numbers.get(1), "$.collectionCase.state")).isEqualTo("ENDED");
        assertThat(invoiceRead(numbers.get(0), "$.openBalance")).isEqualTo("800.0");
    }

    // ---------------------------------------------------------------- bank files

    @Test
    void aBankFilesCreditsAreMatchedAndBookedAndImportingItAgainBooksNothing() {
        String customer = customer(unique("File Payer "));
        String paid = uniqueDigits();
        String partly = uniqueDigits();
        String paidKid = invoice(customer, paid, "1000");
        String partlyKid = invoice(customer, partly, "500");
        String prefix = unique("F");
        byte[] file = notification(prefix, transaction(prefix + "-1", "1000.00", paidKid),
                transaction(prefix + "-2", "200.00", partlyKid),
                transaction(prefix + "-3", "300.00", PaymentReferences.kidMod10("987654321")));

        ResponseEntity<String> imported = importFile(file);

        assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(field(imported, "$.messageType")).isEqualTo("camt.054.001.08");
        assertThat(field(imported, "$.payments")).isEqualTo("3");
        assertThat(field(imported, "$.created")).isEqualTo("3");
        assertThat(field(imported, "$.matched")).isEqualTo("2");
        assertThat(field(imported, "$.unmatched")).isEqualTo("1");
        assertThat(field(imported, "$.ignored")).as("the debit").isEqualTo("1");
        assertThat(invoiceRead(paid, "$.status")).isEqualTo("PAID");
        assertThat(invoiceRead(paid, "$.collectionCase.state")).as("paid: the case ends").isEqualTo("ENDED");
        assertThat(invoiceRead(partly, "$.openBalance")).isEqualTo("300.0");
        assertThat(invoiceRead(partly, "$.collectionCase.state")).as("part paid: the case goes on").isEqualTo("ACTIVE");
        assertThat(paymentRead(prefix + "-3", "$.source")).isEqualTo("FILE");

        ResponseEntity<String> again = importFile(file);

        assertThat(field(again, "$.created")).isEqualTo("0");
        assertThat(field(again, "$.unchanged")).isEqualTo("3");
        assertThat(invoiceRead(partly, "$.openBalance")).as("booked once").isEqualTo("300.0");
        assertThat(rows("invoice_payment", prefix + "-2")).isEqualTo(1);
        assertThat(rows("bank_payment", prefix + "-2")).isEqualTo(1);
    }

    @Test
    void aHostileOrBrokenFileIsRefusedWholeAndBooksNothing() {
        String customer = customer(unique("Careful Payer "));
        String number = uniqueDigits();
        String kid = invoice(customer, number, "700");
        String prefix = unique("H");
        String good = new String(notification(prefix, transaction(prefix + "-1", "700.00", kid)),
                java.nio.charset.StandardCharsets.UTF_8);
        String xxe = good.replace("<Document", "<!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Document");
        String broken = good.replace("<Amt Ccy=\"NOK\">700.00</Amt>", "<Amt Ccy=\"NOK\">seven hundred</Amt>");

        assertInvalid(importFile(xxe.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "file");
        ResponseEntity<String> refused = importFile(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).contains("Ntry[1].TxDtls[1].Amt");

        assertThat(rows("bank_payment", prefix + "-1")).isZero();
        assertThat(invoiceRead(number, "$.openBalance")).isEqualTo("700.0");
    }

    @Test
    void aRealBankStatementIsTakenAsItComes() throws Exception {
        byte[] nordea;
        try (var in = getClass().getResourceAsStream("/camt/nordea-dk-camt053-v02-fik-ocr-rf-batch-fx.xml")) {
            nordea = in.readAllBytes();
        }

        ResponseEntity<String> imported = importFile(nordea);

        assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(field(imported, "$.payments")).isEqualTo("6");
        assertThat(Integer.parseInt(field(imported, "$.created")) + Integer.parseInt(field(imported, "$.unchanged"))).isEqualTo(6);
        assertThat(field(imported, "$.unmatched")).as("Danish FIK payments of no invoice of ours").isEqualTo("6");
        assertThat(field(imported, "$.ignored")).isEqualTo("1");
        assertThat(field(importFile(nordea), "$.created")).isEqualTo("0");
    }

    @Test
    void onlyTheIntegrationImportsBankFiles() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_XML);
        ResponseEntity<String> collector = as(COLLECTOR).postForEntity("/api/payments/import",
                new HttpEntity<>(notification(unique("S")), headers), String.class);
        assertThat(collector.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    // ---------------------------------------------------------------- matching

    @Test
    void aPaymentWithTheKidSettlesItsInvoiceAndEndsTheCase() {
        String number = uniqueDigits();
        String kid = invoice(customer(unique("Kid Payer ")), number, "1000");
        String spaced = kid.substring(0, 3) + " " + kid.substring(3);
        String paymentId = unique("P");

        ResponseEntity<String> posted = pay(payment(paymentId, "1000.00", "\"reference\": \"" + spaced + "\""));

        assertThat(posted.getStatusCode()).as(posted.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(field(posted, "$.result")).isEqualTo("CREATED");
        assertThat(field(posted, "$.payment.status")).isEqualTo("MATCHED");
        assertThat(field(posted, "$.payment.matchRule")).isEqualTo("REFERENCE");
        assertThat(field(posted, "$.payment.matchedInvoiceNumber")).isEqualTo(number);
        assertThat(invoiceRead(number, "$.status")).isEqualTo("PAID");
        assertThat(invoiceRead(number, "$.openBalance")).isEqualTo("0.0");
        assertThat(invoiceRead(number, "$.collectionCase.state")).isEqualTo("ENDED");
        assertThat(rows("invoice_payment", paymentId)).isEqualTo(1);
    }

    @Test
    void anInvoiceNumberInTheTextFindsItsInvoiceInAnotherCase() {
        String number = unique("INV-");
        invoice(customer(unique("Text Payer ")), number, "1000");

        ResponseEntity<String> posted = pay(payment(unique("P"), "400",
                "\"text\": \"betaling faktura " + number.toLowerCase() + ". takk 2026\""));

        assertThat(field(posted, "$.payment.status")).as(posted.getBody()).isEqualTo("MATCHED");
        assertThat(field(posted, "$.payment.matchRule")).isEqualTo("INVOICE_NUMBER_IN_TEXT");
        assertThat(field(posted, "$.payment.matchedInvoiceNumber")).isEqualTo(number);
        assertThat(invoiceRead(number, "$.openBalance")).isEqualTo("600.0");
        assertThat(invoiceRead(number, "$.collectionCase.state")).isEqualTo("ACTIVE");
    }

    @Test
    void aWordThatIsAnInvoiceNumberNamesThatInvoiceNotTheNumbersWithinItButTwoWordsAreAmbiguous() {
        String customer = customer(unique("Word Payer "));
        String inner = uniqueDigits();
        String whole = "X" + inner + "-77";
        invoice(customer, inner, "100");
        invoice(customer, whole, "100");

        ResponseEntity<String> one = pay(payment(unique("P"), "10", "\"text\": \"(" + whole + ")\""));
        assertThat(field(one, "$.payment.matchedInvoiceNumber")).as(one.getBody()).isEqualTo(whole);

        ResponseEntity<String> two = pay(payment(unique("P"), "10", "\"text\": \"" + inner + " and " + whole + "\""));
        assertThat(field(two, "$.payment.status")).as(two.getBody()).isEqualTo("AMBIGUOUS");
        List<String> candidates = JsonPath.read(two.getBody(), "$.payment.candidates");
        assertThat(candidates).containsExactlyInAnyOrder(inner, whole);
        assertThat(invoiceRead(inner, "$.openBalance")).isEqualTo("100.0");
    }

    @Test
    void thePayerAndExactlyOneOpenBalanceFindTheInvoice() {
        String name = unique("Bølgen Bygg ");
        List<String> numbers = invoices(customer(name), "1000", "750");
        String other = numbers.get(0);
        String number = numbers.get(1);

        ResponseEntity<String> posted = pay(payment(unique("P"), "750",
                "\"payer\": \"  " + name.toUpperCase().replace(" ", "   ") + " \""));

        assertThat(field(posted, "$.payment.status")).as(posted.getBody()).isEqualTo("MATCHED");
        assertThat(field(posted, "$.payment.matchRule")).isEqualTo("CUSTOMER_AND_AMOUNT");
        assertThat(field(posted, "$.payment.matchedInvoiceNumber")).isEqualTo(number);
        assertThat(invoiceRead(number, "$.status")).isEqualTo("PAID");
        assertThat(invoiceRead(other, "$.openBalance")).isEqualTo("1000.0");
    }

    @Test
    void twoInvoicesOfTheSameBalanceMakeThePaymentAmbiguousUntilACollectorMatchesIt() {
        String name = unique("Tvil Handel ");
        List<String> numbers = invoices(customer(name), "500", "500");
        String first = numbers.get(0);
        String second = numbers.get(1);
        String paymentId = unique("P");

        ResponseEntity<String> posted = pay(payment(paymentId, "500", "\"payer\": \"" + name + "\""));

        assertThat(field(posted, "$.payment.status")).as(posted.getBody()).isEqualTo("AMBIGUOUS");
        List<String> candidates = JsonPath.read(posted.getBody(), "$.payment.candidates");
        assertThat(candidates).containsExactlyInAnyOrder(first, second);
        assertThat(invoiceRead(first, "$.openBalance")).isEqualTo("500.0");
        assertThat(invoiceRead(second, "$.openBalance")).isEqualTo("500.0");
        assertThat(rows("invoice_payment", paymentId)).isZero();
        assertThat(matchTasks(paymentId)).hasSize(1);

        ResponseEntity<String> matched = as(COLLECTOR).postForEntity("/api/payments/" + paymentId + "/match",
                jsonEntity("{\"invoiceNumber\": \"" + second + "\"}"), String.class);
        assertThat(matched.getStatusCode()).as(matched.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(paymentRead(paymentId, "$.status")).isEqualTo("MATCHED");
        assertThat(paymentRead(paymentId, "$.matchRule")).isEqualTo("COLLECTOR");
        assertThat(paymentRead(paymentId, "$.matchedBy")).isEqualTo(COLLECTOR);
        assertThat(paymentRead(paymentId, "$.matchedInvoiceNumber")).isEqualTo(second);
        assertThat(matchTasks(paymentId)).as("matched through the API: the task ended").isEmpty();
        assertThat(matchProcesses(paymentId)).singleElement().satisfies(process ->
                assertThat(process.getEndActivityId()).isEqualTo(MatchPaymentProcess.Elements.MATCHED_ELSEWHERE));
        assertThat(invoiceRead(second, "$.status")).isEqualTo("PAID");
        assertThat(invoiceRead(second, "$.collectionCase.state")).isEqualTo("ENDED");
        assertThat(invoiceRead(first, "$.openBalance")).isEqualTo("500.0");

        ResponseEntity<String> again = as(COLLECTOR).postForEntity("/api/payments/" + paymentId + "/match",
                jsonEntity("{\"invoiceNumber\": \"" + first + "\"}"), String.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(invoiceRead(first, "$.openBalance")).isEqualTo("500.0");
        assertThat(rows("invoice_payment", paymentId)).isEqualTo(1);
    }

    @Test
    void aPaymentNothingFitsIsKeptUnmatchedWithTheReason() {
        String paymentId = unique("P");
        ResponseEntity<String> posted = pay(payment(paymentId, "123.45",
                "\"payer\": \"" + unique("Nobody ") + "\", \"text\": \"thanks\""));

        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(field(posted, "$.payment.status")).isEqualTo("UNMATCHED");
        assertThat(field(posted, "$.payment.reason")).contains("is not a customer").contains("no structured reference");
        assertThat(paymentRead(paymentId, "$.amount")).isEqualTo("123.45");
        assertThat(rows("invoice_payment", paymentId)).isZero();
    }

    @Test
    void aReferenceWithAWrongCheckDigitIsNotTrusted() {
        String number = uniqueDigits();
        String kid = invoice(customer(unique("Typo Payer ")), number, "1000");
        String body = kid.substring(0, kid.length() - 1);
        String wrong = null;
        for (int digit = 0; digit <= 9 && wrong == null; digit++) {
            wrong = PaymentReferences.isValidKid(body + digit) ? null : body + digit;
        }
        assertThat(wrong).isNotNull();

        ResponseEntity<String> posted = pay(payment(unique("P"), "1000", "\"reference\": \"" + wrong + "\""));

        assertThat(field(posted, "$.payment.status")).as(posted.getBody()).isEqualTo("UNMATCHED");
        assertThat(field(posted, "$.payment.reason")).contains("fails its check digit");
        assertThat(invoiceRead(number, "$.openBalance")).isEqualTo("1000.0");
    }

    @Test
    void aPaymentForAPaidInvoiceIsKeptUnmatchedNamingTheInvoice() {
        String number = uniqueDigits();
        String kid = invoice(customer(unique("Twice Payer ")), number, "300");
        assertThat(field(pay(payment(unique("P"), "300", "\"reference\": \"" + kid + "\"")), "$.payment.status"))
                .isEqualTo("MATCHED");
        String secondId = unique("P");

        ResponseEntity<String> second = pay(payment(secondId, "300", "\"reference\": \"" + kid + "\""));

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(field(second, "$.payment.status")).isEqualTo("UNMATCHED");
        assertThat(field(second, "$.payment.reason")).contains("invoice " + number + " is already PAID");
        assertThat(paymentRead(secondId, "$.status")).isEqualTo("UNMATCHED");
        assertThat(rows("invoice_payment", secondId)).isZero();
    }

    @Test
    void anOverPaymentPaysTheInvoiceAndTheRestBecomesTheCustomersCredit() {
        String number = uniqueDigits();
        String kid = invoice(customer(unique("Generous Payer ")), number, "1000");
        String paymentId = unique("P");

        ResponseEntity<String> posted = pay(payment(paymentId, "1000.01", "\"reference\": \"" + kid + "\""));

        assertThat(field(posted, "$.payment.status")).as(posted.getBody()).isEqualTo("MATCHED");
        assertThat(invoiceRead(number, "$.status")).isEqualTo("PAID");
        assertThat(invoiceRead(number, "$.collectionCase.state")).isEqualTo("ENDED");
        assertThat(jdbc.queryForObject("SELECT to_credit FROM invoice_payment WHERE payment_id = ?",
                java.math.BigDecimal.class, paymentId)).isEqualByComparingTo("0.01");
        assertThat(jdbc.queryForObject("SELECT open_amount FROM credit_balance WHERE payment_id = ?",
                java.math.BigDecimal.class, paymentId)).isEqualByComparingTo("0.01");
    }

    @Test
    void theSamePaymentTwiceIsStoredAndBookedOnceAndOtherContentUnderItsIdConflicts() {
        String number = uniqueDigits();
        String kid = invoice(customer(unique("Repeat Payer ")), number, "1000");
        String paymentId = unique("P");
        String json = payment(paymentId, "250", "\"reference\": \"" + kid + "\", \"payer\": \"Someone\"");

        assertThat(pay(json).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        // Only the amount's spelling changes: the KID may contain "250" too.
        ResponseEntity<String> again = pay(json.replace("\"amount\": 250,", "\"amount\": 250.00,"));

        assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(field(again, "$.result")).isEqualTo("UNCHANGED");
        assertThat(field(again, "$.payment.status")).isEqualTo("MATCHED");
        assertThat(rows("bank_payment", paymentId)).isEqualTo(1);
        assertThat(rows("invoice_payment", paymentId)).isEqualTo(1);
        assertThat(invoiceRead(number, "$.openBalance")).isEqualTo("750.0");

        ResponseEntity<String> other = pay(json.replace("\"amount\": 250,", "\"amount\": 260,"));
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(other.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(invoiceRead(number, "$.openBalance")).isEqualTo("750.0");
    }

    @Test
    void aBatchWithFaultsNamesEachPositionAndStoresNothing() {
        String good = unique("P");
        String bad = unique("P");
        String badDate = unique("P");
        ResponseEntity<String> response = as(ERP).postForEntity("/api/payments/batch", jsonEntity("[%s, %s, %s, %s]".formatted(
                payment(good, "10", ""),
                """
                {"paymentId": "%s", "amount": -5, "currency": "ABC", "bookedOn": "%s"}""".formatted(bad, TODAY),
                """
                {"paymentId": "%s", "amount": 1.234, "currency": "NOK", "bookedOn": "2026-02-30", "reference": "%s"}"""
                        .formatted(badDate, "1".repeat(36)),
                payment(good, "11", ""))), String.class);

        assertInvalid(response, "[1].amount", "[1].currency", "[2].amount", "[2].bookedOn", "[2].reference",
                "[3].paymentId");
        assertThat(rows("bank_payment", good) + rows("bank_payment", bad) + rows("bank_payment", badDate)).isZero();
    }

    @Test
    void aBatchTakesEveryPaymentInOrder() {
        String number = uniqueDigits();
        String kid = invoice(customer(unique("Batch Payer ")), number, "1000");
        String first = unique("P");
        String second = unique("P");

        ResponseEntity<String> response = as(ERP).postForEntity("/api/payments/batch", jsonEntity("[%s, %s]".formatted(
                payment(first, "600", "\"reference\": \"" + kid + "\""),
                payment(second, "500", "\"reference\": \"" + kid + "\""))), String.class);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        List<String> statuses = JsonPath.read(response.getBody(), "$[*].payment.status");
        assertThat(statuses).as("the second pays the 400 left and 100 is credit").containsExactly("MATCHED", "MATCHED");
        assertThat(invoiceRead(number, "$.status")).isEqualTo("PAID");
        assertThat(jdbc.queryForObject("SELECT amount FROM credit_balance WHERE payment_id = ?",
                java.math.BigDecimal.class, second)).isEqualByComparingTo("100");
    }

    @Test
    void aBatchWhosePaymentClashesWithAnEarlierOneBooksWhatCameBeforeItOnceAndNoMore() {
        String number = uniqueDigits();
        String kid = invoice(customer(unique("Chunk Payer ")), number, "1000");
        String known = unique("P");
        pay(payment(known, "100", "\"reference\": \"" + kid + "\""));
        String first = unique("P");
        String after = unique("P");

        // Taken as one chunk, the clash rolls the chunk back; taken again one by one, the first is booked once.
        ResponseEntity<String> response = as(ERP).postForEntity("/api/payments/batch", jsonEntity("[%s, %s, %s]".formatted(
                payment(first, "200", "\"reference\": \"" + kid + "\""),
                payment(known, "999", "\"reference\": \"" + kid + "\""),
                payment(after, "300", "\"reference\": \"" + kid + "\""))), String.class);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(rows("invoice_payment", first)).isEqualTo(1);
        assertThat(rows("bank_payment", first)).isEqualTo(1);
        assertThat(rows("bank_payment", after)).as("after the clash, as one by one").isZero();
        assertThat(invoiceRead(number, "$.openBalance")).isEqualTo("700.0");
    }

    @Test
    void aSinglePaymentWithFaultsNamesEachField() {
        ResponseEntity<String> response = pay("""
                {"amount": 0, "currency": "NOK", "bookedOn": "20-11-2026", "valueDate": "2026-13-01"}""");
        assertInvalid(response, "paymentId", "amount", "bookedOn", "valueDate");
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void twentyPaymentsOfOneInvoicePostedInParallelAreEachStoredAndBookedOnce() throws Exception {
        String number = uniqueDigits();
        String kid = invoice(customer(unique("Busy Payer ")), number, "1000");
        List<String> ids = new ArrayList<>();
        List<Callable<ResponseEntity<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String paymentId = unique("P");
            ids.add(paymentId);
            posts.add(() -> pay(payment(paymentId, "50", "\"reference\": \"" + kid + "\"")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (Future<ResponseEntity<String>> answer : pool.invokeAll(posts)) {
                assertThat(answer.get().getStatusCode()).as(answer.get().getBody()).isEqualTo(HttpStatus.CREATED);
                assertThat(field(answer.get(), "$.payment.status")).isEqualTo("MATCHED");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(invoiceRead(number, "$.openBalance")).isEqualTo("0.0");
        assertThat(invoiceRead(number, "$.status")).isEqualTo("PAID");
        assertThat(invoiceRead(number, "$.collectionCase.state")).isEqualTo("ENDED");
        for (String id : ids) {
            assertThat(rows("bank_payment", id)).as(id).isEqualTo(1);
            assertThat(rows("invoice_payment", id)).as(id).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bank_payment WHERE matched_invoice_number = ?", Long.class,
                number)).isEqualTo(20);
    }

    // ---------------------------------------------------------------- views and the collector's match

    @Test
    void theListShowsOneStatusNewestFirst() {
        String older = unique("P");
        String newer = unique("P");
        pay(payment(older, "1", ""));
        pay(payment(newer, "2", ""));

        ResponseEntity<String> unmatched = as(COLLECTOR).getForEntity("/api/payments?status=unmatched&size=200", String.class);

        assertThat(unmatched.getStatusCode()).as(unmatched.getBody()).isEqualTo(HttpStatus.OK);
        List<String> statuses = JsonPath.read(unmatched.getBody(), "$.items[*].status");
        assertThat(statuses).isNotEmpty().containsOnly("UNMATCHED");
        List<String> ids = JsonPath.read(unmatched.getBody(), "$.items[*].paymentId");
        assertThat(ids).contains(older, newer);
        assertThat(ids.indexOf(newer)).isLessThan(ids.indexOf(older));
        assertThat((Integer) JsonPath.read(unmatched.getBody(), "$.total")).isGreaterThanOrEqualTo(2);

        List<String> matched = JsonPath.read(as(ERP).getForEntity("/api/payments?status=MATCHED", String.class).getBody(),
                "$.items[*].paymentId");
        assertThat(matched).doesNotContain(older, newer);
        List<String> firstOfAll = JsonPath.read(as(ERP).getForEntity("/api/payments?size=1", String.class).getBody(),
                "$.items[*].paymentId");
        assertThat(firstOfAll).hasSize(1);

        assertInvalid(as(COLLECTOR).getForEntity("/api/payments?status=lost&size=0", String.class), "status", "size");
    }

    @Test
    void aCollectorsMatchNamesWhatIsWrong() {
        String paymentId = unique("P");
        pay(payment(paymentId, "5", ""));

        assertThat(as(COLLECTOR).postForEntity("/api/payments/" + unique("NONE") + "/match",
                jsonEntity("{\"invoiceNumber\": \"1\"}"), String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertInvalid(as(COLLECTOR).postForEntity("/api/payments/" + paymentId + "/match",
                jsonEntity("{\"invoiceNumber\": \"" + uniqueDigits() + "\"}"), String.class), "invoiceNumber");
        assertInvalid(as(COLLECTOR).postForEntity("/api/payments/" + paymentId + "/match", jsonEntity("{}"), String.class),
                "invoiceNumber");
        assertThat(as(COLLECTOR).getForEntity("/api/payments/" + unique("NONE"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(paymentRead(paymentId, "$.status")).isEqualTo("UNMATCHED");
    }

    // ---------------------------------------------------------------- security

    @Test
    void onlyTheIntegrationPostsPaymentsAndOnlyCollectorsMatchThem() {
        String paymentId = unique("P");
        assertThat(http.postForEntity("/api/payments", jsonEntity(payment(paymentId, "1", "")), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/api/payments", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(as(COLLECTOR).postForEntity("/api/payments", jsonEntity(payment(paymentId, "1", "")), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as(COLLECTOR).postForEntity("/api/payments/batch", jsonEntity("[" + payment(paymentId, "1", "") + "]"),
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rows("bank_payment", paymentId)).isZero();

        assertThat(pay(payment(paymentId, "1", "")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(as(ERP).postForEntity("/api/payments/" + paymentId + "/match",
                jsonEntity("{\"invoiceNumber\": \"1\"}"), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as(ERP).getForEntity("/api/payments/" + paymentId, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(paymentRead(paymentId, "$.status")).isEqualTo("UNMATCHED");
    }
}
