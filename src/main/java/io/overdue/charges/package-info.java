/**
 * Statutory late interest and fees, computed from dated rate tables per country ({@code statutory_rate}).
 * The dunning process asks {@link io.overdue.charges.Charges} what a notice may charge and why not.
 */
package io.overdue.charges;
