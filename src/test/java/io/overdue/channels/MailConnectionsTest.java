package io.overdue.channels;

import io.overdue.support.SmtpSink;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kept SMTP connections, against a real SMTP server on a socket ({@link SmtpSink}) that counts the connections it took. */
class MailConnectionsTest {

    private SmtpSink server;
    private JavaMailSenderImpl mail;
    private MailConnections connections;

    @BeforeEach
    void start() throws Exception {
        server = new SmtpSink();
        mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        if (connections != null) {
            connections.destroy();
        }
        server.close();
    }

    private MailConnections connections(Duration keepAlive, int emailsPerConnection) {
        connections = new MailConnections(new MailProperties(true, "collections@overdue.example", keepAlive, emailsPerConnection),
                Clock.systemUTC());
        return connections;
    }

    private MimeMessage email(String to, String messageId) throws MessagingException {
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom("collections@overdue.example");
        helper.setTo(to);
        helper.setSubject("Reminder");
        helper.setText("Please pay.");
        message.setHeader("Message-ID", messageId);
        return message;
    }

    @Test
    void aWaveOfEmailsGoesOverOneConnectionAndKeepsEachMessageId() throws Exception {
        MailConnections kept = connections(Duration.ofSeconds(30), 100);
        MimeMessage last = null;
        for (int i = 0; i < 5; i++) {
            last = email("ap" + i + "@customer.example", "<notice-" + i + "@overdue.example>");
            kept.send(mail, last);
        }
        assertThat(server.received("customer.example")).isEqualTo(5);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(kept.opened()).isEqualTo(1);
        assertThat(kept.idle()).isEqualTo(1);
        assertThat(last.getMessageID()).isEqualTo("<notice-4@overdue.example>");
        assertThat(last.getSentDate()).isNotNull();
    }

    @Test
    void aConnectionTheServerClosedIsReplacedAndTheEmailGoesOnce() throws Exception {
        MailConnections kept = connections(Duration.ofSeconds(30), 100);
        kept.send(mail, email("ap@customer.example", "<a@overdue.example>"));
        server.dropConnections();
        kept.send(mail, email("ap@customer.example", "<b@overdue.example>"));
        assertThat(server.received("customer.example")).isEqualTo(2);
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aConnectionIsClosedAfterItsEmailsOrItsKeepAlive() throws Exception {
        MailConnections limited = connections(Duration.ofSeconds(30), 2);
        for (int i = 0; i < 5; i++) {
            limited.send(mail, email("ap@customer.example", "<limit-" + i + "@overdue.example>"));
        }
        assertThat(server.connections()).isEqualTo(3);
        limited.destroy();

        MailConnections everyEmail = connections(Duration.ZERO, 100);
        everyEmail.send(mail, email("ap@customer.example", "<zero-1@overdue.example>"));
        everyEmail.send(mail, email("ap@customer.example", "<zero-2@overdue.example>"));
        assertThat(server.connections()).isEqualTo(5);
        assertThat(everyEmail.idle()).isZero();
        everyEmail.destroy();

        MailConnections shortLived = connections(Duration.ofMillis(200), 100);
        shortLived.send(mail, email("ap@customer.example", "<short-1@overdue.example>"));
        assertThat(shortLived.idle()).isEqualTo(1);
        Thread.sleep(300);
        shortLived.closeExpired();
        assertThat(shortLived.idle()).isZero();
        shortLived.send(mail, email("ap@customer.example", "<short-2@overdue.example>"));
        assertThat(server.connections()).isEqualTo(7);
        assertThat(server.received("customer.example")).isEqualTo(9);
    }

    @Test
    void aRecipientRefusedForGoodIsABounceAndTheNextEmailStillGoes() throws Exception {
        MailConnections kept = connections(Duration.ofSeconds(30), 100);
        server.refuse("gone.example");
        MessagingException refused = null;
        try {
            kept.send(mail, email("ap@gone.example", "<bounce@overdue.example>"));
        } catch (MessagingException e) {
            refused = e;
        }
        assertThat(refused).isNotNull();
        RuntimeException mapped = EmailChannel.rejectedOr(new org.springframework.mail.MailSendException("failed", refused),
                java.util.List.of(refused));
        assertThat(mapped).isInstanceOf(DeliveryRejectedException.class);
        assertThat(((DeliveryRejectedException) mapped).status()).isEqualTo(SentNotice.BOUNCED);
        assertThat(mapped.getMessage()).contains("ap@gone.example", "550");

        kept.send(mail, email("ap@customer.example", "<after@overdue.example>"));
        assertThat(server.received("customer.example")).isEqualTo(1);
        assertThat(server.received("gone.example")).isZero();
    }

    @Test
    void aServerThatIsGoneFailsTheAttemptForTheOutboxToRepeat() throws Exception {
        MailConnections kept = connections(Duration.ofSeconds(30), 100);
        server.close();
        assertThatThrownBy(() -> kept.send(mail, email("ap@customer.example", "<gone@overdue.example>")))
                .isInstanceOf(MessagingException.class);
        assertThat(kept.idle()).isZero();
    }
}
