package io.overdue.dunning;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import io.overdue.channels.CommunicationLog;
import io.overdue.channels.LetterChannel;
import io.overdue.channels.SentNotice;
import io.overdue.invoices.InvoiceService;
import io.overdue.support.ApplicationTest;
import io.overdue.support.TwilioEmulator;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.overdue.dunning.DunningTestData.lines;
import static io.overdue.dunning.DunningTestData.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dunning notices sent straight through {@link DunningNotices} (not through the model): real templates, GreenMail as
 * the mail server, an emulated Twilio API, letters stored, and the {@code dunning_notice} table on each database.
 */
abstract class DunningNoticesContract extends ApplicationTest {

    static final String SID = "AC00000000000000000000000000000a3";
    static final String FROM = TwilioEmulator.FROM;

    // Started once per JVM and never stopped: the PostgreSQL subclass's cached context keeps the port it was made with.
    static final TwilioEmulator TWILIO_API = new TwilioEmulator(SID, "dunning-test-token");
    static final WireMockServer TWILIO = TWILIO_API.server();
    static final String MESSAGES = TWILIO_API.messagesPath();

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        TWILIO_API.register(registry);
    }

    @Autowired io.overdue.disputes.Disputes disputes;
    @Autowired io.overdue.invoices.InvoiceCopies copies;
    @Autowired DunningNotices notices;
    @Autowired io.overdue.channels.OutboxSender outbox;
    @Autowired CommunicationLog log;
    @Autowired LetterChannel letters;
    @Autowired InvoiceService invoices;
    @Autowired JdbcTemplate jdbc;
    @Autowired DunningNoticeStore store;
    @Autowired PlaceCreditHoldDelegate placeCreditHold;

    @BeforeEach
    void twilioAccepts() {
        TWILIO.resetAll();
        twilioAnswers(201, """
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "…", "from": "%s", "num_segments": "1",
                 "sid": "SM000000000000000000000000000000a3", "status": "queued", "to": "+4791234567"}""".formatted(SID, FROM));
    }

    @AfterEach
    void removeRates() {
        DunningTestData.removeTestRates(jdbc);
    }

    @Test
    void aNorwegianConsumersSecondLevelCarriesTheFeeFromTheRateTableInterestAndTotalOnLinesOfTheirOwn() throws Exception {
        DunningTestData.Debt debt = DunningTestData.consumerDebt(as(ERP), today().minusDays(18), "10000");
        String customer = debt.customer();
        String invoice = debt.invoice();
        LocalDate due = debt.due();
        DunningTestData.norwegianInterestRate(jdbc, due.plusDays(1), new BigDecimal("12.5"));

        DunningNotice notice = notices.send(invoice, 2, 1).orElseThrow();

        // 18 days at 12.5 %: 10,000 × 12.5 × 18 / 36,500 = 61.64; the purregebyr is the rate table's NOK 35.
        assertThat(notice.template()).isEqualTo(DunningPolicy.Templates.REMINDER_2_FEE);
        assertThat(notice.feeAmount()).isEqualByComparingTo("35.00");
        assertThat(notice.feeCurrency()).isEqualTo("NOK");
        assertThat(notice.feeSource()).contains("inkassoforskriften");
        assertThat(notice.interestAmount()).isEqualByComparingTo("61.64");
        assertThat(notice.deadline()).isEqualTo(today().plusDays(14));
        assertThat(notice.channels()).containsExactly("EMAIL", "SMS");
        assertThat(notice.total()).isEqualByComparingTo("10096.64");

        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("kari@nordmann.example");
        String reference = invoices.find(invoice).orElseThrow().paymentReference();
        List<String> text = lines(plainText(invoice));
        assertThat(text).contains("Gebyrer: 35,00 NOK", "Renter: 61,64 NOK", "Å betale: 10 096,64 NOK",
                "Utestående beløp: 10 000,00 NOK", "Betalingsreferanse (KID): " + reference);
        assertThat(text).anyMatch(line -> line.startsWith("(Forsinkelsesrente 12,50 % per år fra"));

        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withFormParam("To", equalTo("+4791234567"))
                .withFormParam("Body", containing(invoice))
                .withFormParam("Body", containing(reference)));
        assertThat(log.forInvoice(invoice)).extracting(SentNotice::idempotencyKey)
                .containsExactly("notice:" + invoice + ":L2:R1", "sms:notice:" + invoice + ":L2:R1");

        DunningNotices.ClaimedCharges claimed = notices.claimed(invoice, "NOK");
        assertThat(claimed.fees()).isEqualByComparingTo("35.00");
        assertThat(claimed.interest()).isEqualByComparingTo("61.64");
        assertThat(claimed.total()).isEqualByComparingTo("96.64");
        String caseView = as(ERP).getForObject("/api/invoices/" + invoice + "/case", String.class);
        assertThat(new BigDecimal(JsonPath.read(caseView, "$.balance.fees").toString())).isEqualByComparingTo("35.00");
    }

    @Test
    void anOpenPartialDisputeHoldsItsAmountBackFromTheNotice() {
        DunningTestData.Debt debt = DunningTestData.consumerDebt(as(ERP), today().minusDays(18), "2000");
        disputes.record(new io.overdue.disputes.Disputes.NewDispute(debt.invoice(), unique("REQ-"), null,
                new BigDecimal("500.00"), "One item was broken", io.overdue.disputes.Dispute.Source.API, true));

        DunningNotice notice = notices.send(debt.invoice(), 2, 1).orElseThrow();

        // Only the undisputed 1,500 is claimed while the dispute is open.
        assertThat(notice.principal()).isEqualByComparingTo("1500.00");
        assertThat(notice.total()).isEqualByComparingTo(new BigDecimal("1500.00")
                .add(DunningNotice.orZero(notice.feeAmount())).add(DunningNotice.orZero(notice.interestAmount())));
    }

    @Test
    void theInvoiceCopyTheErpUploadedGoesWithTheEmail() throws Exception {
        DunningTestData.Debt debt = DunningTestData.consumerDebt(as(ERP), today().minusDays(18), "2000");
        byte[] pdf = "%PDF-1.4 invoice copy".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        copies.put(debt.invoice(), null, pdf);

        notices.send(debt.invoice(), 2, 1).orElseThrow();

        jakarta.mail.internet.MimeMessage mail = MAIL.getReceivedMessages()[0];
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) mail.getContent();
        java.util.List<String> attachments = new java.util.ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            if (jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
                attachments.add(parts.getBodyPart(i).getFileName());
                assertThat(parts.getBodyPart(i).getInputStream().readAllBytes()).isEqualTo(pdf);
            }
        }
        assertThat(attachments).containsExactly("invoice-" + debt.invoice() + ".pdf");
    }

    @Test
    void aSecondCallSendsNothingMoreAndRecordsNothingTwice() {
        DunningTestData.Debt debt = DunningTestData.consumerDebt(as(ERP), today().minusDays(18), "2000");
        String customer = debt.customer();
        String invoice = debt.invoice();

        DunningNotice first = notices.send(invoice, 2, 1).orElseThrow();
        DunningNotice retry = notices.send(invoice, 2, 1).orElseThrow();

        assertThat(retry).isEqualTo(first);
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(notices.forInvoice(invoice)).hasSize(1);
        assertThat(log.forInvoice(invoice)).hasSize(2);
    }

    @Test
    void aFailedSmsWaitsInTheOutboxAndGoesOnceWithoutTheEmailAgain() {
        DunningTestData.Debt debt = DunningTestData.consumerDebt(as(ERP), today().minusDays(18), "2000");
        String invoice = debt.invoice();
        TWILIO.resetAll();
        twilioAnswers(400, """
                {"code": 21611, "message": "This 'From' number has exceeded the maximum number of queued messages",
                 "more_info": "https://www.twilio.com/docs/errors/21611", "status": 400}""");

        notices.send(invoice, 2, 1);
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(notices.forInvoice(invoice)).hasSize(1);
        assertThat(log.forInvoice(invoice)).extracting(SentNotice::channel).containsExactly("EMAIL");

        twilioAccepts();
        notices.send(invoice, 2, 1);
        jdbc.update("UPDATE outbox_message SET next_attempt_at = CURRENT_TIMESTAMP WHERE invoice_number = ?", invoice);
        outbox.sendDue();

        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        // This invoice's SMS: sendDue also sends what other tests of this context left due in the shared outbox.
        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing(invoice)));
        assertThat(log.forInvoice(invoice)).extracting(SentNotice::channel).containsExactly("EMAIL", "SMS");
        assertThat(notices.forInvoice(invoice)).hasSize(1);
    }

    @Test
    void aBusinessesLastLevelIsAFormalLetterAndEmailToTheFinanceContactInCopyWithHoldAndCompensation() throws Exception {
        DunningTestData.Debt debt = DunningTestData.businessDebt(as(ERP), today().minusDays(33), "150000");
        String customer = debt.customer();
        String invoice = debt.invoice();
        LocalDate due = debt.due();
        DunningTestData.norwegianInterestRate(jdbc, due.plusDays(1), new BigDecimal("12.5"));

        DunningNotice notice = notices.send(invoice, 3, 1).orElseThrow();

        assertThat(notice.template()).isEqualTo(DunningPolicy.Templates.INKASSOVARSEL);
        assertThat(notice.channels()).containsExactly("EMAIL", "LETTER", "CALL");
        assertThat(notice.creditHold()).isTrue();
        assertThat(notice.callCustomer()).isTrue();
        assertThat(notice.feeCharged()).isFalse();
        assertThat(notice.compensationAmount()).isEqualByComparingTo("470.00");
        assertThat(notice.financeContact()).isEqualTo("per@fjellheim.example");

        MimeMessage[] mails = MAIL.getReceivedMessages();
        assertThat(mails).hasSize(2); // GreenMail delivers one copy per recipient
        MimeMessage mail = mails[0];
        assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("faktura@fjellheim.example");
        assertThat(mail.getRecipients(Message.RecipientType.CC)[0].toString()).isEqualTo("per@fjellheim.example");
        List<String> text = lines(plainText(invoice));
        assertThat(text).contains("Standardkompensasjon: 470,00 NOK", "Gebyrer: 0,00 NOK",
                "Til: Fjellheim Elektro AS, med kopi til Per Økonomi, CFO",
                "Leveranser til dere er stanset til kontoen er gjort opp eller vi har avtalt en nedbetalingsplan.");

        assertThat(letters.forInvoice(invoice)).singleElement().satisfies(letter -> {
            assertThat(letter.idempotencyKey()).isEqualTo("notice:" + invoice + ":L3:R1");
            assertThat(letter.template()).isEqualTo("inkassovarsel");
            assertThat(letters.find(invoice, letter.id()).orElseThrow().pdf()).startsWith("%PDF-".getBytes());
            // The letter's window shows the customer's postal address.
            assertThat(log.forInvoice(invoice)).filteredOn(entry -> "LETTER".equals(entry.channel())).singleElement()
                    .satisfies(entry -> assertThat(entry.content()).contains("Industriveien 7", "7080 Heimdal"));
        });
        TWILIO.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void theSameLevelInAnotherRoundIsAnotherNoticeWithKeysOfItsOwn() {
        DunningTestData.Debt debt = DunningTestData.businessDebt(as(ERP), today().minusDays(40), "5000");
        String customer = debt.customer();
        String invoice = debt.invoice();

        notices.send(invoice, 3, 1);
        notices.send(invoice, 3, 2);

        assertThat(notices.forInvoice(invoice)).extracting(DunningNotice::round).containsExactly(1, 2);
        assertThat(letters.forInvoice(invoice)).extracting(letter -> letter.idempotencyKey())
                .containsExactly("notice:" + invoice + ":L3:R1", "notice:" + invoice + ":L3:R2");
    }

    @Test
    void aClosedInvoiceGetsNoNotice() {
        String invoice = DunningTestData.consumerDebt(as(ERP), today().minusDays(18), "2000").invoice();
        DunningTestData.cancel(jdbc, invoice);

        assertThat(notices.send(invoice, 2, 1)).isEmpty();

        assertThat(MAIL.getReceivedMessages()).isEmpty();
        assertThat(notices.forInvoice(invoice)).isEmpty();
        assertThat(log.forInvoice(invoice)).isEmpty();
    }

    /**
     * A large bank file pays the invoice at once and its case a little later: a level that asks for a credit hold in
     * between places none.
     */
    @Test
    void aClosedInvoicesCasePlacesNoCreditHold() throws Exception {
        String invoice = DunningTestData.consumerDebt(as(ERP), today().minusDays(18), "2000").invoice();
        DunningTestData.cancel(jdbc, invoice);

        placeCreditHold.execute(new FakeExecution(invoice, CollectionCaseProcess.Elements.PLACE_CREDIT_HOLD)
                .with(CollectionCaseProcess.Variables.LEVEL, 3).execution);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM credit_hold_event WHERE invoice_number = ?", Long.class,
                invoice)).isZero();

        String open = DunningTestData.consumerDebt(as(ERP), today().minusDays(18), "2000").invoice();
        placeCreditHold.execute(new FakeExecution(open, CollectionCaseProcess.Elements.PLACE_CREDIT_HOLD)
                .with(CollectionCaseProcess.Variables.LEVEL, 3).execution);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM credit_hold_event WHERE invoice_number = ?", Long.class,
                open)).as("an open invoice's case does").isEqualTo(1);
    }

    @Test
    void theTableHoldsOneNoticePerInvoiceLevelAndRoundWithItsAmountsExact() {
        String invoice = uniqueDigits();
        LocalDate sentOn = today().minusDays(1);
        store.insert(DunningLevelsTest.recorded(invoice, 2, 1, sentOn, sentOn.plusDays(14), new BigDecimal("35.0000")));

        assertThatThrownBy(() -> store.insert(DunningLevelsTest.recorded(invoice, 2, 1, sentOn, sentOn.plusDays(14), null)))
                .isInstanceOf(DuplicateKeyException.class);
        store.insert(DunningLevelsTest.recorded(invoice, 2, 2, sentOn, sentOn.plusDays(14), null));

        assertThat(store.forInvoice(invoice)).extracting(DunningNotice::round).containsExactly(1, 2);
        DunningNotice first = store.find(invoice, 2, 1).orElseThrow();
        assertThat(first.feeAmount()).isEqualByComparingTo("35");
        assertThat(first.feeCurrency()).isEqualTo("NOK");
        assertThat(first.sentOn()).isEqualTo(sentOn);
        assertThat(first.channels()).containsExactly("EMAIL");
        assertThat(notices.claimed(invoice, "NOK").fees()).isEqualByComparingTo("35");
    }

    private String plainText(String invoice) {
        return log.forInvoice(invoice).stream().filter(entry -> "EMAIL".equals(entry.channel()))
                .findFirst().orElseThrow().content();
    }

    private static void twilioAnswers(int status, String body) {
        TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }
}
