package io.overdue.workbench;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The workbench's settings.
 *
 * @param pageSize        tasks per page of the work queue
 * @param first           what comes first in the work queue, in this order, before the rest by amount × days overdue:
 *                        {@code BROKEN_PROMISE} (the invoice's latest promise to pay was broken), {@code DISPUTE} (an
 *                        open dispute), {@code OVERDUE_TASK} (the task's own due date has passed); empty: by amount ×
 *                        days overdue alone
 * @param currencyWeights what one unit of a currency counts for in amount × days overdue, against units of the others
 *                        (e.g. {@code EUR: 11.5} when NOK and SEK count 1); a currency not listed counts 1
 */
@ConfigurationProperties("overdue.workbench")
public record WorkbenchProperties(Integer pageSize, List<Priority> first, Map<String, BigDecimal> currencyWeights) {

    /** What may come first in the work queue. */
    public enum Priority { BROKEN_PROMISE, DISPUTE, OVERDUE_TASK }

    public WorkbenchProperties {
        pageSize = pageSize == null ? 50 : pageSize;
        first = first == null ? List.of(Priority.BROKEN_PROMISE, Priority.DISPUTE) : List.copyOf(first);
        currencyWeights = currencyWeights == null ? Map.of() : Map.copyOf(currencyWeights);
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("overdue.workbench.page-size must be between 1 and 500, not " + pageSize);
        }
        currencyWeights.forEach((currency, weight) -> {
            if (!currency.matches("[A-Z]{3}") || weight == null || weight.signum() < 0) {
                throw new IllegalArgumentException("overdue.workbench.currency-weights: " + currency + "=" + weight
                        + " is not an ISO currency code with a weight of 0 or more");
            }
        });
    }
}
