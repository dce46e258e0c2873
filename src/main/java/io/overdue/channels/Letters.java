package io.overdue.channels;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stored letters. Listings leave the PDF bytes in the database; only a download reads them. */
@Repository
class Letters {

    private static final String METADATA = "id, idempotency_key, invoice_number, customer_number, template, created_at, size";

    private static final RowMapper<Letter> WITHOUT_PDF = (rs, n) -> new Letter(rs.getLong("id"),
            rs.getString("idempotency_key"), rs.getString("invoice_number"), rs.getString("customer_number"),
            rs.getString("template"), rs.getTimestamp("created_at").toInstant(), rs.getInt("size"), null);

    private static final RowMapper<Letter> WITH_PDF = (rs, n) -> new Letter(rs.getLong("id"),
            rs.getString("idempotency_key"), rs.getString("invoice_number"), rs.getString("customer_number"),
            rs.getString("template"), rs.getTimestamp("created_at").toInstant(), rs.getInt("size"), rs.getBytes("pdf"));

    private final NamedParameterJdbcTemplate jdbc;

    Letters(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Letter> byKey(String idempotencyKey) {
        return jdbc.query("SELECT " + METADATA + ", pdf FROM letter WHERE idempotency_key = :k",
                Map.of("k", idempotencyKey), WITH_PDF).stream().findFirst();
    }

    Optional<Letter> byId(long id) {
        return jdbc.query("SELECT " + METADATA + ", pdf FROM letter WHERE id = :id", Map.of("id", id), WITH_PDF)
                .stream().findFirst();
    }

    List<Letter> forInvoice(String invoiceNumber) {
        return jdbc.query("SELECT " + METADATA + " FROM letter WHERE invoice_number = :n ORDER BY created_at, id",
                Map.of("n", invoiceNumber), WITHOUT_PDF);
    }

    Letter insert(Letter letter) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO letter (idempotency_key, invoice_number, customer_number, template, created_at, pdf, size)
                VALUES (:key, :invoice, :customer, :template, :createdAt, :pdf, :size)""", new MapSqlParameterSource()
                .addValue("key", letter.idempotencyKey()).addValue("invoice", letter.invoiceNumber())
                .addValue("customer", letter.customerNumber()).addValue("template", letter.template())
                .addValue("createdAt", Timestamp.from(letter.createdAt())).addValue("pdf", letter.pdf())
                .addValue("size", letter.pdf().length), key, new String[]{"id"});
        long id = key.getKey().longValue();
        return new Letter(id, letter.idempotencyKey(), letter.invoiceNumber(), letter.customerNumber(), letter.template(),
                letter.createdAt(), letter.pdf().length, letter.pdf());
    }
}
