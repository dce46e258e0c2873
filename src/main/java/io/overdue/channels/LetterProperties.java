package io.overdue.channels;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.ZoneId;

/**
 * @param zone the time zone in which a letter's date is read; the creditor's, like {@code overdue.dunning.zone}
 */
@ConfigurationProperties("overdue.letters")
public record LetterProperties(ZoneId zone) {

    public LetterProperties {
        zone = zone == null ? ZoneId.of("Europe/Oslo") : zone;
    }
}
