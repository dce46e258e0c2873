package io.overdue.channels;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends notices by email, rendered from Thymeleaf templates in the customer's language, and records each in
 * the communication log: {@code mail/<template>.txt} always, and {@code mail/<template>.html} beside it as
 * multipart/alternative when that template exists. The log keeps the plain text, the record of what was said;
 * the HTML says the same with layout.
 *
 * <p>Sending is two steps. {@link #send} renders the email and writes it to the outbox in the caller's transaction
 * (the engine's job); {@link OutboxSender} hands it to the mail server once that transaction has committed, through
 * {@link #transmit}, and records it in the log. A retried job finds the message by its idempotency key and writes
 * nothing new.
 */
@Service
public class EmailChannel implements Transmitter {

    public static final String CHANNEL = "EMAIL";

    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

    private final CommunicationLog communicationLog;
    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final MailProperties properties;
    private final Clock clock;
    private final ResourceLoader resources;
    private final Outbox outbox;
    private final MailConnections connections;
    private final OutboxSender sender;

    EmailChannel(CommunicationLog communicationLog, ITemplateEngine templates, MessageSource messages,
                 ObjectProvider<JavaMailSender> mailSender, MailProperties properties, Clock clock,
                 ResourceLoader resources, Outbox outbox, OutboxSender sender, MailConnections connections) {
        this.connections = connections;
        this.outbox = outbox;
        this.sender = sender;
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

    /**
     * Writes the email to the outbox, once per idempotency key; it goes to the mail server after the caller's
     * transaction commits. Without an address, or with mail switched off, it is only recorded in the log.
     *
     * @return the log entry, or the message as queued ({@link SentNotice#QUEUED})
     */
    @Transactional
    public SentNotice send(Notice notice) {
        var earlier = communicationLog.byKey(notice.idempotencyKey());
        if (earlier.isPresent()) {
            log.info("Notice {} was sent before (log entry {}); not sending again", notice.idempotencyKey(), earlier.get().id());
            return earlier.get();
        }
        var queued = outbox.byKey(notice.idempotencyKey());
        if (queued.isPresent()) {
            return queued.get().asQueued();
        }
        Rendered email = render(notice);
        String content = NoticeModel.withheld(email.text(), notice.model());
        if (notice.recipient() != null && properties.enabled() && mailSender.getIfAvailable() != null) {
            String copyTo = notice.model().get(NoticeModel.FINANCE_CONTACT_EMAIL) instanceof String cc && !cc.isBlank()
                    ? cc : null;
            OutboxMessage message = OutboxMessage.pending(notice.idempotencyKey(), CHANNEL, notice, null, copyTo,
                    email.subject(), email.text(), email.html(), content, "<" + UUID.randomUUID() + "@overdue>",
                    clock.instant());
            if (notice.bundle() == null) {
                return sender.enqueue(message, notice.attachments()).asQueued();
            }
            return sender.enqueue(message.inBundle(notice.bundle() + ":" + CHANNEL + ":" + notice.recipient()),
                    notice.attachments(), new OutboxMessage.Member(notice.idempotencyKey(), notice.invoiceNumber(),
                            notice.model()), models -> renderBundle(notice, models)).asQueued();
        }
        String status;
        if (notice.recipient() == null) {
            status = SentNotice.NO_ADDRESS;
            log.warn("Notice {} has no email address to go to; recorded for the collector", notice.idempotencyKey());
        } else {
            status = SentNotice.LOGGED;
            log.info("Notice {} recorded but not emailed: overdue.mail.enabled is false", notice.idempotencyKey());
        }
        SentNotice sent = new SentNotice(0, notice.idempotencyKey(), notice.invoiceNumber(), notice.customerNumber(),
                CHANNEL, notice.recipient(), notice.template(), email.subject(), content, status, null, clock.instant(),
                null);
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

    /**
     * One email for the notices of a bundle: a notice alone reads as it always does; several are listed one after
     * another, each with its amounts, reference and deadline ({@code mail/bundle.txt}).
     */
    OutboxMessage.Content renderBundle(Notice first, List<Map<String, Object>> models) {
        if (models.size() == 1) {
            Rendered alone = render(new Notice(first.idempotencyKey(), first.invoiceNumber(), first.customerNumber(),
                    first.recipient(), first.template(), first.locale(), models.get(0)));
            return new OutboxMessage.Content(alone.subject(), alone.text(), alone.html(), alone.text());
        }
        Map<String, Object> model = new HashMap<>(models.get(0));
        model.put(NoticeModel.NOTICES, models);
        model.put(NoticeModel.COUNT, models.size());
        String subject = messages.getMessage("bundle.subject", new Object[]{models.size()}, first.locale());
        model.put("subject", subject);
        String text = templates.process("mail/" + NoticeModel.BUNDLE + ".txt", new Context(first.locale(), model));
        return new OutboxMessage.Content(subject, text, null, text);
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

    @Override
    public String channel() {
        return CHANNEL;
    }

    /**
     * Hands the email to the mail server with its own Message-ID.
     *
     * @throws DeliveryRejectedException when the server refuses the recipient for good (5xx at RCPT: a bounce)
     */
    @Override
    public String transmit(OutboxMessage email, List<Notice.Attachment> attachments) {
        JavaMailSender mail = mailSender.getIfAvailable();
        if (mail == null) {
            throw new IllegalStateException("No mail server is configured (spring.mail.host) for email " + email.idempotencyKey());
        }
        MimeMessage message = mail.createMimeMessage();
        try {
            boolean multipart = email.html() != null || !attachments.isEmpty();
            MimeMessageHelper helper = multipart
                    ? new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8")
                    : new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(email.recipient());
            if (email.copyTo() != null) {
                helper.setCc(email.copyTo());
            }
            helper.setSubject(email.subject());
            if (email.html() != null) {
                helper.setText(email.content(), email.html());
            } else {
                helper.setText(email.content(), false);
            }
            for (Notice.Attachment file : attachments) {
                helper.addAttachment(file.name(), new ByteArrayResource(file.content()), file.contentType());
            }
            // Spring keeps a Message-ID set before sending: every attempt at this email carries the same one.
            message.setHeader("Message-ID", email.messageId());
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the email " + email.idempotencyKey(), e);
        }
        try {
            if (mail instanceof JavaMailSenderImpl server) {
                connections.send(server, message);
            } else {
                mail.send(message);
            }
        } catch (MailSendException e) {
            throw rejectedOr(e, e.getFailedMessages().values());
        } catch (MessagingException e) {
            throw rejectedOr(new MailSendException("Sending email " + email.idempotencyKey() + " failed: " + e.getMessage(), e),
                    List.of(e));
        }
        log.info("Email {} handed to the mail server as {}", email.idempotencyKey(), email.messageId());
        return email.messageId();
    }

    /** A recipient the server refused for good (5xx at RCPT TO) is a bounce; anything else is worth another attempt. */
    static RuntimeException rejectedOr(MailSendException e, Collection<? extends Exception> failures) {
        for (Exception failure : failures) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                        && refused.getInvalidAddresses().length > 0) {
                    return new DeliveryRejectedException(SentNotice.BOUNCED, "The mail server refused "
                            + Arrays.toString(refused.getInvalidAddresses()) + ": " + refused.getMessage()
                            + (refused.getNextException() != null ? " (" + refused.getNextException().getMessage().trim() + ")" : ""), e);
                }
            }
        }
        return e;
    }
}
