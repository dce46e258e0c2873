package io.overdue.channels;

import io.overdue.support.ApplicationTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every notice template the dunning policy names, in every language and on every channel the policy sends it by,
 * states the facts the law and the customer need, and nothing renders empty.
 */
class NoticeTemplatesTest extends ApplicationTest {

    /** Template → the channels the policy (docs/dunning-policy.md) sends it by. */
    static final Map<String, List<String>> TEMPLATES = Map.of(
            "courtesy-reminder", List.of("EMAIL"),
            "reminder-1", List.of("EMAIL"),
            "reminder-2", List.of("EMAIL", "SMS"),
            "reminder-2-fee", List.of("EMAIL", "SMS"),
            "inkassovarsel", List.of("EMAIL", "LETTER"),
            "inkassokrav", List.of("EMAIL", "LETTER"),
            "final-notice", List.of("EMAIL", "LETTER"));
    static final List<Locale> LANGUAGES = List.of(Locale.forLanguageTag("nb"), Locale.forLanguageTag("sv"), Locale.ENGLISH);

    @Autowired EmailChannel email;
    @Autowired SmsChannel sms;
    @Autowired LetterRenderer letters;
    @Autowired MessageSource messages;

    /** Facts as the dunning module formats them, in the customer's language and the currency of its country. */
    static Map<String, Object> fullModel(Locale locale) {
        Map<String, Object> model = new HashMap<>();
        boolean nb = locale.getLanguage().equals("nb");
        boolean sv = locale.getLanguage().equals("sv");
        model.put("customerName", nb ? "Fjord Fisk AS" : sv ? "Älvsbyn Trä AB" : "Harbour Tools Ltd");
        model.put("invoiceNumber", "2026000123");
        model.put("issueDate", nb ? "15. september 2026" : sv ? "15 september 2026" : "15 September 2026");
        model.put("dueDate", nb ? "15. oktober 2026" : sv ? "15 oktober 2026" : "15 October 2026");
        model.put("currency", nb ? "NOK" : sv ? "SEK" : "EUR");
        model.put("principal", "12\u00a0345,50");
        model.put("fees", "35,00");
        model.put("interest", "87,12");
        model.put("total", "12\u00a0937,62");
        model.put("deadline", nb ? "30. november 2026" : sv ? "30 november 2026" : "30 November 2026");
        model.put("bankAccount", "1503.12.34567");
        model.put("paymentReference", "20260001236");
        model.put("referenceType", nb ? "KID" : "OCR");
        model.put("creditorName", "Nordlys Rørleggerservice AS");
        model.put("creditorEmail", "inkasso@nordlys.example");
        model.put("creditorPhone", "+47 22 00 00 00");
        model.put("financeContact", "Kari Nordmann, CFO");
        model.put("financeContactEmail", "cfo@customer.example");
        model.put("creditHold", true);
        model.put("compensation", "470,00");
        model.put("interestRate", "12,50");
        model.put("interestFrom", nb ? "16. oktober 2026" : "16 October 2026");
        model.put("interestUntil", nb ? "4. november 2026" : "4 November 2026");
        model.put("feeBasis", "inkassoforskriften § 1-2");
        return model;
    }

    private static Notice notice(String template, Locale locale, Map<String, Object> model) {
        return new Notice(template + ":2026000123", "2026000123", "C-77", "ap@customer.example", template, locale, model);
    }

    @Test
    void everyWrittenNoticeStatesTheFactsInEveryLanguage() throws IOException {
        List<String> checked = new ArrayList<>();
        for (var entry : TEMPLATES.entrySet()) {
            String template = entry.getKey();
            for (Locale locale : LANGUAGES) {
                Notice notice = notice(template, locale, fullModel(locale));
                EmailChannel.Rendered mail = email.render(notice);
                assertWritten(template, locale, "email text", mail.text());
                assertWritten(template, locale, "email html", htmlText(mail.html()));
                checked.add(template + "/" + locale + "/EMAIL");
                if (entry.getValue().contains("LETTER")) {
                    assertWritten(template, locale, "letter", pdfText(letters.pdf(notice)));
                    checked.add(template + "/" + locale + "/LETTER");
                }
            }
        }
        assertThat(checked).hasSize(7 * 3 + 3 * 3);
    }

    private void assertWritten(String template, Locale locale, String medium, String text) {
        String flat = text.replace('\u00a0', ' ').replaceAll("\\s+", " ");
        String what = template + " " + locale + " " + medium;
        Map<String, Object> model = fullModel(locale);
        assertThat(flat).as(what).contains(
                "2026000123", "20260001236", "1503.12.34567", "Nordlys Rørleggerservice AS",
                "12 345,50", "35,00", "87,12", "12 937,62", "470,00",
                (String) model.get("deadline"), (String) model.get("dueDate"), (String) model.get("issueDate"),
                message("notice.how-to-object", locale, model.get("deadline"), "inkasso@nordlys.example", "+47 22 00 00 00"),
                message("notice.contact", locale, "Nordlys Rørleggerservice AS", "inkasso@nordlys.example", "+47 22 00 00 00"),
                message("notice.addressed", locale, model.get("customerName"), "Kari Nordmann, CFO"),
                message("notice.credit-hold", locale),
                message("notice.compensation", locale),
                message("notice.interest-detail", locale, "12,50", model.get("interestFrom"), model.get("interestUntil")));
        // An unknown message key renders as ??key_locale??, a missing value as "null".
        assertThat(flat).as(what).doesNotContain("??", "null");
        switch (template) {
            case "inkassovarsel" -> assertThat(flat).as(what).contains("Inkassovarsel", "14");
            case "inkassokrav" -> assertThat(flat).as(what).contains("Inkassokrav");
            case "reminder-2-fee" -> assertThat(flat).as(what).contains(message("reminder-2-fee.fee", locale, "35,00",
                    model.get("currency")), "inkassoforskriften § 1-2");
            default -> assertThat(flat).as(what).doesNotContain("Inkasso");
        }
    }

    @Test
    void theLegalHeadingsStayInEveryLanguage() {
        for (Locale locale : LANGUAGES) {
            assertThat(email.render(notice("inkassovarsel", locale, fullModel(locale))).subject()).startsWith("Inkassovarsel");
            assertThat(email.render(notice("inkassokrav", locale, fullModel(locale))).subject()).startsWith("Inkassokrav");
        }
        assertThat(email.render(notice("inkassovarsel", Locale.forLanguageTag("nb"), fullModel(Locale.forLanguageTag("nb"))))
                .subject()).isEqualTo("Inkassovarsel: faktura 2026000123");
        assertThat(email.render(notice("inkassokrav", Locale.forLanguageTag("sv"), fullModel(Locale.forLanguageTag("sv"))))
                .subject()).isEqualTo("Inkassokrav: faktura 2026000123");
    }

    @Test
    void everySmsFitsInTwoSegmentsPointsToThePaymentAndSaysHowToStopThem() {
        for (var entry : TEMPLATES.entrySet()) {
            if (!entry.getValue().contains("SMS")) {
                continue;
            }
            for (Locale locale : LANGUAGES) {
                Map<String, Object> model = fullModel(locale);
                model.put("total", "1\u00a0234\u00a0567,89");
                model.put("paymentReference", "1234567890123456789012345");
                String body = sms.render(notice(entry.getKey(), locale, model));
                assertThat(body).as(entry.getKey() + " " + locale).contains("2026000123", "1234567890123456789012345",
                        "1 234 567,89", "1503.12.34567", (String) model.get("deadline"), "Nordlys Rørleggerservice AS");
                assertThat(SmsText.segments(body)).as("%s %s: %s (%d chars)", entry.getKey(), locale, body, body.length())
                        .isLessThanOrEqualTo(2);
                // the opt-out line, with a word SmsInbox takes as STOP
                assertThat(body.strip()).as(entry.getKey() + " " + locale).matches("(?s).*(Reply STOP|Svar STOPP|Svara STOPP) .*\\.$");
            }
        }
    }

    @Test
    void optionalLinesAppearOnlyWhenTheModelHasThem() {
        Locale locale = Locale.ENGLISH;
        Map<String, Object> model = fullModel(locale);
        for (String optional : NoticeModel.OPTIONAL) {
            model.remove(optional);
        }
        EmailChannel.Rendered mail = email.render(notice("final-notice", locale, model));
        for (String text : List.of(mail.text(), htmlText(mail.html()))) {
            assertThat(text).doesNotContain("copy to", "Deliveries", "Fixed compensation", "a year from", "null", "??")
                    .contains("Total to pay");
        }
        assertThat(mail.text()).doesNotContain("\n\n\n");
    }

    @Test
    void aMissingModelKeyFailsNamingTheKey() {
        Map<String, Object> model = fullModel(Locale.ENGLISH);
        model.remove("paymentReference");
        model.put("deadline", " ");
        assertThatThrownBy(() -> email.render(notice("reminder-1", Locale.ENGLISH, model)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'reminder-1'").hasMessageContaining("deadline, paymentReference");
        assertThatThrownBy(() -> letters.pdf(notice("inkassovarsel", Locale.ENGLISH, model)))
                .hasMessageContaining("paymentReference");
        assertThatThrownBy(() -> sms.render(notice("reminder-2", Locale.ENGLISH, model)))
                .hasMessageContaining("SMS").hasMessageContaining("deadline, paymentReference");

        Map<String, Object> halfInterest = fullModel(Locale.ENGLISH);
        halfInterest.remove("interestUntil");
        assertThatThrownBy(() -> NoticeModel.requireWritten("reminder-2", halfInterest))
                .hasMessageContaining("interestUntil");
    }

    /** Leaves an HTML email and a letter in target/notices for a human (or a headless browser) to look at. */
    @Test
    void previews() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "notices"));
        Locale nb = Locale.forLanguageTag("nb");
        Files.writeString(dir.resolve("reminder-2-fee-nb.html"), email.render(notice("reminder-2-fee", nb, fullModel(nb))).html());
        Files.writeString(dir.resolve("reminder-2-fee-nb.txt"), email.render(notice("reminder-2-fee", nb, fullModel(nb))).text());
        byte[] pdf = letters.pdf(notice("inkassovarsel", nb, fullModel(nb)));
        Files.write(dir.resolve("inkassovarsel-nb.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                ImageIO.write(new PDFRenderer(document).renderImageWithDPI(page, 110), "png",
                        dir.resolve("inkassovarsel-nb-" + (page + 1) + ".png").toFile());
            }
            // Every optional line present, the longest case: it still fits one A4 page.
            assertThat(document.getNumberOfPages()).isEqualTo(1);
        }
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale).replace('\u00a0', ' ');
    }

    private static String htmlText(String html) {
        assertThat(html).isNotNull();
        return html.replaceAll("(?s)<head>.*</head>", " ").replaceAll("<[^>]+>", " ").replace("&#39;", "'")
                .replace("&quot;", "\"").replace("&amp;", "&").replace("&#183;", "·");
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // The layout may wrap an email address after a dot; that is a line break, not a space in the address.
            return new PDFTextStripper().getText(document).replaceAll("\\.\\R(?=\\p{Ll})", ".");
        }
    }
}
