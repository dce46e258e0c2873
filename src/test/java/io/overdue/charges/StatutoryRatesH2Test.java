package io.overdue.charges;

/** The rate table on the embedded default database. */
class StatutoryRatesH2Test extends StatutoryRatesContract {
}
