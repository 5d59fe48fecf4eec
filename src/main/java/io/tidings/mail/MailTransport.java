package io.tidings.mail;

/** Where mail goes: an SMTP relay, or a folder of {@code .eml} files. */
public interface MailTransport {

    /** A connection a worker keeps open across messages and closes on error. */
    MailConnection open();

    /**
     * Checks that mail can go out now (the relay answers and accepts our login; the folder is
     * writable) and says where it goes, or throws the reason it cannot.
     */
    String check() throws SendFailure;

    /**
     * True while the relay is backed off because it said it is busy: a worker without a connection
     * then {@link MailConnection#connect() connects} before it claims anything.
     */
    default boolean backingOff() {
        return false;
    }

    /** One open connection to the relay; not shared between threads. */
    interface MailConnection extends AutoCloseable {

        /**
         * Sends one message and returns the relay's reply (its queue id, where it gives one).
         * {@code handover} runs just before the message is handed over for good (the end of the
         * relay's DATA, the rename of the file); whatever it throws abandons the message unsent.
         */
        String send(Email email, Runnable handover) throws SendFailure;

        /** True while it holds a session with the relay, which a {@link #backingOff() back-off} leaves alone. */
        default boolean isOpen() {
            return false;
        }

        /** Opens the session now, where it has none; a busy relay's failure says how long to wait. */
        default void connect() throws SendFailure {
        }

        @Override
        void close();
    }
}
