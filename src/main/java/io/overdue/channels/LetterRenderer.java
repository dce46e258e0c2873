package io.overdue.channels;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Map;

/**
 * Turns a notice into an A4 PDF: a Thymeleaf HTML template in the customer's language, laid out as PDF/A-2u by
 * {@link PdfDocuments}, since letters are kept as evidence of what the customer was told.
 */
@Component
class LetterRenderer {

    static final String FONT_FAMILY = PdfDocuments.FONT_FAMILY;

    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final LetterProperties properties;
    private final Clock clock;
    private final PdfDocuments pdfs;

    LetterRenderer(ITemplateEngine templates, MessageSource messages, LetterProperties properties, Clock clock,
                   PdfDocuments pdfs) {
        this.templates = templates;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
        this.pdfs = pdfs;
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
        return pdfs.render(html(notice), "letter " + notice.idempotencyKey());
    }
}
