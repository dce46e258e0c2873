package io.overdue.channels;

import io.overdue.shared.PaymentReferences;
import io.overdue.support.ApplicationTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The first reminder as a letter: what the customer reads on paper, and how a collector gets hold of it. */
class LetterChannelTest extends ApplicationTest {

    private static final Locale NORWEGIAN = Locale.forLanguageTag("nb");
    private static final float A4_WIDTH = 210 / 25.4f * 72;
    private static final float A4_HEIGHT = 297 / 25.4f * 72;

    @Autowired LetterChannel letters;
    @Autowired EmailChannel email;
    @Autowired CommunicationLog log;

    /** A notice built as the dunning module builds it: dates and amounts already in the customer's format. */
    static Notice firstReminder(String invoice, Locale locale) {
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        NumberFormat money = NumberFormat.getNumberInstance(locale);
        money.setMinimumFractionDigits(2);
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", "Bjørn Ærø Åsheim");
        model.put("invoiceNumber", invoice);
        model.put("issueDate", dates.format(LocalDate.of(2026, 9, 15)));
        model.put("dueDate", dates.format(LocalDate.of(2026, 10, 15)));
        model.put("currency", "NOK");
        model.put("principal", money.format(new BigDecimal("12345.5")));
        model.put("fees", money.format(BigDecimal.ZERO));
        model.put("interest", money.format(BigDecimal.ZERO));
        model.put("total", money.format(new BigDecimal("12345.5")));
        model.put("deadline", dates.format(LocalDate.of(2026, 12, 6)));
        model.put("bankAccount", "1503.12.34567");
        model.put("paymentReference", PaymentReferences.kidMod10(invoice));
        model.put("referenceType", "KID");
        model.put("creditorName", "Overdue Demo AS");
        model.put("creditorEmail", "collections@overdue.example");
        model.put("creditorPhone", "+47 22 00 00 00");
        return new Notice("first-reminder:" + invoice, invoice, "C-" + invoice, null, "first-reminder", locale, model);
    }

    @Test
    void theFirstReminderLetterHasTheFactsInNorwegianOnA4() throws IOException {
        String invoice = uniqueDigits();
        Letter letter = letters.store(firstReminder(invoice, NORWEGIAN));

        try (PDDocument pdf = Loader.loadPDF(letter.pdf())) {
            preview(pdf, letter.pdf());
            String text = new PDFTextStripper().getText(pdf).replace('\u00a0', ' ');
            assertThat(text).contains(
                    "Påminnelse: faktura " + invoice + " er forfalt",
                    "Hei Bjørn Ærø Åsheim,",
                    "Fakturanummer " + invoice,
                    "Kundenummer C-" + invoice,
                    "Betalingsreferanse (KID) " + PaymentReferences.kidMod10(invoice),
                    "Kontonummer 1503.12.34567",
                    "Utestående beløp 12 345,50 NOK",
                    "Gebyrer 0,00 NOK",
                    "Renter 0,00 NOK",
                    "Å betale 12 345,50 NOK",
                    "15. oktober 2026",
                    "innen 6. desember 2026",
                    "Med vennlig hilsen");
            PDPage page = pdf.getPage(0);
            assertThat(page.getMediaBox().getWidth()).isCloseTo(A4_WIDTH, within(1f));
            assertThat(page.getMediaBox().getHeight()).isCloseTo(A4_HEIGHT, within(1f));
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            // Embedded fonts are what lets the letter show æøå the same everywhere, years from now.
            List<PDFont> fonts = new ArrayList<>();
            for (var name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
            assertThat(fonts).isNotEmpty().allMatch(PDFont::isEmbedded);
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("nb");
            assertThat(new String(pdf.getDocumentCatalog().getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("pdfaid:part", "2");
        }
    }

    @Test
    void aLanguageWithoutTextsGetsTheEnglishLetter() throws IOException {
        String invoice = uniqueDigits();
        Letter letter = letters.store(firstReminder(invoice, Locale.forLanguageTag("fi")));
        try (PDDocument pdf = Loader.loadPDF(letter.pdf())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Reminder: invoice " + invoice + " is overdue",
                    "Total to pay");
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("en");
        }
    }

    @Test
    void theLetterIsInTheCommunicationLogBesideTheEmailOfTheSameNotice() {
        String invoice = uniqueDigits();
        Notice notice = firstReminder(invoice, NORWEGIAN);
        email.send(new Notice(notice.idempotencyKey(), invoice, notice.customerNumber(), "ap@example.no",
                notice.template(), notice.locale(), notice.model()));
        Letter letter = letters.store(notice);

        assertThat(log.forInvoice(invoice)).extracting(SentNotice::channel).containsExactlyInAnyOrder("EMAIL", "LETTER");
        SentNotice logged = log.forInvoice(invoice).stream().filter(n -> n.channel().equals("LETTER")).findFirst().orElseThrow();
        assertThat(logged.status()).isEqualTo(SentNotice.STORED);
        assertThat(logged.providerId()).isEqualTo(String.valueOf(letter.id()));
        assertThat(logged.recipient()).isEqualTo("Bjørn Ærø Åsheim");
        assertThat(logged.subject()).isEqualTo("Påminnelse: faktura " + invoice + " er forfalt");
        assertThat(logged.content()).contains("PDF letter " + letter.id(), "1 page", "not posted",
                PaymentReferences.kidMod10(invoice));
    }

    @Test
    void aCollectorDownloadsTheStoredPdf() {
        String invoice = uniqueDigits();
        Letter letter = letters.store(firstReminder(invoice, NORWEGIAN));

        ResponseEntity<byte[]> response = as(COLLECTOR).getForEntity("/api/invoices/{invoice}/letters/{id}", byte[].class,
                invoice, letter.id());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(response.getHeaders().getContentDisposition().getType()).isEqualTo("attachment");
        assertThat(response.getHeaders().getContentDisposition().getFilename())
                .isEqualTo(invoice + "-first-reminder-" + letter.id() + ".pdf");
        assertThat(response.getHeaders().getCacheControl()).contains("no-store");
        assertThat(response.getBody()).isEqualTo(letter.pdf());
    }

    @Test
    void theLettersOfAnInvoiceAreListedWithTheirDownloadAddress() {
        String invoice = uniqueDigits();
        Letter letter = letters.store(firstReminder(invoice, NORWEGIAN));

        ResponseEntity<String> response = as(COLLECTOR).getForEntity("/api/invoices/{invoice}/letters", String.class, invoice);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("\"id\":" + letter.id(), "\"template\":\"first-reminder\"",
                "\"href\":\"/api/invoices/" + invoice + "/letters/" + letter.id() + "\"",
                "\"size\":" + letter.size());
    }

    @Test
    void aLetterOfAnotherInvoiceIsNotFound() {
        String invoice = uniqueDigits();
        Letter letter = letters.store(firstReminder(invoice, NORWEGIAN));
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_PDF));

        ResponseEntity<String> other = as(COLLECTOR).exchange("/api/invoices/{invoice}/letters/{id}", HttpMethod.GET,
                new HttpEntity<>(headers), String.class, uniqueDigits(), letter.id());
        ResponseEntity<String> missing = as(COLLECTOR).getForEntity("/api/invoices/{invoice}/letters/{id}", String.class,
                invoice, Long.MAX_VALUE);

        for (ResponseEntity<String> response : List.of(other, missing)) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).contains("urn:overdue:problem:not-found", "does not exist");
        }
    }

    @Test
    void lettersNeedALogin() {
        ResponseEntity<String> response = http.getForEntity("/api/invoices/{invoice}/letters/{id}", String.class, "1", 1);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** Leaves the letter and a picture of each page in target/letters for a human to look at. */
    private static void preview(PDDocument pdf, byte[] bytes) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "letters"));
        Files.write(dir.resolve("first-reminder-nb.pdf"), bytes);
        for (int page = 0; page < pdf.getNumberOfPages(); page++) {
            ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(page, 110), "png",
                    dir.resolve("first-reminder-nb-" + (page + 1) + ".png").toFile());
        }
    }
}
