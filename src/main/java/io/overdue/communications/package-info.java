/**
 * A customer's communication, in and out, for the customer file and as evidence: the export of the communication log
 * (JSON, CSV, PDF) and the database's guard that keeps it append-only.
 */
package io.overdue.communications;
