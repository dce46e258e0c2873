package io.overdue.channels;

import io.overdue.shared.Violations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Calls a collector logs by hand (outside the case's own call task): with the customer's other contacts in the
 * communication log, so that the customer file, the export and an agency see every contact made.
 */
@Service
public class CallNotes {

    public static final String CHANNEL = "CALL";
    public static final String TEMPLATE = "call-note";
    public static final int MAX_NOTE = 4000;

    /** What came of the call. */
    public enum Outcome { REACHED, NO_ANSWER, LEFT_MESSAGE, WRONG_NUMBER, CUSTOMER_CALLED }

    private final CommunicationLog log;
    private final Clock clock;

    CallNotes(CommunicationLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param number     the number called (or that called), as the collector gives it; may be null
     * @param outcome    one of {@link Outcome}, as text from a form
     * @param requestKey the form's one-time key: the same form sent twice logs one call
     * @throws io.overdue.shared.InvalidInputException naming {@code outcome} and {@code note} when wrong
     */
    @Transactional
    public SentNotice log(String invoiceNumber, String customerNumber, String number, String outcome, String note,
                          String user, String requestKey) {
        Violations violations = new Violations();
        Outcome result = null;
        try {
            result = outcome == null ? null : Outcome.valueOf(outcome);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (result == null) {
            violations.add("outcome", "must be one of " + java.util.Arrays.toString(Outcome.values()));
        }
        String text = note == null ? "" : note.strip();
        if (text.length() > MAX_NOTE) {
            violations.add("note", "must be at most " + MAX_NOTE + " characters");
        }
        violations.throwIfAny();
        // By invoice too: a key names one form on one invoice's page, never another invoice's call.
        String key = "call:" + invoiceNumber + ":" + requestKey;
        var earlier = log.byKey(key);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        SentNotice call = new SentNotice(0, key, invoiceNumber, customerNumber, CHANNEL,
                number == null || number.isBlank() ? null : number.strip(), TEMPLATE, result.name(),
                text.isEmpty() ? "(" + user + ")" : text + "\n\n(" + user + ")", SentNotice.LOGGED, null, clock.instant(), null);
        log.append(call);
        return log.byKey(key).orElseThrow();
    }
}
