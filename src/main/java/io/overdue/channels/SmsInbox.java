package io.overdue.channels;

import io.overdue.shared.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SMS sent to our number, as Twilio posts them ({@code /webhooks/twilio/inbound}). A message that is one of the stop
 * words opts its number out of our SMS, one of the start words opts it back in ({@link SmsProperties#stopWords()},
 * {@link SmsProperties#startWords()}); Twilio itself blocks a number that answered STOP, so honouring it here keeps
 * our log and our sending in step with it. Anything else is a reply, shown to collectors on the cases of whoever has
 * that number. Each message is kept once, by its Twilio id: a repeated webhook changes nothing.
 */
@Service
public class SmsInbox {

    private static final Logger log = LoggerFactory.getLogger(SmsInbox.class);
    private static final int MAX_BODY = 1600;

    /** What a message meant. */
    public enum Kind {
        STOP, START, REPLY
    }

    public record InboundSms(long id, String messageSid, String from, String to, String body, Kind kind,
                             Instant receivedAt) {
    }

    private static final RowMapper<InboundSms> ROW = (rs, n) -> new InboundSms(rs.getLong("id"),
            rs.getString("message_sid"), rs.getString("from_number"), rs.getString("to_number"), rs.getString("body"),
            Kind.valueOf(rs.getString("kind")), rs.getTimestamp("received_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;
    private final SmsProperties properties;
    private final Clock clock;

    SmsInbox(NamedParameterJdbcTemplate jdbc, SmsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Keeps the message once; a repeat returns what was kept the first time. */
    @Transactional
    public InboundSms receive(String messageSid, String from, String to, String body) {
        Optional<InboundSms> earlier = find(messageSid);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String number = PhoneNumbers.toE164(from, "ZZ");
        String text = body == null ? "" : body.strip();
        Kind kind = kind(text);
        jdbc.update("""
                INSERT INTO sms_inbound (message_sid, from_number, to_number, body, kind, received_at)
                VALUES (:sid, :from, :to, :body, :kind, :at)""", new MapSqlParameterSource("sid", messageSid)
                .addValue("from", number).addValue("to", to).addValue("body", text.length() > MAX_BODY ? text.substring(0, MAX_BODY) : text)
                .addValue("kind", kind.name()).addValue("at", Timestamp.from(clock.instant())));
        if (kind != Kind.REPLY) {
            log.info("{} answered {}: {}", number, text, kind == Kind.STOP ? "no more SMS to this number" : "SMS to this number again");
        }
        return find(messageSid).orElseThrow();
    }

    /** Whether the number's latest STOP or START was STOP. */
    public boolean optedOut(String e164) {
        return jdbc.query("""
                SELECT kind FROM sms_inbound WHERE from_number = :number AND kind IN ('STOP', 'START')
                ORDER BY id DESC FETCH FIRST 1 ROWS ONLY""", new MapSqlParameterSource("number", e164),
                (rs, n) -> rs.getString(1)).stream().findFirst().map(Kind.STOP.name()::equals).orElse(false);
    }

    /** Everything these numbers sent us, newest first. */
    public List<InboundSms> from(Collection<String> numbers) {
        if (numbers.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT * FROM sms_inbound WHERE from_number IN (:numbers) ORDER BY id DESC",
                new MapSqlParameterSource("numbers", numbers), ROW);
    }

    private Optional<InboundSms> find(String messageSid) {
        return jdbc.query("SELECT * FROM sms_inbound WHERE message_sid = :sid", new MapSqlParameterSource("sid", messageSid), ROW)
                .stream().findFirst();
    }

    /** A stop or start word is the whole message, in any case, as carriers and Twilio read them. */
    Kind kind(String text) {
        String word = text.toUpperCase(Locale.ROOT).replaceAll("[\\s.!]+$", "");
        if (properties.stopWords().contains(word)) {
            return Kind.STOP;
        }
        if (properties.startWords().contains(word)) {
            return Kind.START;
        }
        return Kind.REPLY;
    }
}
