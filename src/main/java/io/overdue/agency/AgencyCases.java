package io.overdue.agency;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Agency cases, their append-only status updates, and write-offs. */
@Repository
class AgencyCases {

    private static final RowMapper<AgencyCase.StatusUpdate> UPDATE = (rs, n) -> new AgencyCase.StatusUpdate(
            rs.getString("update_id"), AgencyStatus.valueOf(rs.getString("status")),
            rs.getBigDecimal("amount_collected"), rs.getString("note"), rs.getTimestamp("occurred_at").toInstant(),
            rs.getTimestamp("received_at").toInstant(), rs.getString("received_from"));

    private static final RowMapper<WriteOff> WRITE_OFF = (rs, n) -> new WriteOff(rs.getString("invoice_number"),
            rs.getBigDecimal("amount"), rs.getString("currency"), rs.getString("reason"),
            rs.getString("written_off_by"), rs.getTimestamp("written_off_at").toInstant());

    record Row(long id, AgencyCase withoutUpdates) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    AgencyCases(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(String invoiceNumber) {
        return jdbc.query("SELECT * FROM agency_case WHERE invoice_number = :n", Map.of("n", invoiceNumber),
                (rs, n) -> new Row(rs.getLong("id"), new AgencyCase(rs.getString("invoice_number"),
                        rs.getString("agency"), rs.getString("external_reference"), rs.getString("delivery"),
                        rs.getTimestamp("handed_over_at").toInstant(), AgencyStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("status_at").toInstant(), rs.getBigDecimal("amount_collected"), List.of())))
                .stream().findFirst();
    }

    Optional<AgencyCase> withUpdates(String invoiceNumber) {
        return find(invoiceNumber).map(row -> {
            AgencyCase c = row.withoutUpdates();
            return new AgencyCase(c.invoiceNumber(), c.agency(), c.externalReference(), c.delivery(), c.handedOverAt(),
                    c.status(), c.statusAt(), c.amountCollected(), updates(row.id()));
        });
    }

    List<AgencyCase.StatusUpdate> updates(long caseId) {
        return jdbc.query("SELECT * FROM agency_status_update WHERE agency_case_id = :id ORDER BY occurred_at, id",
                Map.of("id", caseId), UPDATE);
    }

    Optional<AgencyCase.StatusUpdate> update(long caseId, String updateId) {
        return jdbc.query("SELECT * FROM agency_status_update WHERE agency_case_id = :id AND update_id = :u",
                Map.of("id", caseId, "u", updateId), UPDATE).stream().findFirst();
    }

    Optional<String> caseFile(String invoiceNumber) {
        return jdbc.queryForList("SELECT case_file FROM agency_case WHERE invoice_number = :n",
                Map.of("n", invoiceNumber), String.class).stream().findFirst();
    }

    void insert(AgencyCase agencyCase, String caseFile) {
        jdbc.update("""
                INSERT INTO agency_case (invoice_number, agency, external_reference, delivery, handed_over_at, status,
                    status_at, case_file)
                VALUES (:invoice, :agency, :reference, :delivery, :at, :status, :at, :caseFile)""",
                new MapSqlParameterSource()
                        .addValue("invoice", agencyCase.invoiceNumber()).addValue("agency", agencyCase.agency())
                        .addValue("reference", agencyCase.externalReference())
                        .addValue("delivery", truncate(agencyCase.delivery(), 1000))
                        .addValue("at", Timestamp.from(agencyCase.handedOverAt()))
                        .addValue("status", agencyCase.status().name()).addValue("caseFile", caseFile));
    }

    void append(long caseId, AgencyCase.StatusUpdate update) {
        jdbc.update("""
                INSERT INTO agency_status_update (agency_case_id, update_id, status, amount_collected, note, occurred_at,
                    received_at, received_from)
                VALUES (:caseId, :updateId, :status, :amount, :note, :occurredAt, :receivedAt, :from)""",
                new MapSqlParameterSource()
                        .addValue("caseId", caseId).addValue("updateId", update.updateId())
                        .addValue("status", update.status().name())
                        .addValue("amount", update.amountCollected(), Types.NUMERIC)
                        .addValue("note", update.note()).addValue("occurredAt", Timestamp.from(update.occurredAt()))
                        .addValue("receivedAt", Timestamp.from(update.receivedAt()))
                        .addValue("from", update.receivedFrom()));
        // Updates may arrive out of order; the case shows the one that happened last, whatever came in last.
        jdbc.update("""
                UPDATE agency_case SET status = :status, status_at = :occurredAt,
                    amount_collected = COALESCE(:amount, amount_collected)
                WHERE id = :caseId AND NOT EXISTS (SELECT 1 FROM agency_status_update u
                    WHERE u.agency_case_id = :caseId AND u.occurred_at > :occurredAt)""",
                new MapSqlParameterSource()
                        .addValue("caseId", caseId).addValue("status", update.status().name())
                        .addValue("amount", update.amountCollected(), Types.NUMERIC)
                        .addValue("occurredAt", Timestamp.from(update.occurredAt())));
    }

    Optional<WriteOff> writeOff(String invoiceNumber) {
        return jdbc.query("SELECT * FROM write_off WHERE invoice_number = :n", Map.of("n", invoiceNumber), WRITE_OFF)
                .stream().findFirst();
    }

    void insert(WriteOff writeOff) {
        jdbc.update("""
                INSERT INTO write_off (invoice_number, amount, currency, reason, written_off_by, written_off_at)
                VALUES (:invoice, :amount, :currency, :reason, :by, :at)""", new MapSqlParameterSource()
                .addValue("invoice", writeOff.invoiceNumber()).addValue("amount", writeOff.amount())
                .addValue("currency", writeOff.currency()).addValue("reason", writeOff.reason())
                .addValue("by", writeOff.writtenOffBy()).addValue("at", Timestamp.from(writeOff.writtenOffAt())));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
