package io.overdue.channels;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param enabled              send through the SMTP server of {@code spring.mail.*}; when false notices are recorded
 *                             and logged only (the zero-setup default, which has no mail server)
 * @param from                 sender address of every notice
 * @param keepAlive            how long an SMTP connection stays open unused for the next email (30 s; 0: a connection
 *                             per email)
 * @param emailsPerConnection  emails sent on one connection before it is closed (100; servers limit them)
 */
@ConfigurationProperties("overdue.mail")
public record MailProperties(boolean enabled, String from, Duration keepAlive, Integer emailsPerConnection) {

    public MailProperties {
        from = from == null || from.isBlank() ? "Overdue <collections@localhost>" : from;
        keepAlive = keepAlive == null || keepAlive.isNegative() ? Duration.ofSeconds(30) : keepAlive;
        emailsPerConnection = emailsPerConnection == null || emailsPerConnection < 1 ? 100 : emailsPerConnection;
    }
}
