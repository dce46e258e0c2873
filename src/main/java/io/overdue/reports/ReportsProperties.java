package io.overdue.reports;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The reports' settings.
 *
 * @param moneyTotals    who sees amounts of money on the reports (pages and CSV): {@code EVERYONE} who may open them
 *                       (collectors, managers, admins), or {@code MANAGERS} (and admins) only; the others then see
 *                       counts, days and percentages
 * @param recoveryDays   a payment counts as recovered by a notice when it is booked on the notice's day or up to this
 *                       many days after it
 */
@ConfigurationProperties("overdue.reports")
public record ReportsProperties(MoneyTotals moneyTotals, Integer recoveryDays) {

    /** Who sees money amounts. */
    public enum MoneyTotals { EVERYONE, MANAGERS }

    public ReportsProperties {
        moneyTotals = moneyTotals == null ? MoneyTotals.EVERYONE : moneyTotals;
        recoveryDays = recoveryDays == null ? 7 : recoveryDays;
        if (recoveryDays < 0 || recoveryDays > 90) {
            throw new IllegalArgumentException("overdue.reports.recovery-days must be between 0 and 90, not " + recoveryDays);
        }
    }
}
