package io.overdue.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.overdue.customers.CustomerService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.util.List;

/**
 * The notice-wave benchmark's second baseline: the same notices, decided, rendered and logged by the same code, but
 * handed to the mail server from inside the engine's job, the way a plain engine-and-mail implementation does, with no
 * outbox row, claim or record. What the benchmark measures between the two waves is the outbox's cost. While
 * {@link #withoutOutbox} is off it is the application's own sender. Never for production: a rolled-back job would have
 * sent its email all the same, and a retried one sends it again.
 */
public class SendingWithoutOutbox extends OutboxSender {

    private final CommunicationLog communicationLog;
    private final Clock clock;
    private volatile boolean withoutOutbox;

    SendingWithoutOutbox(Outbox outbox, CommunicationLog communicationLog, ObjectProvider<Transmitter> transmitters,
                         ProcessEngine engine, OutboxProperties properties, Clock clock,
                         PlatformTransactionManager transactions, MeterRegistry meters, ObjectMapper json,
                         CustomerService customers) {
        super(outbox, communicationLog, transmitters, engine, properties, clock, transactions, meters, json, customers);
        this.communicationLog = communicationLog;
        this.clock = clock;
    }

    /** On: every notice from now on goes straight to its channel inside the deciding job; off: through the outbox. */
    public void withoutOutbox(boolean on) {
        withoutOutbox = on;
    }

    @Override
    OutboxMessage enqueue(OutboxMessage message, List<Notice.Attachment> attachments, OutboxMessage.Member member,
                          OutboxMessage.BundleRenderer renderer) {
        if (!withoutOutbox) {
            return super.enqueue(message, attachments, member, renderer);
        }
        String providerId = transmitter(message.channel()).transmit(message, attachments);
        communicationLog.append(new SentNotice(0, message.idempotencyKey(), message.invoiceNumber(),
                message.customerNumber(), message.channel(), message.recipient(), message.template(), message.subject(),
                message.loggedContent(), SentNotice.SENT, providerId, clock.instant(), null));
        return message;
    }

    /** Import it to replace the application's sender with this one. */
    @TestConfiguration
    public static class Replacement {
        @Bean
        @Primary
        SendingWithoutOutbox sendingWithoutOutbox(Outbox outbox, CommunicationLog communicationLog,
                                                  ObjectProvider<Transmitter> transmitters, ProcessEngine engine,
                                                  OutboxProperties properties, Clock clock,
                                                  PlatformTransactionManager transactions, MeterRegistry meters,
                                                  ObjectMapper json, CustomerService customers) {
            return new SendingWithoutOutbox(outbox, communicationLog, transmitters, engine, properties, clock,
                    transactions, meters, json, customers);
        }
    }
}
