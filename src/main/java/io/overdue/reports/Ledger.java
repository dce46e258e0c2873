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

    private final NamedParameterJdbcTemplate jdbc;
    private final ZoneId zone;

    Ledger(NamedParameterJdbcTemplate jdbc, io.overdue.dunning.DunningProperties dunning) {
        this.jdbc = jdbc;
        this.zone = dunning.zone();
    }

    /** Receivables at the end of two days: by currency and age at the later, and each currency's total at the earlier. */
    record Balances(Map<String, Receivables> closing, Map<String, BigDecimal> opening) {
        BigDecimal openingOf(String currency) {
            return opening.getOrDefault(currency, BigDecimal.ZERO);
        }
    }

    /**
     * Each currency's receivables at the end of {@code closing}, by days past due then, and at the end of {@code
     * opening} (a day before it, or the same day), in one pass over the invoices. Each invoice's balance at a day's end
     * is rebuilt from today's: what payments (their principal) and credit notes after the day took off is added back,
     * a write-off counts from its day, and what the ERP took off by its own figures (amount − balance − our payments'
     * principal) is dated at the invoice's last update.
     *
     * <p>Days and instants are written into the statement as literals, not bound: PostgreSQL plans a statement it has
     * run five times with parameters generically, and the generic plans of these aggregates over the whole ledger took
     * twice as long (EXPLAIN ANALYZE: 170 → 330 ms for the recovery with 180,000 notices). They are dates, never text
     * from a request.
     */
    Balances balances(LocalDate opening, LocalDate closing) {
        String open = date(opening);
        String close = date(closing);
        String openEnd = endOf(opening);
        String closeEnd = endOf(closing);
        String sql = """
                SELECT currency, bucket, SUM(CASE WHEN closing > 0 THEN 1 ELSE 0 END) AS invoices,
                    SUM(CASE WHEN closing > 0 THEN closing ELSE 0 END) AS amount,
                    SUM(CASE WHEN opening > 0 THEN opening ELSE 0 END) AS opening
                FROM (
                    SELECT i.currency,
                        CASE WHEN i.due_date >= %1$s THEN 0 WHEN i.due_date >= %5$s THEN 1
                             WHEN i.due_date >= %6$s THEN 2 WHEN i.due_date >= %7$s THEN 3 ELSE 4 END AS bucket,
                        i.open_balance
                            - CASE WHEN i.status = 'WRITTEN_OFF' AND COALESCE(w.written_off_at, i.updated_at) < %2$s
                                   THEN i.open_balance ELSE 0 END
                            + CASE WHEN i.updated_at >= %2$s THEN %8$s ELSE 0 END
                            + COALESCE(paid_later.after_closing, 0) + COALESCE(credited_later.after_closing, 0) AS closing,
                        CASE WHEN i.issue_date > %3$s THEN 0 ELSE
                            i.open_balance
                            - CASE WHEN i.status = 'WRITTEN_OFF' AND COALESCE(w.written_off_at, i.updated_at) < %4$s
                                   THEN i.open_balance ELSE 0 END
                            + CASE WHEN i.updated_at >= %4$s THEN %8$s ELSE 0 END
                            + COALESCE(paid_later.after_opening, 0) + COALESCE(credited_later.after_opening, 0) END AS opening
                    FROM invoice i
                    LEFT JOIN write_off w ON w.invoice_number = i.invoice_number
                    LEFT JOIN (SELECT invoice_id, SUM(to_principal) AS principal FROM invoice_payment
                               GROUP BY invoice_id) paid ON paid.invoice_id = i.id
                    LEFT JOIN (SELECT invoice_id, SUM(to_principal) AS after_opening,
                                      SUM(CASE WHEN paid_on > %1$s THEN to_principal ELSE 0 END) AS after_closing
                               FROM invoice_payment WHERE paid_on > %3$s GROUP BY invoice_id) paid_later
                        ON paid_later.invoice_id = i.id
                    LEFT JOIN (SELECT invoice_id, SUM(amount) AS after_opening,
                                      SUM(CASE WHEN issue_date > %1$s THEN amount ELSE 0 END) AS after_closing
                               FROM credit_note WHERE issue_date > %3$s GROUP BY invoice_id) credited_later
                        ON credited_later.invoice_id = i.id
                    WHERE i.issue_date <= %1$s AND i.status <> 'CANCELLED') b
                GROUP BY currency, bucket""".formatted(close, closeEnd, open, openEnd,
                date(closing.minusDays(Bucket.DAYS_1_30.upTo)), date(closing.minusDays(Bucket.DAYS_31_60.upTo)),
                date(closing.minusDays(Bucket.DAYS_61_90.upTo)),
                // A correlated sum here, for the few invoices changed after the day, looked cheaper; PostgreSQL then
                // sorted the whole ledger to group it (680 ms against 150 with the join).
                "GREATEST(i.amount - i.open_balance - COALESCE(paid.principal, 0), 0)");
        Map<String, Map<Bucket, Open>> byCurrency = new TreeMap<>();
        Map<String, BigDecimal> openingTotals = new TreeMap<>();
        jdbc.query(sql, rs -> {
            String currency = rs.getString("currency");
            openingTotals.merge(currency, rs.getBigDecimal("opening"), BigDecimal::add);
            if (rs.getLong("invoices") > 0) {
                byCurrency.computeIfAbsent(currency, c -> new EnumMap<>(Bucket.class))
                        .put(Bucket.values()[rs.getInt("bucket")], new Open(rs.getLong("invoices"), rs.getBigDecimal("amount")));
            }
        });
        openingTotals.values().removeIf(total -> total.signum() == 0);
        Map<String, Receivables> receivables = new TreeMap<>();
        byCurrency.forEach((currency, buckets) -> receivables.put(currency, new Receivables(currency, buckets)));
        return new Balances(receivables, openingTotals);
    }

    private static String date(LocalDate day) {
        return "DATE '" + day + "'";
    }

    /** The first instant after the day in the creditor's zone, as a literal both databases read. */
    private String endOf(LocalDate day) {
        return "TIMESTAMP WITH TIME ZONE '" + day.plusDays(1).atStartOfDay(zone).toOffsetDateTime()
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx")) + "'";
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
                WHERE i.issue_date >= %s AND i.issue_date <= %s AND i.status <> 'CANCELLED'
                GROUP BY i.currency, i.issue_date""".formatted(date(from), date(to)), rs -> {
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
        // The window's length is a number from the typed settings, the days are dates: safe in the statement's text.
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
                        AND p.paid_on >= sent.sent_on AND p.paid_on <= sent.sent_on + %1$s
                    WHERE sent.sent_on >= %2$s AND sent.sent_on <= %3$s
                        AND NOT EXISTS (SELECT 1 FROM dunning_notice later
                            WHERE later.invoice_number = sent.invoice_number AND later.sent_at > sent.sent_at
                                AND later.sent_on <= p.paid_on)
                    GROUP BY sent.id) r ON r.id = n.id
                WHERE n.sent_on >= %2$s AND n.sent_on <= %3$s
                GROUP BY n.notice_level, n.channels, n.currency
                ORDER BY n.currency, n.notice_level, n.channels""".formatted(window, date(period.from()), date(period.to())),
                (rs, n) -> new NoticeGroup(rs.getInt("notice_level"), rs.getString("channels"), rs.getString("currency"),
                        rs.getLong("notices"), rs.getLong("followed"), rs.getBigDecimal("recovered")));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
