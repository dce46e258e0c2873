package io.overdue.invoices;

import io.overdue.shared.InvalidInputException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits that keep one request from tying up the engine: a batch or file is one transaction.
 *
 * @param maxBatchSize invoices in one JSON batch
 * @param maxCsvRows   data rows in one CSV file
 * @param maxFileSize  size of one uploaded file (also enforced by the multipart parser)
 * @param maxCopySize  size of one invoice copy (PDF) uploaded with PUT /api/invoices/{n}/copy
 */
@ConfigurationProperties("overdue.intake")
public record IntakeProperties(Integer maxBatchSize, Integer maxCsvRows, DataSize maxFileSize, DataSize maxCopySize) {

    public IntakeProperties {
        maxBatchSize = maxBatchSize == null ? 5_000 : maxBatchSize;
        maxCsvRows = maxCsvRows == null ? 20_000 : maxCsvRows;
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(10) : maxFileSize;
        maxCopySize = maxCopySize == null ? DataSize.ofMegabytes(5) : maxCopySize;
    }

    /** Refuses an empty JSON batch or one above {@link #maxBatchSize}, naming what it holds ("invoices", "payments"). */
    public void checkBatchSize(int size, String items) {
        if (size == 0) {
            throw InvalidInputException.of("", "the batch is empty");
        }
        if (size > maxBatchSize) {
            throw InvalidInputException.of("", "the batch has " + size + " " + items + "; at most " + maxBatchSize
                    + " are taken at once");
        }
    }
}
