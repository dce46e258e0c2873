package io.overdue.dunning;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The table {@code case_hold}: the holds collectors put on cases, written by the case's own steps. */
@Repository
public class CaseHolds {

    public static final int MAX_REASON = 2000;

    /**
     * @param endedHow RELEASED or EXPIRED; null while the hold lasts (or when the case ended during it)
     */
    public record CaseHold(long id, String invoiceNumber, Instant heldAt, String heldBy, LocalDate heldUntil,
                           String reason, Instant endedAt, String endedHow, String endedBy) {

        public boolean lasting() {
            return endedAt == null;
        }
    }

    private static final RowMapper<CaseHold> MAPPER = (rs, n) -> new CaseHold(rs.getLong("id"),
            rs.getString("invoice_number"), rs.getTimestamp("held_at").toInstant(), rs.getString("held_by"),
            rs.getDate("held_until").toLocalDate(), rs.getString("reason"),
            rs.getTimestamp("ended_at") == null ? null : rs.getTimestamp("ended_at").toInstant(),
            rs.getString("ended_how"), rs.getString("ended_by"));

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    CaseHolds(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    long record(String invoiceNumber, String heldBy, LocalDate heldUntil, String reason) {
        var keys = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO case_hold (invoice_number, held_at, held_by, held_until, reason)
                VALUES (:invoice, :at, :by, :until, :reason)""", new MapSqlParameterSource()
                .addValue("invoice", invoiceNumber).addValue("at", Timestamp.from(clock.instant()))
                .addValue("by", heldBy).addValue("until", heldUntil).addValue("reason", reason), keys, new String[]{"id"});
        return keys.getKey().longValue();
    }

    /** @param releasedBy the user who released it early; null: its date came */
    void end(long id, String releasedBy) {
        jdbc.update("UPDATE case_hold SET ended_at = :at, ended_how = :how, ended_by = :by WHERE id = :id AND ended_at IS NULL",
                new MapSqlParameterSource().addValue("id", id).addValue("at", Timestamp.from(clock.instant()))
                        .addValue("how", releasedBy == null ? "EXPIRED" : "RELEASED").addValue("by", releasedBy));
    }

    /** Oldest first. */
    public List<CaseHold> of(String invoiceNumber) {
        return jdbc.query("SELECT * FROM case_hold WHERE invoice_number = :n ORDER BY id", Map.of("n", invoiceNumber), MAPPER);
    }
}
