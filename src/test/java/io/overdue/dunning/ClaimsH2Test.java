package io.overdue.dunning;

/** Disputes, promises and the case's endings on the embedded default database. */
class ClaimsH2Test extends ClaimsContract {
}
