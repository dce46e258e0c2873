package io.overdue.charges;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.List;

@Repository
class JdbcRateTable implements RateTable {

    private final JdbcClient jdbc;

    JdbcRateTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<StatutoryRate> rowsOf(String country) {
        return jdbc.sql("""
                        SELECT country, kind, valid_from, figure, currency, source
                        FROM statutory_rate WHERE country = :country""")
                .param("country", country)
                .query((rs, row) -> new StatutoryRate(rs.getString("country").trim(),
                        RateKind.valueOf(rs.getString("kind")), rs.getObject("valid_from", LocalDate.class),
                        rs.getBigDecimal("figure"), trimmed(rs.getString("currency")), rs.getString("source")))
                .list();
    }

    private static String trimmed(String fixedWidth) {
        return fixedWidth == null ? null : fixedWidth.trim();
    }
}
