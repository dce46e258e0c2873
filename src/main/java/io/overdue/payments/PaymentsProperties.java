package io.overdue.payments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxFileSize size of one bank file; a day's camt.054 of a large creditor is a few megabytes, so the default
 *                    of 50MB leaves room while refusing a file that would only tie up the parser
 * @param chunkSize   payments of a file or batch taken in one transaction and one engine command: one commit and one
 *                    engine flush for all of them instead of one each (the benchmark in docs/performance.md)
 * @param backgroundCasesAbove a file or batch of more payments than this is answered once its payments are booked and
 *                    their invoices paid; the cases they end or reduce move in the background, at the engine's pace
 *                    ({@code overdue.case-updates}). Smaller ones answer when their cases have moved too. The engine
 *                    ends about a hundred cases a second, so a day's file of 100,000 KID payments would otherwise hold
 *                    its request for many minutes, longer than any proxy waits
 * @param importThreads threads that take such a large file's chunks side by side. Payments with the same reference
 *                    go to the same thread, in the file's order; those without one share a thread. Most of a payment's
 *                    time is spent waiting for the database, so two threads book nearly twice as many on two cores
 */
@ConfigurationProperties("overdue.payments")
public record PaymentsProperties(DataSize maxFileSize, Integer chunkSize, Integer backgroundCasesAbove,
                                 Integer importThreads) {

    public PaymentsProperties {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(50) : maxFileSize;
        chunkSize = chunkSize == null ? 100 : chunkSize;
        backgroundCasesAbove = backgroundCasesAbove == null ? 1000 : backgroundCasesAbove;
        importThreads = importThreads == null ? 2 : importThreads;
        if (importThreads < 1 || importThreads > 16) {
            throw new IllegalArgumentException("overdue.payments.import-threads must be between 1 and 16, not " + importThreads);
        }
        if (backgroundCasesAbove < 0) {
            throw new IllegalArgumentException("overdue.payments.background-cases-above must not be negative, not "
                    + backgroundCasesAbove);
        }
        if (chunkSize < 1 || chunkSize > 1000) {
            throw new IllegalArgumentException("overdue.payments.chunk-size must be between 1 and 1000, not " + chunkSize);
        }
    }
}
