package io.overdue.channels;

import java.util.List;
import java.util.Optional;

/** Hands an outbox message to the outside world: the mail server, Twilio. */
interface Transmitter {

    /** The channel of the messages it sends, as in {@link OutboxMessage#channel()}. */
    String channel();

    /**
     * Hands the message over.
     *
     * @return the provider's id of it (an email's Message-ID, Twilio's message SID)
     * @throws DeliveryRejectedException when it is refused for good
     * @throws RuntimeException          for anything another attempt may mend (the server away, busy, or failing)
     */
    String transmit(OutboxMessage message, List<Notice.Attachment> attachments);

    /**
     * For a message whose sender died while handing it over: its provider id when the provider has it, so that it is
     * not sent twice; empty when it did not arrive or the provider cannot tell.
     */
    default Optional<String> delivered(OutboxMessage message) {
        return Optional.empty();
    }
}
