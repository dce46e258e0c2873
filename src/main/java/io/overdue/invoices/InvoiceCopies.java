package io.overdue.invoices;

import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Copies of invoices as PDF, uploaded by the ERP and attached to the dunning emails. A repeated upload of the same
 * bytes changes nothing; other bytes replace the copy.
 */
@Service
public class InvoiceCopies {

    /** What a file name may contain, so that it is safe in a Content-Disposition header and a mail attachment. */
    private static final Pattern FILE_NAME = Pattern.compile("[\\p{L}\\p{N} ._()-]{1,200}\\.pdf", Pattern.CASE_INSENSITIVE);
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private final JdbcTemplate jdbc;
    private final IntakeProperties properties;
    private final Clock clock;
    private final ConflictRetry retry;

    InvoiceCopies(JdbcTemplate jdbc, IntakeProperties properties, Clock clock, ConflictRetry retry) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.retry = retry;
    }

    /** CREATED, UPDATED (other bytes replaced the copy) or UNCHANGED (the same bytes again). */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /**
     * @throws NotFoundException                     when there is no such invoice
     * @throws io.overdue.shared.InvalidInputException when the file is empty, too large, not a PDF or badly named
     */
    public Outcome put(String invoiceNumber, String fileName, byte[] pdf) {
        // Two first uploads at the same moment both find no row; the loser's insert hits the primary key and its
        // repeat, in a new transaction, finds the winner's copy.
        return retry.inTransaction("copy of invoice " + invoiceNumber, 3, () -> store(invoiceNumber, fileName, pdf));
    }

    private Outcome store(String invoiceNumber, String fileName, byte[] pdf) {
        Violations violations = new Violations();
        if (pdf == null || pdf.length == 0) {
            violations.add("body", "is empty; send the invoice as application/pdf");
        } else if (pdf.length > properties.maxCopySize().toBytes()) {
            violations.add("body", "is " + pdf.length + " bytes; at most " + properties.maxCopySize().toBytes() + " are taken");
        } else if (!startsWith(pdf, PDF_MAGIC)) {
            violations.add("body", "is not a PDF (it does not start with %PDF-)");
        }
        if (fileName != null && !FILE_NAME.matcher(fileName).matches()) {
            violations.add("fileName", "must end in .pdf and contain only letters, digits, spaces and . _ ( ) -, at most 200 characters");
        }
        Long invoiceId = jdbc.query("SELECT id FROM invoice WHERE invoice_number = ?",
                rs -> rs.next() ? rs.getLong(1) : null, invoiceNumber);
        if (invoiceId == null) {
            throw new NotFoundException("Invoice", invoiceNumber);
        }
        violations.throwIfAny();
        String name = fileName != null ? fileName : "invoice-" + invoiceNumber + ".pdf";
        String sha = sha256(pdf);
        // Locks an existing row, so that two replacing uploads take turns.
        String existing = jdbc.query("SELECT sha256 FROM invoice_copy WHERE invoice_id = ? FOR UPDATE",
                rs -> rs.next() ? rs.getString(1) : null, invoiceId);
        Timestamp now = Timestamp.from(clock.instant());
        if (existing == null) {
            jdbc.update("INSERT INTO invoice_copy (invoice_id, file_name, pdf, size, sha256, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)",
                    invoiceId, name, pdf, pdf.length, sha, now);
            return Outcome.CREATED;
        }
        if (existing.equals(sha)) {
            return Outcome.UNCHANGED;
        }
        jdbc.update("UPDATE invoice_copy SET file_name = ?, pdf = ?, size = ?, sha256 = ?, uploaded_at = ? WHERE invoice_id = ?",
                name, pdf, pdf.length, sha, now, invoiceId);
        return Outcome.UPDATED;
    }

    public Optional<InvoiceCopy> find(String invoiceNumber) {
        return jdbc.query("""
                SELECT i.invoice_number, c.file_name, c.pdf, c.sha256, c.uploaded_at
                FROM invoice_copy c JOIN invoice i ON i.id = c.invoice_id WHERE i.invoice_number = ?""",
                rs -> rs.next() ? Optional.of(new InvoiceCopy(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())) : Optional.empty(), invoiceNumber);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
