package io.overdue.agency;

/**
 * A collection agency that takes over an invoice. Implementations are Spring beans; the one used is picked
 * by bean name ({@code overdue.agency.adapter}, or the name given to {@link AgencyHandOvers#handOver}).
 *
 * <p>A hand-over runs at least once: the engine's job retries a failed one, so {@link #handOver} must throw
 * when the agency did not take the file, and should pass {@link CaseFile#handOverId()} on for the agency to
 * recognise a repeat.
 */
public interface CollectionAgency {

    /**
     * Delivers the case file.
     *
     * @throws AgencyDeliveryException when the agency did not take it (the caller retries)
     */
    HandOverReceipt handOver(CaseFile caseFile);
}
