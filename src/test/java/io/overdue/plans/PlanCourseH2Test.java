package io.overdue.plans;

/** The steps of the payment-plan process on the embedded default database. */
class PlanCourseH2Test extends PlanCourseContract {
}
