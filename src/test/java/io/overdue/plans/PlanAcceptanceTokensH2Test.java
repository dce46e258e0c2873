package io.overdue.plans;

/** Plan acceptance tokens on the embedded default database. */
class PlanAcceptanceTokensH2Test extends PlanAcceptanceTokensContract {
}
