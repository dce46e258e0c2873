package io.overdue.channels;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.time.Clock;
import java.util.UUID;

/**
 * Sends notices by email, rendered from Thymeleaf text templates in the customer's language, and records
 * each in the communication log.
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

    EmailChannel(CommunicationLog communicationLog, ITemplateEngine templates, MessageSource messages,
                 ObjectProvider<JavaMailSender> mailSender, MailProperties properties, Clock clock) {
        this.communicationLog = communicationLog;
        this.templates = templates;
        this.messages = messages;
        this.mailSender = mailSender;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public SentNotice send(Notice notice) {
        var earlier = communicationLog.byKey(notice.idempotencyKey());
        if (earlier.isPresent()) {
            log.info("Notice {} was sent before (log entry {}); not sending again", notice.idempotencyKey(), earlier.get().id());
            return earlier.get();
        }
        Context context = new Context(notice.locale(), notice.model());
        String subject = messages.getMessage(notice.template() + ".subject",
                new Object[]{notice.model().get("invoiceNumber")}, notice.locale());
        String content = templates.process("mail/" + notice.template() + ".txt", context);
        String status;
        String providerId = null;
        if (notice.recipient() == null) {
            status = SentNotice.NO_ADDRESS;
            log.warn("Notice {} has no email address to go to; recorded for the collector", notice.idempotencyKey());
        } else if (properties.enabled() && mailSender.getIfAvailable() != null) {
            providerId = "<" + UUID.randomUUID() + "@overdue>";
            deliver(notice.recipient(), subject, content, providerId);
            status = SentNotice.SENT;
            log.info("Notice {} sent by email", notice.idempotencyKey());
        } else {
            status = SentNotice.LOGGED;
            log.info("Notice {} recorded but not emailed: overdue.mail.enabled is false", notice.idempotencyKey());
        }
        SentNotice sent = new SentNotice(0, notice.idempotencyKey(), notice.invoiceNumber(), notice.customerNumber(),
                "EMAIL", notice.recipient(), notice.template(), subject, content, status, providerId, clock.instant());
        communicationLog.append(sent);
        return sent;
    }

    private void deliver(String to, String subject, String text, String messageId) {
        JavaMailSender sender = mailSender.getObject();
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text, false);
            message.setHeader("Message-ID", messageId);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the email", e);
        }
        sender.send(message);
    }
}
