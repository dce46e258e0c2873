package io.overdue.dunning;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The table {@code dunning_notice}: one row per invoice, level and round, never changed once written. */
@Repository
class DunningNoticeStore {

    private static final RowMapper<DunningNotice> MAPPER = (rs, n) -> new DunningNotice(rs.getLong("id"),
            rs.getString("invoice_number"), rs.getString("customer_number"), rs.getInt("notice_level"),
            rs.getInt("notice_round"), rs.getTimestamp("sent_at").toInstant(), date(rs.getDate("sent_on")),
            date(rs.getDate("deadline")), rs.getString("template"), rs.getString("tone"),
            DunningPolicy.Channels.split(rs.getString("channels")), rs.getString("currency"), rs.getBigDecimal("principal"),
            rs.getString("fee_kind"), rs.getBigDecimal("fee_amount"), trim(rs.getString("fee_currency")),
            rs.getString("fee_source"), rs.getString("fee_note"), rs.getBigDecimal("interest_amount"),
            rs.getBigDecimal("interest_rate"), date(rs.getDate("interest_from")), date(rs.getDate("interest_until")),
            rs.getString("interest_note"), rs.getBigDecimal("compensation_amount"),
            trim(rs.getString("compensation_currency")), rs.getString("compensation_note"), rs.getBoolean("credit_hold"),
            rs.getBoolean("call_customer"), rs.getString("finance_contact"));

    private final NamedParameterJdbcTemplate jdbc;

    DunningNoticeStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Oldest first. */
    List<DunningNotice> forInvoice(String invoiceNumber) {
        return jdbc.query("SELECT * FROM dunning_notice WHERE invoice_number = :n ORDER BY sent_at, id",
                Map.of("n", invoiceNumber), MAPPER);
    }

    Optional<DunningNotice> find(String invoiceNumber, int level, int round) {
        return jdbc.query("""
                        SELECT * FROM dunning_notice
                        WHERE invoice_number = :n AND notice_level = :level AND notice_round = :round""",
                Map.of("n", invoiceNumber, "level", level, "round", round), MAPPER).stream().findFirst();
    }

    /**
     * Writes the notice.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the invoice already has a notice of this level and round (a simultaneous
     *                               attempt); on PostgreSQL the transaction is then unusable, so callers insert in a
     *                               transaction of their own and read the winner's row afterwards
     */
    void insert(DunningNotice notice) {
        jdbc.update("""
                INSERT INTO dunning_notice (invoice_number, customer_number, notice_level, notice_round, sent_at,
                    sent_on, deadline, template, tone, channels, currency, principal, fee_kind, fee_amount,
                    fee_currency, fee_source, fee_note, interest_amount, interest_rate, interest_from,
                    interest_until, interest_note, compensation_amount, compensation_currency, compensation_note,
                    credit_hold, call_customer, finance_contact)
                VALUES (:invoice, :customer, :level, :round, :sentAt, :sentOn, :deadline, :template, :tone,
                    :channels, :currency, :principal, :feeKind, :feeAmount, :feeCurrency, :feeSource, :feeNote,
                    :interestAmount, :interestRate, :interestFrom, :interestUntil, :interestNote,
                    :compensationAmount, :compensationCurrency, :compensationNote, :creditHold, :callCustomer,
                    :financeContact)""", new MapSqlParameterSource()
                .addValue("invoice", notice.invoiceNumber()).addValue("customer", notice.customerNumber())
                .addValue("level", notice.level()).addValue("round", notice.round())
                .addValue("sentAt", Timestamp.from(notice.sentAt())).addValue("sentOn", sql(notice.sentOn()))
                .addValue("deadline", sql(notice.deadline())).addValue("template", notice.template())
                .addValue("tone", notice.tone()).addValue("channels", String.join(",", notice.channels()))
                .addValue("currency", notice.currency()).addValue("principal", notice.principal())
                .addValue("feeKind", notice.feeKind()).addValue("feeAmount", notice.feeAmount())
                .addValue("feeCurrency", notice.feeCurrency()).addValue("feeSource", notice.feeSource())
                .addValue("feeNote", notice.feeNote()).addValue("interestAmount", notice.interestAmount())
                .addValue("interestRate", notice.interestRate()).addValue("interestFrom", sql(notice.interestFrom()))
                .addValue("interestUntil", sql(notice.interestUntil())).addValue("interestNote", notice.interestNote())
                .addValue("compensationAmount", notice.compensationAmount())
                .addValue("compensationCurrency", notice.compensationCurrency())
                .addValue("compensationNote", notice.compensationNote()).addValue("creditHold", notice.creditHold())
                .addValue("callCustomer", notice.callCustomer()).addValue("financeContact", notice.financeContact()));
    }

    private static Date sql(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }

    private static LocalDate date(Date day) {
        return day == null ? null : day.toLocalDate();
    }

    // CHAR(3) comes back padded on some databases when empty; ours are always three letters or null.
    private static String trim(String code) {
        return code == null ? null : code.trim();
    }
}
