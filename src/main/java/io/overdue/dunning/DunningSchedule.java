package io.overdue.dunning;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * The timings the model's timers and tasks read when they are created ({@code ${dunningSchedule.taskDue()}}): a
 * changed setting applies to every timer created after it, without touching running cases' variables.
 */
@Component(CollectionCaseProcess.Delegates.DUNNING_SCHEDULE)
public class DunningSchedule {

    private final DunningProperties properties;
    private final Clock clock;

    public DunningSchedule(DunningProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }


    /**
     * When the case starts to consider a courtesy reminder: the first reminder minus the grace period (the due date)
     * minus the courtesy window. The window must reach back as far as the policy's largest {@code daysBeforeDue}.
     */
    public Date courtesyWindowOpens(Date firstReminderAt) {
        ZonedDateTime firstReminder = firstReminderAt.toInstant().atZone(properties.zone());
        return Date.from(firstReminder.minus(properties.gracePeriod()).minus(properties.courtesyWindow()).toInstant());
    }

    /**
     * When a promise is checked: the promised day ({@code yyyy-MM-dd}, as forms and API send it) plus the promise
     * grace, at the reminder time in the creditor's zone, so that a payment made on the promised day has arrived.
     */
    public Date promiseFollowUp(String promisedPaymentDate) {
        LocalDate promised;
        try {
            promised = LocalDate.parse(promisedPaymentDate.trim());
        } catch (NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("promised payment date must be yyyy-MM-dd, was " + promisedPaymentDate, e);
        }
        return Date.from(promised.plus(properties.promiseGrace()).atTime(properties.reminderTime())
                .atZone(properties.zone()).toInstant());
    }

    /** When a hold ends by itself: its last day ({@code yyyy-MM-dd}) at the reminder time in the creditor's zone. */
    public Date holdEnds(String holdUntil) {
        LocalDate until;
        try {
            until = LocalDate.parse(holdUntil.trim());
        } catch (NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("hold date must be yyyy-MM-dd, was " + holdUntil, e);
        }
        return Date.from(until.atTime(properties.reminderTime()).atZone(properties.zone()).toInstant());
    }

    /** ISO-8601 duration a dispute waits for more information before the collector looks again, e.g. "P7D". */
    public String disputeInformationWait() {
        return properties.disputeInformationWait().toString();
    }

    /** Due date of a collector's task created now. */
    public Date taskDue() {
        return Date.from(clock.instant().atZone(properties.zone()).plus(properties.taskDue()).toInstant());
    }
}
