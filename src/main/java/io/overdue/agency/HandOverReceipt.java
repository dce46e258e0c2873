package io.overdue.agency;

/**
 * What an agency answered to a hand-over.
 *
 * @param agencyReference the agency's own id for the case, when it gives one
 * @param delivery        where the case file went, for the record (a file path, a URL)
 */
public record HandOverReceipt(String agencyReference, String delivery) {
}
