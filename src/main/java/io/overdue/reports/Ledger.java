package io.overdue.reports;

import io.overdue.reports.Figures.Bucket;
import io.overdue.reports.Figures.Open;
import io.overdue.reports.Figures.Receivables;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger as it stood on a past day, rebuilt from today's invoices and the dated rows that changed them: payments
 * (their principal, by {@code paid_on}), credit notes (by {@code issue_date}), write-offs (by when they were made), and
 * what the ERP lowered a balance by without a payment of ours (by the invoice's last change). Cancelled invoices are
 * left out of every day. docs/reports.md, "Receivables at a day", says why and where this falls short.
 */
@Repository
class Ledger {

    /**
     * Each invoice issued by :day, with what was open of it at the day's end. Walks back from today's balance: adds
     * what payments and credit notes after the day took off, counts a write-off only from its day, and dates what the
     * ERP took off by its own figures (amount - balance - our payments' principal) at the invoice's last update.
     */
    private static final String BALANCE_AT_DAY = """
            SELECT i.currency, i.due_date,
                CASE WHEN i.status = 'WRITTEN_OFF' AND COALESCE(w.written_off_at, i.updated_at) < :dayEnd
                     THEN 0 ELSE i.open_balance END
                + CASE WHEN i.updated_at >= :dayEnd
                       THEN GREATEST(i.amount - i.open_balance - COALESCE(paid.principal, 0), 0) ELSE 0 END
                + COALESCE(paid_later.principal, 0) + COALESCE(credited_later.amount, 0) AS balance
            FROM invoice i
            LEFT JOIN write_off w ON w.invoice_number = i.invoice_number
            LEFT JOIN (SELECT invoice_id, SUM(to_principal) AS principal FROM invoice_payment
                       GROUP BY invoice_id) paid ON paid.invoice_id = i.id
            LEFT JOIN (SELECT invoice_id, SUM(to_principal) AS principal FROM invoice_payment WHERE paid_on > :day
                       GROUP BY invoice_id) paid_later ON paid_later.invoice_id = i.id
            LEFT JOIN (SELECT invoice_id, SUM(amount) AS amount FROM credit_note WHERE issue_date > :day
                       GROUP BY invoice_id) credited_later ON credited_later.invoice_id = i.id
            WHERE i.issue_date <= :day AND i.status <> 'CANCELLED'""";

    private final NamedParameterJdbcTemplate jdbc;
    private final ZoneId zone;

    Ledger(NamedParameterJdbcTemplate jdbc, io.overdue.dunning.DunningProperties dunning) {
        this.jdbc = jdbc;
        this.zone = dunning.zone();
    }

    /** Each currency's receivables at the end of {@code day}, by days past due then; one pass over the invoices. */
    Map<String, Receivables> receivablesAt(LocalDate day) {
        // The bucket's lower bound on the due date: due on or after it means at most bucket.upTo days past due.
        MapSqlParameterSource params = new MapSqlParameterSource("day", day)
                .addValue("dayEnd", Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
                .addValue("due30", day.minusDays(Bucket.DAYS_1_30.upTo))
                .addValue("due60", day.minusDays(Bucket.DAYS_31_60.upTo))
                .addValue("due90", day.minusDays(Bucket.DAYS_61_90.upTo));
        Map<String, Map<Bucket, Open>> byCurrency = new TreeMap<>();
        jdbc.query("""
                SELECT currency, bucket, COUNT(*) AS invoices, SUM(balance) AS amount FROM (
                    SELECT b.currency, b.balance,
                        CASE WHEN b.due_date >= :day THEN 0 WHEN b.due_date >= :due30 THEN 1
                             WHEN b.due_date >= :due60 THEN 2 WHEN b.due_date >= :due90 THEN 3 ELSE 4 END AS bucket
                    FROM (""" + BALANCE_AT_DAY + """
                    ) b WHERE b.balance > 0) aged
                GROUP BY currency, bucket""", params, rs -> {
            byCurrency.computeIfAbsent(rs.getString("currency"), c -> new EnumMap<>(Bucket.class))
                    .put(Bucket.values()[rs.getInt("bucket")], new Open(rs.getLong("invoices"), rs.getBigDecimal("amount")));
        });
        Map<String, Receivables> receivables = new TreeMap<>();
        byCurrency.forEach((currency, buckets) -> receivables.put(currency, new Receivables(currency, buckets)));
        return receivables;
    }

    /**
     * Credit sales by currency and day of issue, from {@code from} to {@code to}: each invoice's amount as issued
     * (today's amount plus the credit notes that reduced it), cancelled invoices left out.
     */
    Map<String, TreeMap<LocalDate, BigDecimal>> creditSales(LocalDate from, LocalDate to) {
        Map<String, TreeMap<LocalDate, BigDecimal>> sales = new TreeMap<>();
        jdbc.query("""
                SELECT i.currency, i.issue_date, SUM(i.amount + COALESCE(c.amount, 0)) AS issued
                FROM invoice i
                LEFT JOIN (SELECT invoice_id, SUM(amount) AS amount FROM credit_note GROUP BY invoice_id) c
                    ON c.invoice_id = i.id
                WHERE i.issue_date >= :from AND i.issue_date <= :to AND i.status <> 'CANCELLED'
                GROUP BY i.currency, i.issue_date""", new MapSqlParameterSource("from", from).addValue("to", to), rs -> {
            sales.computeIfAbsent(rs.getString("currency"), c -> new TreeMap<>())
                    .put(rs.getDate("issue_date").toLocalDate(), rs.getBigDecimal("issued"));
        });
        return sales;
    }

    /** Promises to pay whose promised date falls in the period, by status. */
    Figures.Promises promises(ReportPeriod period) {
        Map<String, Long> byStatus = new TreeMap<>();
        jdbc.query("""
                SELECT status, COUNT(*) AS promises FROM payment_promise
                WHERE promised_date >= :from AND promised_date <= :to GROUP BY status""",
                new MapSqlParameterSource("from", period.from()).addValue("to", period.to()),
                rs -> {
                    byStatus.put(rs.getString("status"), rs.getLong("promises"));
                });
        return new Figures.Promises(byStatus.getOrDefault("KEPT", 0L), byStatus.getOrDefault("BROKEN", 0L),
                byStatus.getOrDefault("PENDING", 0L), byStatus.getOrDefault("VOID", 0L));
    }

    /** Disputes raised, resolved and open; days to resolve in calendar days of the creditor's zone. */
    Figures.Disputes disputes(ReportPeriod period) {
        MapSqlParameterSource params = new MapSqlParameterSource("start", Timestamp.from(period.start(zone)))
                .addValue("end", Timestamp.from(period.end(zone)));
        Map<String, Object> counts = jdbc.queryForMap("""
                SELECT
                    SUM(CASE WHEN raised_at >= :start AND raised_at < :end THEN 1 ELSE 0 END) AS raised,
                    SUM(CASE WHEN raised_at < :end AND (resolved_at IS NULL OR resolved_at >= :end) THEN 1 ELSE 0 END)
                        AS open_at_end
                FROM dispute WHERE raised_at < :end""", params);
        List<Long> days = new ArrayList<>();
        jdbc.query("SELECT raised_at, resolved_at FROM dispute WHERE resolved_at >= :start AND resolved_at < :end",
                params, rs -> {
                    LocalDate raised = rs.getTimestamp("raised_at").toInstant().atZone(zone).toLocalDate();
                    LocalDate resolved = rs.getTimestamp("resolved_at").toInstant().atZone(zone).toLocalDate();
                    days.add(java.time.temporal.ChronoUnit.DAYS.between(raised, resolved));
                });
        days.sort(null);
        BigDecimal average = days.isEmpty() ? null : BigDecimal.valueOf(days.stream().mapToLong(Long::longValue).sum())
                .divide(BigDecimal.valueOf(days.size()), 1, java.math.RoundingMode.HALF_UP);
        BigDecimal median = days.isEmpty() ? null : days.size() % 2 == 1
                ? BigDecimal.valueOf(days.get(days.size() / 2)).setScale(1)
                : BigDecimal.valueOf(days.get(days.size() / 2 - 1) + days.get(days.size() / 2))
                        .divide(BigDecimal.valueOf(2), 1, java.math.RoundingMode.HALF_UP);
        return new Figures.Disputes(number(counts.get("raised")), days.size(), number(counts.get("open_at_end")),
                average, median);
    }

    /** One kind of notice sent in the period (level, channels as the notice lists them, currency), and what followed. */
    record NoticeGroup(int level, String channels, String currency, long notices, long followed, BigDecimal recovered) {
    }

    /**
     * The notices sent in the period, grouped by level, channels and currency, with the payments that followed each:
     * booked on the notice's day or up to {@code days} days after, on its invoice, and not after a later notice of the
     * same invoice (that payment is the later notice's). Each payment counts once, for one notice.
     */
    List<NoticeGroup> recovery(ReportPeriod period, int days) {
        // The window's length is a number from the typed settings, not user input: safe in the statement's text.
        String window = "INTERVAL '" + days + "' DAY";
        return jdbc.query("""
                SELECT n.notice_level, n.channels, n.currency, COUNT(*) AS notices,
                    SUM(CASE WHEN r.paid > 0 THEN 1 ELSE 0 END) AS followed, SUM(COALESCE(r.paid, 0)) AS recovered
                FROM dunning_notice n
                LEFT JOIN (
                    SELECT sent.id, SUM(p.amount) AS paid
                    FROM dunning_notice sent
                    JOIN invoice i ON i.invoice_number = sent.invoice_number
                    JOIN invoice_payment p ON p.invoice_id = i.id
                        AND p.paid_on >= sent.sent_on AND p.paid_on <= sent.sent_on + %s
                    WHERE sent.sent_on >= :from AND sent.sent_on <= :to
                        AND NOT EXISTS (SELECT 1 FROM dunning_notice later
                            WHERE later.invoice_number = sent.invoice_number AND later.sent_at > sent.sent_at
                                AND later.sent_on <= p.paid_on)
                    GROUP BY sent.id) r ON r.id = n.id
                WHERE n.sent_on >= :from AND n.sent_on <= :to
                GROUP BY n.notice_level, n.channels, n.currency
                ORDER BY n.currency, n.notice_level, n.channels""".formatted(window),
                new MapSqlParameterSource("from", period.from()).addValue("to", period.to()),
                (rs, n) -> new NoticeGroup(rs.getInt("notice_level"), rs.getString("channels"), rs.getString("currency"),
                        rs.getLong("notices"), rs.getLong("followed"), rs.getBigDecimal("recovered")));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
