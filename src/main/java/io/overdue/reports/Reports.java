package io.overdue.reports;

import io.overdue.reports.Figures.Bucket;
import io.overdue.reports.Figures.Receivables;
import io.overdue.reports.ReportTable.Bar;
import io.overdue.reports.ReportTable.Chart;
import io.overdue.reports.ReportTable.Kind;
import io.overdue.reports.ReportTable.Section;
import io.overdue.shared.NotFoundException;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The managers' reports over a period (docs/reports.md): computes each figure from the read models and lays it out
 * as the tables the page and the CSV files share.
 */
@Service
public class Reports {

    /** How far back the DSO countback walks through monthly sales before it gives a lower bound. */
    static final int DSO_MONTHS = 24;

    /** The tables, by their name in the address, in the order of the page. */
    static final List<String> TABLES = List.of("aging", "dso", "cei", "promises", "disputes", "recovery-by-level",
            "recovery-by-channel", "open-cases", "case-flow");

    private final Ledger ledger;
    private final CaseCounts cases;
    private final ReportsProperties properties;

    Reports(Ledger ledger, CaseCounts cases, ReportsProperties properties) {
        this.ledger = ledger;
        this.cases = cases;
        this.properties = properties;
    }

    /** Every section of the report page; without money columns unless {@code money}. */
    public List<Section> sections(ReportPeriod period, boolean money) {
        Ledger.Balances balances = ledger.balances(period.dayBefore(), period.to());
        Map<String, Receivables> closing = balances.closing();
        Map<String, TreeMap<LocalDate, BigDecimal>> sales = sales(period);
        List<Figures.Dso> dso = dso(closing, sales, period.to());
        List<Figures.Cei> cei = cei(balances, sales, period);
        Figures.Promises promises = ledger.promises(period);
        Figures.Disputes disputes = ledger.disputes(period);
        Recoveries recovery = recovery(period);
        List<Figures.OpenCases> open = cases.open();
        List<Figures.CaseFlow> flow = cases.flow(period);

        return List.of(
                new Section("aging", agingCharts(closing, money), List.of(hide(agingTable(closing), money))),
                new Section("receivables", List.of(dsoChart(dso), ceiChart(cei)),
                        List.of(hide(dsoTable(dso), money), hide(ceiTable(cei), money))),
                new Section("promises", List.of(promisesChart(promises)), List.of(promisesTable(promises))),
                new Section("disputes", List.of(disputesChart(disputes)), List.of(disputesTable(disputes))),
                new Section("recovery", List.of(recoveryChart("recovery-by-level", recovery.byLevel(), "level."),
                        recoveryChart("recovery-by-channel", recovery.byChannel(), "channel.")),
                        List.of(hide(recoveryTable("recovery-by-level", "level", Kind.TEXT, recovery.byLevel()), money),
                                hide(recoveryTable("recovery-by-channel", "channel", Kind.LABEL, recovery.byChannel()), money))),
                new Section("cases", List.of(openCasesChart(open), caseFlowChart(flow)),
                        List.of(openCasesTable(open), caseFlowTable(flow))));
    }

    /**
     * One table, computing only what it needs (a CSV file).
     *
     * @throws NotFoundException for a name not in {@link #TABLES}
     */
    public ReportTable table(String name, ReportPeriod period, boolean money) {
        ReportTable table = switch (name) {
            case "aging" -> agingTable(ledger.balances(period.to(), period.to()).closing());
            case "dso" -> dsoTable(dso(ledger.balances(period.to(), period.to()).closing(), sales(period), period.to()));
            case "cei" -> ceiTable(cei(ledger.balances(period.dayBefore(), period.to()), sales(period), period));
            case "promises" -> promisesTable(ledger.promises(period));
            case "disputes" -> disputesTable(ledger.disputes(period));
            case "recovery-by-level" -> recoveryTable(name, "level", Kind.TEXT, recovery(period).byLevel());
            case "recovery-by-channel" -> recoveryTable(name, "channel", Kind.LABEL, recovery(period).byChannel());
            case "open-cases" -> openCasesTable(cases.open());
            case "case-flow" -> caseFlowTable(cases.flow(period));
            default -> throw new NotFoundException("Report table", name);
        };
        return hide(table, money);
    }

    private static ReportTable hide(ReportTable table, boolean money) {
        return money ? table : table.withoutMoney();
    }

    /** Sales from the DSO's horizon or the period's start, whichever is earlier, to the period's end. */
    private Map<String, TreeMap<LocalDate, BigDecimal>> sales(ReportPeriod period) {
        LocalDate horizon = period.to().minusMonths(DSO_MONTHS).plusDays(1);
        return ledger.creditSales(horizon.isBefore(period.from()) ? horizon : period.from(), period.to());
    }

    // --- Aging

    private static ReportTable agingTable(Map<String, Receivables> closing) {
        ReportTable.Builder table = new ReportTable.Builder("aging").column("currency", Kind.TEXT)
                .column("bucket", Kind.LABEL).column("invoices", Kind.COUNT).column("amount", Kind.MONEY)
                .column("share_percent", Kind.PERCENT);
        for (Receivables receivables : closing.values()) {
            for (Bucket bucket : Bucket.values()) {
                Figures.Open open = receivables.byBucket().get(bucket);
                table.row(receivables.currency(), "bucket." + bucket.code(), open.invoices(), open.amount(),
                        receivables.share(bucket));
            }
        }
        return table.build();
    }

    private static List<Chart> agingCharts(Map<String, Receivables> closing, boolean money) {
        return closing.values().stream().map(receivables -> new Chart(money ? "aging.amount" : "aging.share",
                java.util.Arrays.stream(Bucket.values()).map(bucket -> new Bar(receivables.currency(),
                        "bucket." + bucket.code(), Kind.LABEL,
                        money ? receivables.byBucket().get(bucket).amount() : receivables.share(bucket),
                        money ? Kind.MONEY : Kind.PERCENT)).toList())).toList();
    }

    // --- DSO and CEI

    private static List<Figures.Dso> dso(Map<String, Receivables> closing,
                                         Map<String, TreeMap<LocalDate, BigDecimal>> sales, LocalDate day) {
        return closing.values().stream().map(receivables -> countback(receivables.currency(),
                receivables.total().amount(), sales.getOrDefault(receivables.currency(), new TreeMap<>()), day)).toList();
    }

    /**
     * Days sales outstanding by the countback method: the receivables at the end of {@code day} are matched against
     * the credit sales of the month up to that day, then the month before, and so on. A month whose sales the
     * receivables exceed counts whole (its days); the month that covers the rest counts the share of its days that
     * the rest is of its sales. Months are counted back from the day ({@code day - k months}, exclusive, to {@code day
     * - (k - 1) months}), so that each has its own length in days.
     */
    static Figures.Dso countback(String currency, BigDecimal receivables, NavigableMap<LocalDate, BigDecimal> salesByDay,
                                 LocalDate day) {
        BigDecimal rest = receivables;
        BigDecimal days = BigDecimal.ZERO;
        for (int month = 1; month <= DSO_MONTHS && rest.signum() > 0; month++) {
            LocalDate end = day.minusMonths(month - 1);
            LocalDate start = day.minusMonths(month);
            long length = ChronoUnit.DAYS.between(start, end);
            BigDecimal sales = salesByDay.subMap(start, false, end, true).values().stream()
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (rest.compareTo(sales) > 0) {
                days = days.add(BigDecimal.valueOf(length));
                rest = rest.subtract(sales);
            } else {
                days = days.add(rest.multiply(BigDecimal.valueOf(length)).divide(sales, 10, RoundingMode.HALF_UP));
                rest = BigDecimal.ZERO;
            }
        }
        return new Figures.Dso(currency, receivables, days.setScale(1, RoundingMode.HALF_UP), rest.signum() > 0);
    }

    private static List<Figures.Cei> cei(Ledger.Balances balances, Map<String, TreeMap<LocalDate, BigDecimal>> sales,
                                         ReportPeriod period) {
        Map<String, Receivables> closing = balances.closing();
        TreeMap<String, Figures.Cei> byCurrency = new TreeMap<>();
        java.util.Set<String> currencies = new java.util.TreeSet<>(balances.opening().keySet());
        currencies.addAll(closing.keySet());
        sales.forEach((currency, byDay) -> {
            if (!byDay.subMap(period.from(), true, period.to(), true).isEmpty()) {
                currencies.add(currency);
            }
        });
        for (String currency : currencies) {
            BigDecimal open = balances.openingOf(currency);
            BigDecimal sold = sales.getOrDefault(currency, new TreeMap<>()).subMap(period.from(), true, period.to(), true)
                    .values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            Receivables end = closing.get(currency);
            BigDecimal close = end == null ? BigDecimal.ZERO : end.total().amount();
            BigDecimal current = end == null ? BigDecimal.ZERO : end.current().amount();
            BigDecimal collectable = open.add(sold).subtract(current);
            byCurrency.put(currency, new Figures.Cei(currency, open, sold, close, current,
                    Figures.percent(open.add(sold).subtract(close), collectable)));
        }
        return List.copyOf(byCurrency.values());
    }

    private static ReportTable dsoTable(List<Figures.Dso> dso) {
        ReportTable.Builder table = new ReportTable.Builder("dso").column("currency", Kind.TEXT)
                .column("receivables", Kind.MONEY).column("dso_days", Kind.DAYS).column("countback", Kind.LABEL);
        dso.forEach(d -> table.row(d.currency(), d.receivables(), d.days(),
                d.beyondHorizon() ? "countback.beyond-horizon" : "countback.complete"));
        return table.build();
    }

    private static Chart dsoChart(List<Figures.Dso> dso) {
        return new Chart("dso", dso.stream().map(d -> new Bar(d.currency(), null, Kind.TEXT, d.days(), Kind.DAYS)).toList());
    }

    private static ReportTable ceiTable(List<Figures.Cei> cei) {
        ReportTable.Builder table = new ReportTable.Builder("cei").column("currency", Kind.TEXT)
                .column("opening_receivables", Kind.MONEY).column("credit_sales", Kind.MONEY)
                .column("closing_receivables", Kind.MONEY).column("closing_current", Kind.MONEY)
                .column("cei_percent", Kind.PERCENT);
        cei.forEach(c -> table.row(c.currency(), c.opening(), c.creditSales(), c.closing(), c.closingCurrent(), c.percent()));
        return table.build();
    }

    private static Chart ceiChart(List<Figures.Cei> cei) {
        return new Chart("cei", cei.stream().map(c -> new Bar(c.currency(), null, Kind.TEXT, c.percent(), Kind.PERCENT)).toList());
    }

    // --- Promises and disputes

    private static ReportTable promisesTable(Figures.Promises p) {
        return new ReportTable.Builder("promises").column("kept", Kind.COUNT).column("broken", Kind.COUNT)
                .column("pending", Kind.COUNT).column("void", Kind.COUNT).column("kept_rate_percent", Kind.PERCENT)
                .row(p.kept(), p.broken(), p.pending(), p.voided(), p.keptRate()).build();
    }

    private static Chart promisesChart(Figures.Promises p) {
        return new Chart("promises", List.of(count("promise.kept", p.kept()), count("promise.broken", p.broken()),
                count("promise.pending", p.pending()), count("promise.void", p.voided())));
    }

    private static ReportTable disputesTable(Figures.Disputes d) {
        return new ReportTable.Builder("disputes").column("raised", Kind.COUNT).column("resolved", Kind.COUNT)
                .column("open_at_end", Kind.COUNT).column("average_days_to_resolve", Kind.DAYS)
                .column("median_days_to_resolve", Kind.DAYS)
                .row(d.raised(), d.resolved(), d.openAtEnd(), d.averageDaysToResolve(), d.medianDaysToResolve()).build();
    }

    private static Chart disputesChart(Figures.Disputes d) {
        return new Chart("disputes", List.of(count("dispute.raised", d.raised()), count("dispute.resolved", d.resolved()),
                count("dispute.open-at-end", d.openAtEnd())));
    }

    private static Bar count(String label, long value) {
        return new Bar(null, label, Kind.LABEL, BigDecimal.valueOf(value), Kind.COUNT);
    }

    // --- Recovery after notices

    /** The notices' recovery by level and by channel; a notice sent on several channels counts on each. */
    record Recoveries(List<Figures.Recovery> byLevel, List<Figures.Recovery> byChannel) {
    }

    private Recoveries recovery(ReportPeriod period) {
        Map<List<String>, Figures.Recovery> byLevel = new TreeMap<>(KEYS);
        Map<List<String>, Figures.Recovery> byChannel = new TreeMap<>(KEYS);
        for (Ledger.NoticeGroup group : ledger.recovery(period, properties.recoveryDays())) {
            add(byLevel, group.currency(), String.valueOf(group.level()), group);
            for (String channel : io.overdue.dunning.DunningPolicy.Channels.split(group.channels())) {
                add(byChannel, group.currency(), channel, group);
            }
        }
        return new Recoveries(List.copyOf(byLevel.values()), List.copyOf(byChannel.values()));
    }

    /** Currency, then level (as a number) or channel. */
    private static final java.util.Comparator<List<String>> KEYS = java.util.Comparator
            .comparing((List<String> key) -> key.get(0))
            .thenComparing(key -> key.get(1).matches("\\d+") ? String.format("%09d", Integer.parseInt(key.get(1))) : key.get(1));

    private static void add(Map<List<String>, Figures.Recovery> sums, String currency, String key, Ledger.NoticeGroup group) {
        sums.merge(List.of(currency, key), new Figures.Recovery(currency, key, group.notices(), group.followed(),
                group.recovered()), (sum, more) -> sum.plus(more.notices(), more.followed(), more.recovered()));
    }

    private static ReportTable recoveryTable(String name, String keyColumn, Kind keyKind, List<Figures.Recovery> rows) {
        ReportTable.Builder table = new ReportTable.Builder(name).column("currency", Kind.TEXT).column(keyColumn, keyKind)
                .column("notices", Kind.COUNT).column("followed_by_payment", Kind.COUNT)
                .column("followed_percent", Kind.PERCENT).column("recovered", Kind.MONEY);
        rows.forEach(r -> table.row(r.currency(), keyKind == Kind.LABEL ? "channel." + r.key() : r.key(), r.notices(),
                r.followed(), r.followedShare(), r.recovered()));
        return table.build();
    }

    private static Chart recoveryChart(String name, List<Figures.Recovery> rows, String labelPrefix) {
        return new Chart(name, rows.stream().map(r -> new Bar(r.currency(), labelPrefix + r.key(), Kind.LABEL,
                r.followedShare(), Kind.PERCENT)).toList());
    }

    // --- Cases

    private static ReportTable openCasesTable(List<Figures.OpenCases> open) {
        ReportTable.Builder table = new ReportTable.Builder("open-cases").column("waiting_at", Kind.LABEL)
                .column("cases", Kind.COUNT).column("on_hold", Kind.COUNT);
        open.forEach(o -> table.row(o.activityId() == null ? "cases.all-open" : "activity." + o.activityId(),
                o.cases(), o.onHold()));
        return table.build();
    }

    private static Chart openCasesChart(List<Figures.OpenCases> open) {
        return new Chart("open-cases", open.stream().filter(o -> o.activityId() != null)
                .map(o -> new Bar(null, "activity." + o.activityId(), Kind.LABEL, BigDecimal.valueOf(o.cases()), Kind.COUNT))
                .toList());
    }

    private static ReportTable caseFlowTable(List<Figures.CaseFlow> flow) {
        ReportTable.Builder table = new ReportTable.Builder("case-flow").column("movement", Kind.LABEL)
                .column("outcome", Kind.LABEL).column("cases", Kind.COUNT);
        flow.forEach(f -> table.row("cases." + f.movement(), f.outcome() == null ? null : "outcome." + f.outcome(), f.cases()));
        return table.build();
    }

    private static Chart caseFlowChart(List<Figures.CaseFlow> flow) {
        return new Chart("case-flow", flow.stream().map(f -> new Bar(null,
                f.outcome() == null ? "cases." + f.movement() : "outcome." + f.outcome(), Kind.LABEL,
                BigDecimal.valueOf(f.cases()), Kind.COUNT)).toList());
    }
}
