/**
 * Hand-over to collection agencies: the case file ({@link io.overdue.agency.CaseFile}), agency adapters
 * ({@link io.overdue.agency.CollectionAgency}), the agencies' status updates and write-offs (docs/agency.md).
 */
package io.overdue.agency;
