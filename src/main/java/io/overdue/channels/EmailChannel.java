package io.overdue.channels;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Sends notices by email, rendered from Thymeleaf templates in the customer's language, and records each in
 * the communication log: {@code mail/<template>.txt} always, and {@code mail/<template>.html} beside it as
 * multipart/alternative when that template exists. The log keeps the plain text, the record of what was said;
 * the HTML says the same with layout.
 *
 * <p>Runs inside the job that the engine retries: the log row and the job's completion commit together, and
 * a retry that finds the row for its idempotency key does not send again. The remaining window (mail
 * handed to the server, then the database commit fails) can repeat a mail once; closing it needs an
 * outbox, which comes with reliable delivery.
 */
@Service
public class EmailChannel {

    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

    private final CommunicationLog communicationLog;
    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final MailProperties properties;
    private final Clock clock;
    private final ResourceLoader resources;

    EmailChannel(CommunicationLog communicationLog, ITemplateEngine templates, MessageSource messages,
                 ObjectProvider<JavaMailSender> mailSender, MailProperties properties, Clock clock,
                 ResourceLoader resources) {
        this.communicationLog = communicationLog;
        this.templates = templates;
        this.messages = messages;
        this.mailSender = mailSender;
        this.properties = properties;
        this.clock = clock;
        this.resources = resources;
    }

    /** The email of a notice as the customer gets it; {@code html} is null for a template with text only. */
    record Rendered(String subject, String text, String html) {
    }

    @Transactional
    public SentNotice send(Notice notice) {
        var earlier = communicationLog.byKey(notice.idempotencyKey());
        if (earlier.isPresent()) {
            log.info("Notice {} was sent before (log entry {}); not sending again", notice.idempotencyKey(), earlier.get().id());
            return earlier.get();
        }
        Rendered email = render(notice);
        String subject = email.subject();
        String content = email.text();
        String status;
        String providerId = null;
        if (notice.recipient() == null) {
            status = SentNotice.NO_ADDRESS;
            log.warn("Notice {} has no email address to go to; recorded for the collector", notice.idempotencyKey());
        } else if (properties.enabled() && mailSender.getIfAvailable() != null) {
            providerId = "<" + UUID.randomUUID() + "@overdue>";
            deliver(notice, email, providerId);
            status = SentNotice.SENT;
            log.info("Notice {} sent by email", notice.idempotencyKey());
        } else {
            status = SentNotice.LOGGED;
            log.info("Notice {} recorded but not emailed: overdue.mail.enabled is false", notice.idempotencyKey());
        }
        SentNotice sent = new SentNotice(0, notice.idempotencyKey(), notice.invoiceNumber(), notice.customerNumber(),
                "EMAIL", notice.recipient(), notice.template(), subject, NoticeModel.withheld(content, notice.model()),
                status, providerId, clock.instant());
        communicationLog.append(sent);
        return sent;
    }

    Rendered render(Notice notice) {
        NoticeModel.requireWritten(notice.template(), notice.model());
        String subject = subject(messages, notice);
        Map<String, Object> model = new HashMap<>(notice.model());
        model.put("subject", subject);
        String text = templates.process("mail/" + notice.template() + ".txt", new Context(notice.locale(), model));
        String html = null;
        if (hasHtml(notice.template())) {
            Map<String, Object> laidOut = NoticeModel.unbroken(model);
            html = templates.process("mail/" + notice.template() + ".html", new Context(notice.locale(), laidOut));
        }
        return new Rendered(subject, text, html);
    }

    /** The subject of an email, which is also the heading of the letter of the same notice. */
    static String subject(MessageSource messages, Notice notice) {
        return messages.getMessage(notice.template() + ".subject",
                new Object[]{notice.model().get(NoticeModel.INVOICE_NUMBER), notice.model().get(NoticeModel.DUE_DATE)},
                notice.locale());
    }

    private boolean hasHtml(String template) {
        return resources.getResource(MailTemplateConfiguration.LOCATION + "mail/" + template + ".html").exists();
    }

    private void deliver(Notice notice, Rendered email, String messageId) {
        JavaMailSender sender = mailSender.getObject();
        MimeMessage message = sender.createMimeMessage();
        try {
            boolean multipart = email.html() != null || !notice.attachments().isEmpty();
            MimeMessageHelper helper = multipart
                    ? new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8")
                    : new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(notice.recipient());
            if (notice.model().get(NoticeModel.FINANCE_CONTACT_EMAIL) instanceof String cc && !cc.isBlank()) {
                helper.setCc(cc);
            }
            helper.setSubject(email.subject());
            if (email.html() != null) {
                helper.setText(email.text(), email.html());
            } else {
                helper.setText(email.text(), false);
            }
            for (Notice.Attachment file : notice.attachments()) {
                helper.addAttachment(file.name(), new ByteArrayResource(file.content()), file.contentType());
            }
            message.setHeader("Message-ID", messageId);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the email", e);
        }
        sender.send(message);
    }
}
