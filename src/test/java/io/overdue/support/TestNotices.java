package io.overdue.support;

import io.overdue.channels.Notice;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A complete first-reminder notice in Norwegian, for tests that need something in the communication log. */
public final class TestNotices {

    public static final String FIRST_REMINDER = "first-reminder";

    private TestNotices() {
    }

    /** Keyed like the process's own first reminder, so that email, SMS and letter of it belong to one notice. */
    public static Notice firstReminder(String invoice, String customer, String recipient, String paymentReference) {
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", "Fjellheim Elektro AS");
        model.put("invoiceNumber", invoice);
        model.put("issueDate", "1. november 2026");
        model.put("dueDate", "15. november 2026");
        model.put("currency", "NOK");
        model.put("principal", "1 250,50");
        model.put("fees", "0,00");
        model.put("interest", "0,00");
        model.put("total", "1 250,50");
        model.put("deadline", "6. desember 2026");
        model.put("bankAccount", "1503.12.34567");
        model.put("paymentReference", paymentReference);
        model.put("referenceType", "KID");
        model.put("creditorName", "Overdue Demo AS");
        model.put("creditorEmail", "collections@overdue.example");
        model.put("creditorPhone", "+47 22 00 00 00");
        return new Notice(FIRST_REMINDER + ":" + invoice, invoice, customer, recipient, FIRST_REMINDER,
                Locale.forLanguageTag("nb"), model);
    }
}
