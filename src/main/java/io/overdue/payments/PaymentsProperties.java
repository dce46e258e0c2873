package io.overdue.payments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxFileSize size of one bank file; a day's camt.054 of a large creditor is a few megabytes, so the default
 *                    of 50MB leaves room while refusing a file that would only tie up the parser
 */
@ConfigurationProperties("overdue.payments")
public record PaymentsProperties(DataSize maxFileSize) {

    public PaymentsProperties {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(50) : maxFileSize;
    }
}
