package io.overdue.payments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxFileSize size of one bank file; a day's camt.054 of a large creditor is a few megabytes, so the default
 *                    of 50MB leaves room while refusing a file that would only tie up the parser
 * @param chunkSize   payments of a file or batch taken in one transaction and one engine command: one commit and one
 *                    engine flush for all of them instead of one each (the benchmark in docs/performance.md)
 */
@ConfigurationProperties("overdue.payments")
public record PaymentsProperties(DataSize maxFileSize, Integer chunkSize) {

    public PaymentsProperties {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(50) : maxFileSize;
        chunkSize = chunkSize == null ? 100 : chunkSize;
        if (chunkSize < 1 || chunkSize > 1000) {
            throw new IllegalArgumentException("overdue.payments.chunk-size must be between 1 and 1000, not " + chunkSize);
        }
    }
}
