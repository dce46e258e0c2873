package io.overdue.channels;

import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A notice is sent once per idempotency key, whatever retries the engine makes. */
class EmailChannelTest extends ApplicationTest {

    @Autowired EmailChannel email;
    @Autowired CommunicationLog log;

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
        assertThat(first.status()).isEqualTo(SentNotice.SENT);
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
}
