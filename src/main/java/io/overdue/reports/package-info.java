/**
 * Managers' reports (docs/reports.md): aging, DSO, CEI, promises kept, disputes, recovery after notices and cases by
 * state, over a chosen period, as workbench pages with charts and as CSV. Read models only: set-based SQL over the
 * ledger's tables and the engine's, nothing written, no other module depends on this one.
 */
package io.overdue.reports;
