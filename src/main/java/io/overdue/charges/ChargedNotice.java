package io.overdue.charges;

import java.time.LocalDate;

/** An earlier notice on the same claim that carried a fee (reminder or inkassovarsel). */
public record ChargedNotice(LocalDate sentOn, LocalDate deadline) {
}
