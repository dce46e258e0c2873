package io.overdue.channels;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import com.openhtmltopdf.util.XRLog;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Map;
import java.util.logging.Level;

/**
 * Turns a notice into an A4 PDF: a Thymeleaf HTML template in the customer's language, laid out by
 * openhtmltopdf as PDF/A-2u.
 *
 * <p>PDF/A because letters are kept as evidence of what the customer was told, possibly for years, and
 * PDF/A carries everything needed to show them again (fonts, colour profile). That in turn needs every
 * font embedded, so the letters bring their own: DejaVu Sans, which covers the Nordic letters and most
 * Latin, Greek and Cyrillic names, where the PDF base-14 fonts stop at Latin-1 and are never embedded.
 */
@Component
class LetterRenderer {

    static final String FONT_FAMILY = "Overdue Letter Sans";

    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final LetterProperties properties;
    private final Clock clock;
    // Read once: the renderer asks for each font on every letter.
    private final byte[] regular = classpath("fonts/DejaVuSans.ttf");
    private final byte[] bold = classpath("fonts/DejaVuSans-Bold.ttf");
    private final byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    LetterRenderer(ITemplateEngine templates, MessageSource messages, LetterProperties properties, Clock clock) {
        this.templates = templates;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
        // openhtmltopdf reports every layout step at INFO on its own console handler, past our logging
        // configuration; its warnings (a missing glyph, a CSS rule it ignores) are what matter.
        XRLog.listRegisteredLoggers().forEach(logger -> XRLog.setLevel(logger, Level.WARNING));
    }

    /** The letter's heading, which is also the subject the email of the same notice has. */
    String subject(Notice notice) {
        return EmailChannel.subject(messages, notice);
    }

    String html(Notice notice) {
        NoticeModel.requireWritten(notice.template(), notice.model());
        Map<String, Object> model = NoticeModel.unbroken(notice.model());
        model.putIfAbsent("letterDate", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(notice.locale())
                .format(LocalDate.now(clock.withZone(properties.zone()))));
        model.put("customerNumber", notice.customerNumber());
        model.put("subject", subject(notice));
        // The language the text actually came out in, after the fallback to English, for the PDF's /Lang.
        model.put("language", messages.getMessage("letter.language", null, "en", notice.locale()));
        return templates.process("letters/" + notice.template(), new Context(notice.locale(), model));
    }

    byte[] pdf(Notice notice) {
        String html = html(notice);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .useFastMode()
                .usePdfAConformance(PdfAConformance.PDFA_2_U)
                .useColorProfile(srgb)
                .useFont(() -> new ByteArrayInputStream(regular), FONT_FAMILY, 400, FontStyle.NORMAL, true)
                .useFont(() -> new ByteArrayInputStream(bold), FONT_FAMILY, 700, FontStyle.NORMAL, true)
                // A letter is made of its template and the notice alone: no image or style sheet is fetched
                // from anywhere, whatever a template names.
                .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                .withProducer("Overdue")
                .withHtmlContent(html, null)
                .toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render letter " + notice.idempotencyKey(), e);
        }
        return out.toByteArray();
    }

    private static byte[] classpath(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("letter font " + path + " is missing from the classpath", e);
        }
    }
}
