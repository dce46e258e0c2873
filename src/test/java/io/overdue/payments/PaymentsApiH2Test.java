package io.overdue.payments;

/** Bank payments on the embedded default database. */
class PaymentsApiH2Test extends PaymentsApiContract {
}
