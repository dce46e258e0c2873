package io.overdue.promises;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Period;

/**
 * @param horizon how far ahead a promise recorded through the API may be dated (from today in the creditor's zone);
 *                a longer wait is a payment plan, not a promise
 */
@ConfigurationProperties("overdue.promises")
public record PromiseProperties(Period horizon) {

    public PromiseProperties {
        horizon = horizon == null ? Period.ofDays(60) : horizon;
    }
}
