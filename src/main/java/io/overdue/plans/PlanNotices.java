package io.overdue.plans;

import java.time.LocalDate;

/**
 * The customer's messages about the instalments of an active plan. Implemented by the dunning module, which holds
 * the creditor's details and the notice templates; declared here so that plans need not depend on it. Each message
 * is sent at most once per plan, instalment and kind (the channels' idempotency keys), however often a step retries.
 */
public interface PlanNotices {

    /** Instalment {@code seq} is due soon. */
    void instalmentDueSoon(PaymentPlan plan, Instalment instalment);

    /** Instalment {@code seq} was missed: pay it by {@code deadline} or the plan breaks. */
    void instalmentMissed(PaymentPlan plan, Instalment instalment, LocalDate deadline);
}
