package io.overdue.channels;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled send through the SMTP server of {@code spring.mail.*}; when false notices are recorded
 *                and logged only (the zero-setup default, which has no mail server)
 * @param from    sender address of every notice
 */
@ConfigurationProperties("overdue.mail")
public record MailProperties(boolean enabled, String from) {

    public MailProperties {
        from = from == null || from.isBlank() ? "Overdue <collections@localhost>" : from;
    }
}
