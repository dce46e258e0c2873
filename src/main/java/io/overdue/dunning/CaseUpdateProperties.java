package io.overdue.dunning;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The background worker that moves the cases of a large bank file ({@link CaseUpdateQueue}).
 *
 * @param threads      workers on this node; each takes its own lanes of invoices, so two never move one case at once.
 *                     The engine's flush of an ending case is most of the work, and on two cores two workers move
 *                     about twice as many cases as one (docs/performance.md)
 * @param chunkSize    updates applied in one transaction and one engine command: one commit and one flush for all
 * @param pollInterval how often a worker looks for updates nobody woke it for: those left by a crash or a restart,
 *                     or those due again after a failure
 * @param maxBackoff   the longest wait before a failing update is tried again; waits double from a minute up to this
 */
@ConfigurationProperties("overdue.case-updates")
public record CaseUpdateProperties(Integer threads, Integer chunkSize, Duration pollInterval, Duration maxBackoff) {

    public CaseUpdateProperties {
        threads = threads == null ? 2 : threads;
        chunkSize = chunkSize == null ? 100 : chunkSize;
        pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
        maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
        if (threads < 0 || threads > CaseUpdateQueue.LANES) {
            throw new IllegalArgumentException("overdue.case-updates.threads must be between 0 and " + CaseUpdateQueue.LANES
                    + ", not " + threads);
        }
        if (chunkSize < 1 || chunkSize > 1000) {
            throw new IllegalArgumentException("overdue.case-updates.chunk-size must be between 1 and 1000, not " + chunkSize);
        }
    }
}
