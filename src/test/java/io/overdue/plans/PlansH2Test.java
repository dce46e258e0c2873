package io.overdue.plans;

/** Payment plans on the embedded default database. */
class PlansH2Test extends PlansContract {
}
