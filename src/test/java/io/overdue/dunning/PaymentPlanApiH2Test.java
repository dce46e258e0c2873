package io.overdue.dunning;

/** Payment plans through the case and the API on the embedded default database. */
class PaymentPlanApiH2Test extends PaymentPlanApiContract {
}
