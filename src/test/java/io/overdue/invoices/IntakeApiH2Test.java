package io.overdue.invoices;

/** The intake API on the embedded default database. */
class IntakeApiH2Test extends IntakeApiContract {
}
