package io.overdue.workbench;

import io.overdue.dunning.DunningProperties;
import io.overdue.identity.Groups;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The open tasks a user may work on, most important first: what {@link WorkbenchProperties#first} names (broken
 * promises, then disputes, by default), then by amount overdue × days overdue, then the oldest task. One query, sorted
 * and cut to a page by the database, so the page costs the same with ten cases or a hundred thousand.
 */
@Repository
public class WorkQueue {

    private final NamedParameterJdbcTemplate jdbc;
    private final WorkbenchProperties properties;
    private final Clock clock;

    WorkQueue(NamedParameterJdbcTemplate jdbc, WorkbenchProperties properties, Clock clock, DunningProperties dunning) {
        this.jdbc = jdbc;
        this.properties = properties;
        // Days overdue count in the creditor's time zone, as the due dates and the case view do.
        this.clock = clock.withZone(dunning.zone());
    }

    /** Who is asking: their tasks and those offered to one of their groups; admins see every task. */
    public record Viewer(String userId, List<String> groups) {
        boolean admin() {
            return groups.contains(Groups.ADMINS);
        }
    }

    /**
     * What the user narrowed the queue to; null or blank: no filter.
     *
     * @param assignee {@code me}, {@code none} (unclaimed), or a user id
     */
    public record Filter(String taskType, String country, Integer level, String assignee) {
        public static final Filter NONE = new Filter(null, null, null, null);
    }

    /** One page of the queue, and how many tasks the filter matches in all. */
    public record Page(List<WorkItem> items, int number, int size, long total) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    public Page find(Viewer viewer, Filter filter, int page) {
        LocalDate today = LocalDate.now(clock);
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("user", viewer.userId())
                .addValue("groups", viewer.groups().isEmpty() ? List.of("") : viewer.groups())
                .addValue("todayEpoch", today.atStartOfDay(ZoneOffset.UTC).toEpochSecond())
                .addValue("now", Timestamp.from(clock.instant()));
        // The task's own conditions go into a fenced derived table (OFFSET 0 keeps PostgreSQL from flattening it):
        // the database then starts from the few open tasks, not from every case and invoice, whatever it estimates.
        StringBuilder tasks = new StringBuilder(" WHERE t.SUSPENSION_STATE_ = 1");
        if (!viewer.admin()) {
            tasks.append(" AND (t.ASSIGNEE_ = :user OR EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_")
                    .append(" AND l.TYPE_ = 'candidate' AND (l.USER_ID_ = :user OR l.GROUP_ID_ IN (:groups))))");
        }
        if (present(filter.taskType())) {
            tasks.append(" AND t.TASK_DEF_KEY_ = :taskType");
            parameters.addValue("taskType", filter.taskType());
        }
        if ("me".equals(filter.assignee())) {
            tasks.append(" AND t.ASSIGNEE_ = :user");
        } else if ("none".equals(filter.assignee())) {
            tasks.append(" AND t.ASSIGNEE_ IS NULL");
        } else if (present(filter.assignee())) {
            tasks.append(" AND t.ASSIGNEE_ = :assignee");
            parameters.addValue("assignee", filter.assignee());
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (present(filter.country())) {
            where.append(" AND c.country = :country");
            parameters.addValue("country", filter.country());
        }
        if (filter.level() != null && filter.level() == 0) {
            where.append(" AND ").append(LEVEL).append(" IS NULL"); // no notice yet
        } else if (filter.level() != null) {
            where.append(" AND ").append(LEVEL).append(" = :level");
            parameters.addValue("level", filter.level());
        }
        String from = " FROM (SELECT t.ID_, t.NAME_, t.TASK_DEF_KEY_, t.ASSIGNEE_, t.CREATE_TIME_, t.DUE_DATE_, t.PROC_INST_ID_"
                + " FROM ACT_RU_TASK t" + tasks + " OFFSET 0 ROWS) t"
                + " JOIN ACT_RU_EXECUTION p ON p.ID_ = t.PROC_INST_ID_"
                + " LEFT JOIN invoice i ON i.invoice_number = p.BUSINESS_KEY_"
                + " LEFT JOIN customer c ON c.id = i.customer_id";
        long total = jdbc.queryForObject("SELECT count(*)" + from + where, parameters, Long.class);

        int size = properties.pageSize();
        int number = Math.max(0, Math.min(page, (int) ((total - 1) / size)));
        parameters.addValue("offset", (long) number * size).addValue("size", size);
        String sql = "SELECT t.ID_ AS task_id, t.NAME_ AS task_name, t.TASK_DEF_KEY_ AS task_type, t.ASSIGNEE_ AS assignee,"
                + " t.CREATE_TIME_ AS created, t.DUE_DATE_ AS task_due, t.PROC_INST_ID_ AS process_instance_id,"
                + " p.BUSINESS_KEY_ AS business_key, i.invoice_number, i.currency, i.open_balance, i.due_date,"
                + " c.customer_number, c.name AS customer_name, c.country, "
                + LEVEL + " AS dunning_level, " + BROKEN_PROMISE + " AS broken_promise, " + DISPUTED + " AS disputed, "
                + score(parameters) + " AS score"
                + from + where
                + " ORDER BY " + order() + "score DESC, t.CREATE_TIME_, t.ID_"
                + " OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY";
        List<WorkItem> items = jdbc.query(sql, parameters, (rs, n) -> item(rs, today));
        return new Page(items, number, size, total);
    }

    /** How long the country filter's list is kept: customers of a new country are rare, a scan per page is not. */
    static final java.time.Duration COUNTRIES_KEPT = java.time.Duration.ofMinutes(5);

    private record Countries(List<String> codes, java.time.Instant readAt) {
    }

    private volatile Countries countries;

    /** The customers' countries, for the filter; read again after {@link #COUNTRIES_KEPT}. */
    public List<String> countries() {
        Countries known = countries;
        java.time.Instant now = clock.instant();
        if (known == null || known.readAt().plus(COUNTRIES_KEPT).isBefore(now)) {
            known = new Countries(jdbc.queryForList("SELECT DISTINCT country FROM customer ORDER BY country", Map.of(),
                    String.class).stream().map(String::strip).toList(), now);
            countries = known;
        }
        return known.codes();
    }

    /** The next {@link #countries()} reads them again. */
    void forgetCountries() {
        countries = null;
    }

    /** The task types in the queue, for the filter: id and name of each, as the models name them. */
    public Map<String, String> taskTypes() {
        Map<String, String> types = new java.util.TreeMap<>();
        jdbc.query("SELECT DISTINCT TASK_DEF_KEY_, NAME_ FROM ACT_RU_TASK", Map.of(),
                rs -> {
                    types.putIfAbsent(rs.getString(1), rs.getString(2));
                });
        return types;
    }

    // The dunning level is the highest sent, as on the case view; read from the notices' unique index alone.
    private static final String LEVEL = "(SELECT MAX(n.notice_level) FROM dunning_notice n WHERE n.invoice_number = i.invoice_number)";
    private static final String BROKEN_PROMISE = "CASE WHEN (SELECT pp.status FROM payment_promise pp"
            + " WHERE pp.invoice_number = i.invoice_number ORDER BY pp.made_at DESC, pp.id DESC FETCH FIRST 1 ROWS ONLY)"
            + " = 'BROKEN' THEN 1 ELSE 0 END";
    private static final String DISPUTED = "CASE WHEN EXISTS (SELECT 1 FROM dispute d WHERE d.invoice_number = i.invoice_number"
            + " AND d.status IN ('OPEN', 'MORE_INFORMATION')) THEN 1 ELSE 0 END";

    /** Amount overdue × days overdue, the amount weighed by its currency; 0 for a task without an invoice. */
    private String score(MapSqlParameterSource parameters) {
        StringBuilder weight = new StringBuilder("CASE i.currency");
        int n = 0;
        for (Map.Entry<String, BigDecimal> entry : properties.currencyWeights().entrySet()) {
            weight.append(" WHEN :currency").append(n).append(" THEN :weight").append(n);
            parameters.addValue("currency" + n, entry.getKey()).addValue("weight" + n, entry.getValue());
            n++;
        }
        weight.append(" ELSE 1 END");
        String weighed = n == 0 ? "" : " * " + weight;
        // EXTRACT(EPOCH FROM a date) is its midnight in seconds on both H2 and PostgreSQL; date arithmetic is not portable.
        return "COALESCE(i.open_balance" + weighed + " * GREATEST(:todayEpoch - EXTRACT(EPOCH FROM i.due_date), 0) / 86400, 0)";
    }

    private String order() {
        StringBuilder order = new StringBuilder();
        for (WorkbenchProperties.Priority priority : properties.first()) {
            order.append(switch (priority) {
                case BROKEN_PROMISE -> "broken_promise DESC, ";
                case DISPUTE -> "disputed DESC, ";
                case OVERDUE_TASK -> "CASE WHEN t.DUE_DATE_ < :now THEN 1 ELSE 0 END DESC, ";
            });
        }
        return order.toString();
    }

    private static WorkItem item(ResultSet rs, LocalDate today) throws SQLException {
        java.sql.Date due = rs.getDate("due_date");
        Timestamp taskDue = rs.getTimestamp("task_due");
        Number level = (Number) rs.getObject("dunning_level");
        return new WorkItem(rs.getString("task_id"), rs.getString("task_name"), rs.getString("task_type"),
                rs.getString("assignee"), rs.getTimestamp("created").toInstant(),
                taskDue == null ? null : taskDue.toInstant(), rs.getString("process_instance_id"),
                rs.getString("business_key"), rs.getString("invoice_number"), rs.getString("customer_number"),
                rs.getString("customer_name"), rs.getString("country"), rs.getString("currency"),
                rs.getBigDecimal("open_balance"), due == null ? null : due.toLocalDate(),
                due == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(due.toLocalDate(), today)),
                level == null ? null : level.intValue(), rs.getInt("broken_promise") == 1, rs.getInt("disputed") == 1,
                rs.getBigDecimal("score"));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** For the assignee filter: everyone who holds a task now. */
    public List<String> assignees() {
        return new ArrayList<>(jdbc.queryForList("SELECT DISTINCT ASSIGNEE_ FROM ACT_RU_TASK WHERE ASSIGNEE_ IS NOT NULL"
                + " ORDER BY ASSIGNEE_", Map.of(), String.class));
    }
}
