package io.overdue.dunning;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;

/**
 * Timings around the dunning policy. What each level does (waits, channels, fees, deadlines) is in the DMN
 * ({@code bpmn/dunning-policy.dmn}); these are the settings around it, read when a timer or task is created.
 *
 * @param gracePeriod              days after the due date before the first reminder (payments take a day or two)
 * @param reminderTime             local time of day at which reminders go out
 * @param zone                     the creditor's time zone, in which due dates and reminder times are read
 * @param jitter                   reminders of one day are spread over this window so that they do not all fire at once
 * @param courtesyWindow           how long before the first reminder the case looks at a courtesy reminder; must cover
 *                                 the largest {@code daysBeforeDue} of the policy (7), or the courtesy reminder is late
 * @param promiseGrace             after a promised payment date, how long to wait for the money before calling the
 *                                 promise broken (bank transfers take a day or two)
 * @param disputeInformationWait   how long a collector waits for more information on a dispute before looking again
 * @param taskDue                  due date of a collector's task, counted from its creation
 * @param reminderFeeAgreed        SE: whether customers agreed to a påminnelseavgift when the debt arose. There is no
 *                                 per-customer field yet, so this is one setting for all (default false: no fee)
 * @param attachInvoiceCopy        attach the invoice copy the ERP uploaded (PUT /api/invoices/{n}/copy) to every
 *                                 dunning email (default true)
 * @param contactHours             plan the first reminder and every level within the customer's contact hours
 *                                 ({@code overdue.contact}, {@link io.overdue.channels.ContactWindows}), since a level
 *                                 may go by SMS (default true)
 * @param longestHold              how far ahead a collector may put a case on hold (default 90 days); longer needs a
 *                                 payment plan or a manager's decision
 */
@ConfigurationProperties("overdue.dunning")
public record DunningProperties(Period gracePeriod, LocalTime reminderTime, ZoneId zone, Duration jitter,
                                Period courtesyWindow,
                                Period promiseGrace, Period disputeInformationWait, Period taskDue,
                                Boolean reminderFeeAgreed, Boolean attachInvoiceCopy, Boolean contactHours,
                                Period longestHold) {

    public DunningProperties {
        gracePeriod = gracePeriod == null ? Period.ofDays(3) : gracePeriod;
        reminderTime = reminderTime == null ? LocalTime.of(9, 0) : reminderTime;
        zone = zone == null ? ZoneId.of("Europe/Oslo") : zone;
        jitter = jitter == null ? Duration.ofHours(1) : jitter;
        courtesyWindow = courtesyWindow == null ? Period.ofDays(7) : courtesyWindow;
        promiseGrace = promiseGrace == null ? Period.ofDays(2) : promiseGrace;
        disputeInformationWait = disputeInformationWait == null ? Period.ofDays(7) : disputeInformationWait;
        taskDue = taskDue == null ? Period.ofDays(2) : taskDue;
        reminderFeeAgreed = reminderFeeAgreed != null && reminderFeeAgreed;
        attachInvoiceCopy = attachInvoiceCopy == null || attachInvoiceCopy;
        contactHours = contactHours == null || contactHours;
        longestHold = longestHold == null ? Period.ofDays(90) : longestHold;
    }

    /** Every setting at its default. */
    static DunningProperties defaults() {
        return new DunningProperties(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
