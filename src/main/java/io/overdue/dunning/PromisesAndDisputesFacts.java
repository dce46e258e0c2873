package io.overdue.dunning;

/**
 * Hook for the promises-and-disputes work: the lines a collector's task shows under
 * {@link CollectionCaseProcess.TaskFacts#PROMISES_AND_DISPUTES}. Implement it as a bean and {@link CaseFacts} uses
 * it; until then the task says "none recorded".
 */
interface PromisesAndDisputesFacts {

    /** One promise or dispute per line, newest first; "none recorded" when there are none. */
    String linesFor(String invoiceNumber);
}
