package io.overdue.channels;

import java.util.Locale;
import java.util.Map;

/**
 * One message to a customer. The idempotency key names the business event (e.g. "first-reminder:10023"),
 * so a retried job finds the earlier send instead of sending again.
 */
public record Notice(String idempotencyKey, String invoiceNumber, String customerNumber, String recipient,
                     String template, Locale locale, Map<String, Object> model) {
}
