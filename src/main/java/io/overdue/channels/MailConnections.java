package io.overdue.channels;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Date;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SMTP connections kept open between emails. Opening one (TCP, greeting, EHLO, often STARTTLS and AUTH) costs more
 * than the email it carries, and a wave of reminders sends thousands in a row; Spring's {@code JavaMailSender} opens
 * and closes one per call. A sender takes an idle connection (the most recently used, so that few stay warm), checks it
 * with NOOP, sends, and puts it back; one that fails is closed, never reused.
 * A connection is closed after {@code overdue.mail.emails-per-connection} emails (servers limit them) or after {@code
 * overdue.mail.keep-alive} unused.
 *
 * <p>Only the transport changes: the message, its Message-ID, the outbox's claim and its in-doubt handling are the
 * same as with a connection per email.
 */
@Component
class MailConnections implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MailConnections.class);

    private final MailProperties properties;
    private final Clock clock;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile ScheduledExecutorService sweeper;

    MailConnections(MailProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    private static final class Connection {
        final Transport transport;
        int sent;
        long lastUsed;

        Connection(Transport transport) {
            this.transport = transport;
        }
    }

    /**
     * Sends the message on a kept connection to the server of {@code mail}, keeping a Message-ID the message has.
     *
     * @throws MessagingException as the transport threw it; the connection it used is closed
     */
    void send(JavaMailSenderImpl mail, MimeMessage message) throws MessagingException {
        if (message.getSentDate() == null) {
            message.setSentDate(Date.from(clock.instant()));
        }
        // saveChanges gives the message a new Message-ID; every attempt at an email must carry its own one.
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        Connection connection = take(mail);
        try {
            connection.transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            close(connection);
            throw e;
        }
        connection.sent++;
        connection.lastUsed = System.nanoTime();
        if (connection.sent >= properties.emailsPerConnection() || properties.keepAlive().isZero()) {
            close(connection);
        } else {
            idle.push(connection);
        }
    }

    /** Connections opened since start: the test of reuse. */
    int opened() {
        return opened.get();
    }

    /** Idle connections now open. */
    int idle() {
        return idle.size();
    }

    private Connection take(JavaMailSenderImpl mail) throws MessagingException {
        for (Connection connection; (connection = idle.poll()) != null; ) {
            // The server may have closed it meanwhile (its own idle timeout, a restart): NOOP tells, at a round trip's
            // cost. Without it, such an email would fail and wait for the outbox's next attempt.
            if (!expired(connection, System.nanoTime()) && connection.transport.isConnected()) {
                return connection;
            }
            close(connection);
        }
        Transport transport = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
        String username = mail.getUsername();
        String password = mail.getPassword();
        if ("".equals(username)) {
            username = null;
            password = "".equals(password) ? null : password;
        }
        try {
            transport.connect(mail.getHost(), mail.getPort(), username, password);
        } catch (MessagingException e) {
            throw new MessagingException("Mail server connection failed: " + e.getMessage(), e);
        }
        opened.incrementAndGet();
        startSweeper();
        return new Connection(transport);
    }

    private boolean expired(Connection connection, long now) {
        return now - connection.lastUsed > properties.keepAlive().toNanos();
    }

    private void startSweeper() {
        if (sweeper == null && !properties.keepAlive().isZero()) {
            synchronized (this) {
                if (sweeper == null) {
                    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread thread = new Thread(r, "mail-connections");
                        thread.setDaemon(true);
                        return thread;
                    });
                    long period = Math.max(1, properties.keepAlive().toMillis() / 2);
                    executor.scheduleWithFixedDelay(this::closeExpired, period, period, TimeUnit.MILLISECONDS);
                    sweeper = executor;
                }
            }
        }
    }

    /** Closes what nobody used within the keep-alive; a connection in use is not in the deque. */
    void closeExpired() {
        long now = System.nanoTime();
        for (Connection connection : idle) {
            if (expired(connection, now) && idle.remove(connection)) {
                close(connection);
            }
        }
    }

    private static void close(Connection connection) {
        try {
            connection.transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("Closing an SMTP connection failed: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        for (Connection connection; (connection = idle.poll()) != null; ) {
            close(connection);
        }
    }
}
