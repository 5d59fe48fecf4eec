package io.tidings.delivery;

import io.tidings.mail.Email;
import io.tidings.mail.MailTransport;
import io.tidings.mail.MailTransport.MailConnection;
import io.tidings.mail.ReturnPath;
import io.tidings.mail.SendFailure;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a claimed row with its kind's composer, adds the headers of its kind, and hands it to the
 * transport, at the instance's send rate, timing the relay.
 */
@Singleton
class MessageSender {

    private final Map<MessageKind, MessageComposer> composers = new EnumMap<>(MessageKind.class);
    private final MailTransport transport;
    private final SendRate rate;
    private final DeliveryMetrics metrics;
    private final SenderHeaders senderHeaders;
    private final ReturnPath returnPath;

    MessageSender(List<MessageComposer> composers, MailTransport transport, SendRate rate, DeliveryMetrics metrics,
                  SenderHeaders senderHeaders, ReturnPath returnPath) {
        composers.forEach(composer -> this.composers.put(composer.kind(), composer));
        this.transport = transport;
        this.rate = rate;
        this.metrics = metrics;
        this.senderHeaders = senderHeaders;
        this.returnPath = returnPath;
    }

    MailConnection open() {
        return transport.open();
    }

    /** True while the relay is backed off: a worker without a connection connects before it claims. */
    boolean backingOff() {
        return transport.backingOff();
    }

    /** Lets each kind's composer read ahead for the rows of a claim. */
    void prepare(List<OutboxMessage> claimed) {
        Map<MessageKind, List<OutgoingEmail>> byKind = claimed.stream().collect(Collectors.groupingBy(
                OutboxMessage::kind, () -> new EnumMap<>(MessageKind.class),
                Collectors.mapping(OutboxMessage::outgoing, Collectors.toList())));
        byKind.forEach((kind, rows) -> {
            MessageComposer composer = composers.get(kind);
            if (composer != null) {
                composer.prepare(rows);
            }
        });
    }

    /**
     * Sends one row; {@code handover} runs just before the message is handed over for good, and
     * {@code receipt} hears what came of it, maybe only during the next send (see {@link MailConnection#send}).
     */
    void send(MailConnection connection, OutboxMessage message, Runnable handover, MailTransport.Receipt receipt)
            throws SendFailure, InterruptedException {
        MessageComposer composer = composers.get(message.kind());
        if (composer == null) {
            throw new SendFailure(true, -1, "no composer for " + message.kind(), null);
        }
        MessageComposer.Composed composed;
        try {
            composed = composer.compose(message.outgoing());
        } catch (NotToBeSent | HeldBack e) {
            throw e;
        } catch (RuntimeException e) {
            // A template the operator broke is mended on disk; the row waits for it.
            throw new SendFailure(false, -1, "cannot render " + message.kind() + ": " + e.getMessage(), e);
        }
        Email email = new Email(message.recipient(), message.recipientName(), composed.subject(),
                composed.text(), composed.html(), message.messageId(), senderHeaders.of(message.outgoing(), composed.headers()),
                returnPath.of(message.id()));
        if (!rate.tryAcquire()) {
            // The message before may be in flight: its data is ended rather than left silent (relays time
            // that out) while this one waits its turn, up to minutes under an hourly limit.
            connection.finish();
            rate.acquire();
        }
        long start = System.nanoTime();
        try {
            connection.send(email, handover, receipt);
        } finally {
            metrics.sendTook(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
