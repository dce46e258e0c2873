package io.overdue.plans;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Table {@code plan_acceptance_token}: every token issued here, keyed by the hash of its random id. */
@Component
class PlanAcceptanceTokenStore {

    /** What the table knows of one token. */
    record Row(long planId, Instant expiresAt, Instant usedAt, Instant revokedAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    PlanAcceptanceTokenStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, long planId, String invoiceNumber, Instant issuedAt, Instant expiresAt) {
        jdbc.update("""
                INSERT INTO plan_acceptance_token (token_hash, plan_id, invoice_number, issued_at, expires_at)
                VALUES (:tokenHash, :planId, :invoiceNumber, :issuedAt, :expiresAt)""",
                new MapSqlParameterSource().addValue("tokenHash", tokenHash).addValue("planId", planId)
                        .addValue("invoiceNumber", invoiceNumber).addValue("issuedAt", Timestamp.from(issuedAt))
                        .addValue("expiresAt", Timestamp.from(expiresAt)));
    }

    Optional<Row> find(String tokenHash) {
        return jdbc.query("""
                SELECT plan_id, expires_at, used_at, revoked_at FROM plan_acceptance_token WHERE token_hash = :tokenHash""",
                Map.of("tokenHash", tokenHash), (rs, n) -> new Row(rs.getLong("plan_id"),
                        rs.getTimestamp("expires_at").toInstant(), instant(rs.getTimestamp("used_at")),
                        instant(rs.getTimestamp("revoked_at")))).stream().findFirst();
    }

    /**
     * Marks the token used if, at this moment, it is neither used, revoked nor expired. One statement, so of two
     * simultaneous calls exactly one changes the row (the other waits for its lock and then no longer matches).
     */
    boolean markUsed(String tokenHash, Instant at, String ip) {
        return jdbc.update("""
                UPDATE plan_acceptance_token SET used_at = :at, used_from_ip = :ip
                WHERE token_hash = :tokenHash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :at""",
                new MapSqlParameterSource().addValue("tokenHash", tokenHash).addValue("at", Timestamp.from(at))
                        .addValue("ip", ip)) == 1;
    }

    int revokeUnused(long planId, Instant at) {
        return jdbc.update("""
                UPDATE plan_acceptance_token SET revoked_at = :at
                WHERE plan_id = :planId AND used_at IS NULL AND revoked_at IS NULL""",
                new MapSqlParameterSource().addValue("planId", planId).addValue("at", Timestamp.from(at)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
