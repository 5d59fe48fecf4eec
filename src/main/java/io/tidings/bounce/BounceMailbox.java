package io.tidings.bounce;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bounce mailbox ({@code BOUNCE_MAILBOX_URL}) over IMAP or POP3, one instance at a time.
 * Each message is read whole and handed to {@link InboundMessages}; what it says is recorded by
 * {@link BounceLog}, which commits, and only then is the message deleted (or moved to
 * {@code BOUNCE_MAILBOX_DONE_FOLDER}). A message that is not a bounce, complaint or auto-reply is
 * left exactly as it was: it is read with {@code BODY.PEEK[]}, so not even {@code \Seen} is set
 * (POP3 has no flags to change). Messages are fetched a page at a time and held one at a time, so
 * memory does not grow with the mailbox. A failure to record stops the poll: that message and the
 * ones after it stay for the next.
 */
@Singleton
@Requires(property = "tidings.bounce-mailbox.url", pattern = ".*\\S.*")
class BounceMailbox {

    private static final Logger LOG = LoggerFactory.getLogger(BounceMailbox.class);
    /** A poll takes no new message after this long, well inside its lock: no two instances read one message. */
    private static final Duration MAX_POLL = Duration.ofMinutes(20);
    /** A DSN returns headers or, at most, one digest; anything larger is not ours and is left alone. */
    private static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

    private final MailboxAddress address;
    private final BounceMailboxConfig config;
    private final InboundMessages inbound;
    private final BounceLog bounces;
    private final BounceMailboxHealth health;
    private final Clock clock;

    BounceMailbox(MailboxAddress address, BounceMailboxConfig config, InboundMessages inbound, BounceLog bounces,
                  BounceMailboxHealth health, Clock clock) {
        this.address = address;
        this.config = config;
        this.inbound = inbound;
        this.bounces = bounces;
        this.health = health;
        this.clock = clock;
        LOG.info("Reading bounces from {} every {}", address, config.poll());
    }

    @Scheduled(fixedDelay = "${tidings.bounce-mailbox.poll}", initialDelay = "${tidings.bounce-mailbox.poll}")
    @SchedulerLock(name = "bounce-mailbox", lockAtMostFor = "30m")
    public void poll() {
        MailboxPoll poll = read();
        health.polled(poll);
        if (poll.result() != MailboxPoll.Result.OK) {
            LOG.warn("Bounce mailbox {}: {} ({} removed, {} left before it)", address, poll.error(), poll.removed(),
                    poll.left());
        } else if (poll.removed() > 0) {
            LOG.info("Bounce mailbox {}: {} bounces recorded and removed, {} other messages left", address,
                    poll.removed(), poll.left());
        }
    }

    /** One pass over the mailbox; never throws. */
    MailboxPoll read() {
        Tally tally = new Tally();
        Instant deadline = clock.instant().plus(MAX_POLL);
        Store store = null;
        try {
            store = address.session().getStore(address.url());
            store.connect();
            Folder folder = store.getFolder(address.folder());
            folder.open(Folder.READ_WRITE);
            try {
                drain(store, folder, doneFolder(store), deadline, tally);
            } finally {
                // POP3 deletes what was marked only as the session ends, even when recording failed later on.
                // IMAP removed its own as it went; an expunge here would take what someone else marked too.
                if (folder.isOpen()) {
                    folder.close(!address.expunges());
                }
            }
            return tally.poll(MailboxPoll.Result.OK, null);
        } catch (RecordingFailed e) {
            return tally.poll(MailboxPoll.Result.FAILED, "a bounce could not be recorded, it stays in the mailbox: "
                    + describe((Exception) e.getCause()));
        } catch (MessagingException | IOException | RuntimeException e) {
            return tally.poll(MailboxPoll.Result.UNREADABLE, "cannot read the mailbox: " + describe(e));
        } finally {
            if (store != null) {
                try {
                    store.close();
                } catch (MessagingException ignored) {
                    // The connection is gone already; nothing is left to undo.
                }
            }
        }
    }

    private Folder doneFolder(Store store) throws MessagingException {
        if (MailboxAddress.blank(config.doneFolder())) {
            return null;
        }
        Folder done = store.getFolder(config.doneFolder().strip());
        if (!done.exists() && !done.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create the folder " + config.doneFolder());
        }
        return done;
    }

    /** Reads every message a page at a time, removing each page's bounces before the next page is fetched. */
    private void drain(Store store, Folder folder, Folder done, Instant deadline, Tally tally)
            throws MessagingException, IOException {
        FetchProfile sizes = new FetchProfile();
        sizes.add(FetchProfile.Item.SIZE);
        int next = 1;
        while (next <= folder.getMessageCount() && clock.instant().isBefore(deadline)) {
            Message[] page = folder.getMessages(next, Math.min(folder.getMessageCount(), next + config.pageSize() - 1));
            folder.fetch(page, sizes);
            List<Message> handled = new ArrayList<>();
            try {
                for (Message message : page) {
                    if (handle(message)) {
                        handled.add(message);
                    } else {
                        tally.left++;
                    }
                }
            } finally {
                remove(store, folder, done, handled.toArray(Message[]::new));
                tally.removed += handled.size();
            }
            // IMAP renumbers what is left after an expunge; POP3 keeps the numbers until the session ends.
            next = address.expunges() ? next + page.length - handled.size() : next + page.length;
        }
    }

    /** True when the message said something that is now recorded; false when it is to be left alone. */
    private boolean handle(Message message) throws MessagingException, IOException {
        int size = message.getSize();
        if (size > MAX_MESSAGE_BYTES) {
            LOG.info("Left message {} in the bounce mailbox: {} bytes is too large for a bounce", message.getMessageNumber(), size);
            return false;
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(size, 1024));
        message.writeTo(raw);
        InboundMessages.Reading reading = inbound.read(new ByteArrayInputStream(raw.toByteArray()), Source.MAILBOX);
        if (reading.ignored() != null) {
            LOG.debug("Left message {} in the bounce mailbox: {}", message.getMessageNumber(), reading.ignored());
            return false;
        }
        try {
            bounces.record(reading.reports());
        } catch (RuntimeException e) {
            throw new RecordingFailed(e);
        }
        return true;
    }

    private void remove(Store store, Folder folder, Folder done, Message[] handled) throws MessagingException {
        if (handled.length == 0) {
            return;
        }
        if (done != null) {
            folder.copyMessages(handled, done);
        }
        folder.setFlags(handled, new Flags(Flags.Flag.DELETED), true);
        if (!address.expunges()) {
            return;
        }
        // UID EXPUNGE removes exactly these; a plain EXPUNGE would also take what someone else marked deleted.
        if (folder instanceof IMAPFolder imap && store instanceof IMAPStore imapStore && imapStore.hasCapability("UIDPLUS")) {
            imap.expunge(handled);
        } else {
            folder.expunge();
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private final class Tally {
        int removed;
        int left;

        MailboxPoll poll(MailboxPoll.Result result, String error) {
            return new MailboxPoll(clock.instant(), result, removed, left, error);
        }
    }

    /** Recording failed (the database, most likely): the poll stops and the message stays. */
    private static final class RecordingFailed extends RuntimeException {
        RecordingFailed(RuntimeException cause) {
            super(cause);
        }
    }
}
