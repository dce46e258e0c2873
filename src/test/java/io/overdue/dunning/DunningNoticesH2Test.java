package io.overdue.dunning;

/** Dunning notices on the embedded default database. */
class DunningNoticesH2Test extends DunningNoticesContract {
}
