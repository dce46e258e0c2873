package io.overdue.channels;

import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.Test;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A notice is sent once per idempotency key, whatever retries the engine makes. */
class EmailChannelTest extends ApplicationTest {

    @Autowired EmailChannel email;
    @Autowired CommunicationLog log;
    @Autowired Outbox outbox;
    @Autowired OutboxSender sender;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;

    private static Notice notice(String invoice, String recipient, Locale locale) {
        Map<String, Object> model = new HashMap<>();
        for (String key : new String[]{"customerName", "issueDate", "dueDate", "currency", "principal", "fees", "interest",
                "total", "deadline", "bankAccount", "paymentReference", "referenceType", "creditorName", "creditorEmail",
                "creditorPhone"}) {
            model.put(key, key + "-value");
        }
        model.put("invoiceNumber", invoice);
        return new Notice("first-reminder:" + invoice, invoice, "C1", recipient, "first-reminder", locale, model);
    }

    @Test
    void aRetriedNoticeIsNotSentAgain() {
        String invoice = unique("I");
        SentNotice first = email.send(notice(invoice, "ap@example.com", Locale.ENGLISH));
        SentNotice retry = email.send(notice(invoice, "ap@example.com", Locale.ENGLISH));

        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(first.status()).isEqualTo(SentNotice.QUEUED);
        assertThat(retry.status()).isEqualTo(SentNotice.SENT);
        assertThat(retry.id()).isPositive();
        assertThat(log.forInvoice(invoice)).hasSize(1);
        assertThat(log.forInvoice(invoice).get(0).subject()).isEqualTo("Reminder: invoice " + invoice + " is overdue");
        assertThat(log.forInvoice(invoice).get(0).content()).contains("Dear customerName-value", "Payment reference (referenceType-value): paymentReference-value");
    }

    @Test
    void theNoticeIsInTheCustomersLanguageWithEnglishAsFallback() {
        String swedish = unique("I");
        String finnish = unique("I");
        email.send(notice(swedish, "ekonomi@example.se", Locale.forLanguageTag("sv")));
        email.send(notice(finnish, "talous@example.fi", Locale.forLanguageTag("fi")));
        assertThat(log.forInvoice(swedish).get(0).subject()).isEqualTo("Påminnelse: faktura " + swedish + " är förfallen");
        assertThat(log.forInvoice(finnish).get(0).subject()).isEqualTo("Reminder: invoice " + finnish + " is overdue");
    }

    @Test
    void aCustomerWithoutAnAddressIsRecordedForTheCollector() {
        String invoice = unique("I");
        SentNotice sent = email.send(notice(invoice, null, Locale.ENGLISH));
        assertThat(sent.status()).isEqualTo(SentNotice.NO_ADDRESS);
        assertThat(MAIL.getReceivedMessages()).isEmpty();
        assertThat(log.forInvoice(invoice)).extracting(SentNotice::status).containsExactly(SentNotice.NO_ADDRESS);
    }

    @Test
    void anHtmlTemplateGoesAsMultipartAlternativeWithTheInvoiceAttached() throws Exception {
        String invoice = unique("I");
        Locale nb = Locale.forLanguageTag("nb");
        Map<String, Object> model = NoticeTemplatesTest.fullModel(nb);
        model.put("invoiceNumber", invoice);
        byte[] pdf = "%PDF-1.7 invoice copy".getBytes(StandardCharsets.US_ASCII);
        Notice notice = new Notice("reminder-2-fee:" + invoice, invoice, "C1", "ap@example.no", "reminder-2-fee", nb, model)
                .withAttachments(Notice.Attachment.pdf("faktura-" + invoice + ".pdf", pdf));

        SentNotice sent = email.send(notice);

        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("Ny påminnelse: faktura " + invoice + " er fortsatt ikke betalt");
        assertThat(message.getRecipients(Message.RecipientType.CC)).extracting(Object::toString)
                .containsExactly("cfo@customer.example");
        List<Part> leaves = new ArrayList<>();
        Multipart alternative = leaves(message, leaves);
        assertThat(alternative).as("a multipart/alternative part").isNotNull();
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("Betalingsreferanse (KID): 20260001236");
        assertThat((String) alternative.getBodyPart(1).getContent()).contains("<h1>Ny påminnelse: faktura " + invoice);
        Part attachment = leaves.stream().filter(p -> invoicePdf(p, invoice)).findFirst().orElseThrow();
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);
        // The log keeps what was said, in plain text.
        assertThat(sent.content()).isEqualTo(alternative.getBodyPart(0).getContent().toString().replace("\r\n", "\n"));
    }

    @Test
    void anEmailDueNowIsWrittenClaimedByTheThreadThatSendsItAfterCommit() throws Exception {
        String invoice = unique("I");
        String key = "first-reminder:" + invoice;
        OutboxMessage written = new TransactionTemplate(transactions).execute(status -> {
            email.send(notice(invoice, "ap@example.com", Locale.ENGLISH));
            assertThat(MAIL.getReceivedMessages()).as("nothing leaves before commit").isEmpty();
            return outbox.byKey(key).orElseThrow();
        });
        assertThat(written.status()).isEqualTo(OutboxMessage.Status.SENDING);
        assertThat(written.attempts()).isEqualTo(1);
        assertThat(written.claimedAt()).isNotNull();

        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        OutboxMessage sent = outbox.byKey(key).orElseThrow();
        assertThat(sent.status()).isEqualTo(OutboxMessage.Status.SENT);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sender.sendDue()).as("a background sender finds nothing left").isZero();
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(MAIL.getReceivedMessages()[0].getMessageID()).isEqualTo(sent.messageId());
    }

    @Test
    void aSendAfterCommitThatStartsLateTakesItsClaimOverOnlyWhenNobodyElseHas() {
        String invoice = unique("I");
        String key = "first-reminder:" + invoice;
        email.send(notice(invoice, "ap@example.com", Locale.ENGLISH));
        long id = outbox.byKey(key).orElseThrow().id();
        Instant claimed = Instant.now().minus(90, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.MILLIS);
        new TransactionTemplate(transactions).executeWithoutResult(status -> jdbc.update(
                "UPDATE outbox_message SET status = 'SENDING', claimed_at = ? WHERE id = ?", java.sql.Timestamp.from(claimed), id));

        Instant now = Instant.now();
        Boolean first = new TransactionTemplate(transactions).execute(status -> outbox.reclaim(id, claimed, now));
        Boolean second = new TransactionTemplate(transactions).execute(status -> outbox.reclaim(id, claimed, now));
        assertThat(first).isTrue();
        assertThat(second).as("another sender's claim (here: the one just taken) is not taken over").isFalse();
        assertThat(outbox.find(id).orElseThrow().claimedAt()).isBetween(now.minusMillis(1), now.plusMillis(1));
    }

    @Test
    void aTextOnlyTemplateStaysASinglePart() throws Exception {
        String invoice = unique("I");
        email.send(notice(invoice, "ap@example.com", Locale.ENGLISH));
        assertThat(MAIL.getReceivedMessages()[0].getContentType()).startsWith("text/plain");
    }

    @Test
    void aNoticeMissingAFactIsNotSent() {
        String invoice = unique("I");
        Notice notice = notice(invoice, "ap@example.com", Locale.ENGLISH);
        notice.model().remove("bankAccount");
        assertThatThrownBy(() -> email.send(notice)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing model key bankAccount");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
        assertThat(log.forInvoice(invoice)).isEmpty();
    }

    private static boolean invoicePdf(Part part, String invoice) {
        try {
            return ("faktura-" + invoice + ".pdf").equals(part.getFileName());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects the leaf parts and returns the multipart/alternative, if any. */
    private static Multipart leaves(Part part, List<Part> leaves) throws Exception {
        if (!(part.getContent() instanceof Multipart multipart)) {
            leaves.add(part);
            return null;
        }
        Multipart alternative = part.isMimeType("multipart/alternative") ? multipart : null;
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart child = multipart.getBodyPart(i);
            Multipart found = leaves(child, leaves);
            alternative = alternative != null ? alternative : found;
        }
        return alternative;
    }
}
