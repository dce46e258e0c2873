package io.overdue.dunning;

import org.springframework.stereotype.Component;

/**
 * The policy's timings as the model's timers read them ({@code ${dunningSchedule.reminderDeadline()}}): a
 * changed setting applies to every timer created after it, without touching running cases' variables.
 */
@Component(CollectionCaseProcess.Delegates.DUNNING_SCHEDULE)
public class DunningSchedule {

    private final DunningProperties properties;

    public DunningSchedule(DunningProperties properties) {
        this.properties = properties;
    }

    /** ISO-8601 duration the customer has to pay after the first reminder, e.g. "P14D". */
    public String reminderDeadline() {
        return properties.reminderDeadline().toString();
    }

    /** ISO-8601 duration between follow-ups that brought no promise, e.g. "P3D". */
    public String followUpInterval() {
        return properties.followUpInterval().toString();
    }
}
