package io.tidings.mail;

import java.time.Duration;

/** Where mail goes: an SMTP relay, or a folder of {@code .eml} files. */
public interface MailTransport {

    /** A connection a worker keeps open across messages and closes on error. */
    MailConnection open();

    /**
     * Checks that mail can go out now (the relay answers and accepts our login; the folder is
     * writable) and says where it goes, or throws the reason it cannot.
     */
    String check() throws SendFailure;

    /** How long new connections wait because the relay said it is busy; zero when one may open now. */
    default Duration backOff() {
        return Duration.ZERO;
    }

    /** One open connection to the relay; not shared between threads. */
    interface MailConnection extends AutoCloseable {

        /**
         * Sends one message and returns the relay's reply (its queue id, where it gives one).
         * {@code handover} runs just before the message is handed over for good (the end of the
         * relay's DATA, the rename of the file); whatever it throws abandons the message unsent.
         */
        String send(Email email, Runnable handover) throws SendFailure;

        /** True while it holds a session with the relay, which a {@link #backOff() back-off} leaves alone. */
        default boolean isOpen() {
            return false;
        }

        @Override
        void close();
    }
}
