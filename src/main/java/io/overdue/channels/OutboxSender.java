package io.overdue.channels;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.overdue.channels.OutboxMessage.Status;
import io.overdue.shared.WorkerThreads;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the outbox: exactly once per message, never lost.
 *
 * <ul>
 *   <li>A message is written ({@link #enqueue}) in the transaction that decides it, the engine's job. Nothing is sent
 *   from inside that transaction: when it rolls back, no customer heard of it.</li>
 *   <li>Right after it commits, the same thread sends it, when the pace allows ({@link OutboxProperties#perSecond}).
 *   Background senders take what is left: messages whose send was put off, failed, or never ran (a crash).</li>
 *   <li>A sender first claims the message in a transaction of its own (PENDING → SENDING), then hands it over, then
 *   records the result and the communication log entry in one transaction. Two senders never both claim it. A
 *   message to be sent right after commit is written claimed already (SENDING), by the thread that will send it.</li>
 *   <li>A message still SENDING after {@link OutboxProperties#lease} lost its sender between the hand-over and the
 *   record of it: an SMS is looked up at Twilio and sent only when Twilio does not have it; an email, which no mail
 *   server can be asked about, is sent again with the same Message-ID (docs/channels.md says why).</li>
 *   <li>A failed attempt is tried again after a doubling wait with jitter; the last attempt is an engine job on the
 *   message's case, so that its failure is an incident in Cockpit, and Cockpit's Retry sends it. A refusal for good
 *   (bounce, invalid or unsubscribed number) is not tried again: it goes to the log, where the collector sees it.</li>
 * </ul>
 */
@Service
public class OutboxSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 100;

    private final Outbox outbox;
    private final CommunicationLog communicationLog;
    private final ObjectProvider<Transmitter> transmitters;
    private final ProcessEngine engine;
    private final OutboxProperties properties;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final SendingPace pace;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final io.overdue.customers.CustomerService customers;
    private final WorkerThreads threads = new WorkerThreads("outbox");
    private volatile Map<String, Transmitter> byChannel;
    private volatile boolean running;

    OutboxSender(Outbox outbox, CommunicationLog communicationLog, ObjectProvider<Transmitter> transmitters,
                 ProcessEngine engine, OutboxProperties properties, Clock clock, PlatformTransactionManager transactions,
                 MeterRegistry meters, com.fasterxml.jackson.databind.ObjectMapper json,
                 io.overdue.customers.CustomerService customers) {
        this.json = json;
        this.customers = customers;
        this.outbox = outbox;
        this.communicationLog = communicationLog;
        this.transmitters = transmitters;
        this.engine = engine;
        this.properties = properties;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.pace = new SendingPace(properties.perSecond());
        for (Status status : List.of(Status.PENDING, Status.SENDING, Status.FAILED)) {
            Gauge.builder("overdue.outbox.messages", outbox, box -> box.countUnfinished(status))
                    .tag("status", status.name()).description("Outbox messages not yet sent, by status").register(meters);
        }
    }

    /**
     * Writes the message in the caller's transaction, once per key, and sends it right after that transaction commits.
     *
     * @return the message as it stands: a retry of the deciding step finds the one written before
     */
    @Transactional
    public OutboxMessage enqueue(OutboxMessage message, List<Notice.Attachment> attachments) {
        return enqueue(message, attachments, null, null);
    }

    /**
     * Like {@link #enqueue(OutboxMessage, List)}, for a notice that may go with others of its bundle
     * ({@link OutboxMessage#bundleKey()}): when a message of the bundle is still waiting, the notice joins it and the
     * message is rendered again from all its members; otherwise a new message starts the bundle and waits
     * {@link OutboxProperties#bundleWindow} for others. Without a window, or without a bundle, it goes alone.
     */
    @Transactional
    OutboxMessage enqueue(OutboxMessage message, List<Notice.Attachment> attachments, OutboxMessage.Member member,
                          OutboxMessage.BundleRenderer renderer) {
        var earlier = outbox.byKey(member != null ? member.idempotencyKey() : message.idempotencyKey());
        if (earlier.isPresent()) {
            log.info("Message {} is in the outbox already ({}); not writing it again", message.idempotencyKey(),
                    earlier.get().status());
            return earlier.get();
        }
        Instant now = clock.instant();
        boolean bundled = message.bundleKey() != null && member != null && !properties.bundleWindow().isZero();
        if (bundled) {
            // One transaction at a time per customer: two first notices of a bundle decided at once make one message.
            customers.holdForContact(message.customerNumber());
            var waiting = outbox.lockWaitingBundle(message.bundleKey(), now);
            if (waiting.isPresent()) {
                long id = waiting.get().id();
                outbox.addMember(id, member, json(member.model()));
                outbox.addAttachments(id, attachments);
                outbox.rewrite(id, renderer.render(outbox.members(id).stream().map(row -> model(row[2])).toList()));
                log.info("Notice {} joins message {} of bundle {}", member.idempotencyKey(), id, message.bundleKey());
                return outbox.find(id).orElseThrow();
            }
        }
        Instant due = bundled && message.nextAttemptAt().isBefore(now.plus(properties.bundleWindow()))
                ? now.plus(properties.bundleWindow()) : message.nextAttemptAt();
        // Due now and within the pace: this thread sends it right after commit, so it is written claimed by it
        // (SENDING) and no claim of its own is needed then. Should this node stop before the send, the claim runs
        // out after the lease and the message is in doubt, as any other (see attempt).
        boolean sendAfterCommit = !due.isAfter(now) && pace.tryTake();
        Instant claimedAt = sendAfterCommit ? now.truncatedTo(ChronoUnit.MILLIS) : null;
        OutboxMessage withCase = new OutboxMessage(0, message.idempotencyKey(), message.channel(),
                message.invoiceNumber(), message.customerNumber(), currentCase(), message.recipient(),
                message.copyTo(), message.template(), message.subject(), message.content(), message.html(),
                message.loggedContent(), message.messageId(), sendAfterCommit ? Status.SENDING : Status.PENDING,
                sendAfterCommit ? 1 : 0, due, claimedAt, null, null, message.createdAt(), null,
                bundled ? message.bundleKey() : null);
        long id = outbox.insert(withCase, attachments);
        if (bundled) {
            outbox.addMember(id, member, json(member.model()));
        }
        OutboxMessage written = withCase.withId(id);
        if (sendAfterCommit) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sendClaimed(written, attachments);
                }
            });
        } else if (!due.isAfter(now)) {
            log.debug("Message {} waits for the pace of {}/s", id, properties.perSecond());
        }
        // A message held for its bundle or the day's SMS cap is a background sender's when it falls due.
        return written;
    }

    private String json(Map<String, Object> model) {
        try {
            return json.writeValueAsString(model);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a notice's model cannot be kept: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> model(String stored) {
        try {
            return json.readValue(stored, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a bundled notice's model cannot be read: " + e.getMessage(), e);
        }
    }

    /** The case whose engine step is running now, so that a delivery that fails for good raises its incident there. */
    private static String currentCase() {
        BpmnExecutionContext context = Context.getBpmnExecutionContext();
        return context == null || context.getExecution() == null ? null : context.getExecution().getProcessInstanceId();
    }

    /**
     * The send right after commit, of a message written claimed by this thread; whatever goes wrong, a background
     * sender tries again. One whose commit took long is claimed again first: after the lease others may take it.
     */
    private void sendClaimed(OutboxMessage message, List<Notice.Attachment> attachments) {
        try {
            Instant now = clock.instant();
            if (now.isAfter(message.claimedAt().plus(properties.lease().dividedBy(2)))
                    && !Boolean.TRUE.equals(ownTransaction.execute(status -> outbox.reclaim(message.id(), message.claimedAt(), now)))) {
                log.info("Message {} was taken by another sender before its send after commit", message.idempotencyKey());
                return;
            }
            deliver(message, 0, false, () -> attachments, false);
        } catch (RuntimeException e) {
            log.warn("Outbox message {} was not sent now ({}); a background sender tries again", message.id(), e.toString());
        }
    }

    /**
     * Sends every due message on the caller's thread, oldest due first, at the pace: for the background senders, and
     * for tests and a node that runs none.
     *
     * @return how many messages were taken (sent, refused, or put off after a failure)
     */
    public int sendDue() {
        int taken = 0;
        while (true) {
            Instant now = clock.instant();
            List<Long> due = outbox.due(now, now.minus(properties.lease()), BATCH);
            for (long id : due) {
                try {
                    pace.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return taken;
                }
                taken += attempt(id, false) ? 1 : 0;
            }
            if (due.size() < BATCH) {
                return taken;
            }
        }
    }

    /** The last attempt, run by the engine job of {@link LastDeliveryAttempt}: a failure is thrown, for its incident. */
    void lastAttempt(long id) {
        attempt(id, true);
    }

    /** @return true when this sender took the message */
    private boolean attempt(long id, boolean byEngine) {
        OutboxMessage message = outbox.find(id).orElse(null);
        if (message == null || message.status().finished()) {
            return false;
        }
        boolean inDoubt = message.status() == Status.SENDING;
        Instant claimedAt = clock.instant();
        if (!Boolean.TRUE.equals(ownTransaction.execute(status ->
                outbox.claim(id, claimedAt, claimedAt.minus(properties.lease()), byEngine)))) {
            return false;
        }
        return deliver(message, message.attempts(), inDoubt, () -> outbox.attachments(id), byEngine);
    }

    /**
     * Hands a message this sender claimed to its channel and records what happened.
     *
     * @param attemptsBefore attempts made before this one
     * @param inDoubt        an earlier sender stopped while handing it over: the provider is asked first, if it can be
     */
    private boolean deliver(OutboxMessage message, int attemptsBefore, boolean inDoubt,
                            Supplier<List<Notice.Attachment>> attachments, boolean byEngine) {
        Transmitter transmitter = transmitter(message.channel());
        try {
            String providerId = null;
            if (inDoubt) {
                providerId = transmitter.delivered(message).orElse(null);
                log.warn("Message {} was in doubt (its sender stopped while handing it over at {}): {}",
                        message.idempotencyKey(), message.claimedAt(), providerId != null
                                ? "the provider has it as " + providerId + ", not sent again"
                                : "sending it again" + (message.messageId() != null ? " with the same Message-ID" : ""));
            }
            String handedOver = providerId != null ? providerId : transmitter.transmit(message, attachments.get());
            record(message, Status.SENT, SentNotice.SENT, handedOver, null);
            return true;
        } catch (DeliveryRejectedException e) {
            log.warn("Message {} refused for good, not tried again: {}", message.idempotencyKey(), e.getMessage());
            record(message, Status.REJECTED, e.status(), null, e.getMessage());
            return true;
        } catch (RuntimeException e) {
            failed(message, attemptsBefore + 1, byEngine, e);
            if (byEngine) {
                throw e;
            }
            return true;
        }
    }

    /** The result, and a log entry for each notice the message carried: each invoice's log shows what it got. */
    private void record(OutboxMessage message, Status status, String logStatus, String providerId, String error) {
        Instant now = clock.instant();
        ownTransaction.executeWithoutResult(tx -> {
            outbox.finish(message.id(), status, providerId, error, now);
            List<String[]> members = message.bundleKey() == null ? List.of() : outbox.members(message.id());
            if (members.isEmpty()) {
                members = List.<String[]>of(new String[]{message.idempotencyKey(), message.invoiceNumber()});
            }
            for (String[] member : members) {
                communicationLog.append(new SentNotice(0, member[0], member[1], message.customerNumber(),
                        message.channel(), message.recipient(), message.template(), message.subject(),
                        message.loggedContent(), logStatus, providerId, now, error));
            }
        });
    }

    private void failed(OutboxMessage message, int failedAttempts, boolean byEngine, RuntimeException e) {
        String error = e.toString();
        if (byEngine) {
            log.warn("Message {}: the last attempt failed too; an incident in Cockpit waits for a retry: {}",
                    message.idempotencyKey(), error);
            ownTransaction.executeWithoutResult(tx -> outbox.failed(message.id(), Status.FAILED, error, clock.instant()));
            return;
        }
        Instant next = clock.instant().plus(properties.backoff(failedAttempts)).plus(jitter());
        if (failedAttempts >= properties.attempts() - 1) {
            log.warn("Message {} failed {} times; its last attempt at {} is an engine job: {}", message.idempotencyKey(),
                    failedAttempts, next, error);
            commands().execute(context -> {
                outbox.failed(message.id(), Status.FAILED, error, next);
                LastDeliveryAttempt.schedule(context, message, next);
                return null;
            });
        } else {
            log.warn("Message {} failed (attempt {} of {}), next attempt at {}: {}", message.idempotencyKey(),
                    failedAttempts, properties.attempts(), next, error);
            ownTransaction.executeWithoutResult(tx -> outbox.failed(message.id(), Status.PENDING, error, next));
        }
    }

    private Duration jitter() {
        long millis = properties.jitter().toMillis();
        return millis <= 0 ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(millis + 1));
    }

    Transmitter transmitter(String channel) {
        if (byChannel == null) {
            byChannel = transmitters.orderedStream().collect(Collectors.toMap(Transmitter::channel, Function.identity()));
        }
        Transmitter transmitter = byChannel.get(channel);
        if (transmitter == null) {
            throw new IllegalStateException("No transmitter for channel " + channel + "; known: " + byChannel.keySet());
        }
        return transmitter;
    }

    /** The engine's command executor: our rows and the last attempt's job in one transaction. */
    private org.camunda.bpm.engine.impl.interceptor.CommandExecutor commands() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
    }

    private void run() {
        while (running) {
            try {
                sendDue();
            } catch (RuntimeException e) {
                // e.g. the database is away: the messages stay in the outbox, and the next look finds them
                log.warn("The outbox could not be sent; trying again in {}: {}", properties.pollInterval(), e.toString());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(properties.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        threads.start(properties.threads(), i -> this::run);
    }

    @Override
    public void stop() {
        running = false;
        threads.interrupt();
        threads.join();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
