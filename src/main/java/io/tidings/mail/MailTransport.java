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
         * Sends one message. What is known of it before its data ends (a refusal of its sender or
         * recipient, a message unfit to send, a lost connection) is thrown; the relay's reply to the end
         * of its data goes to {@code receipt}, during this call or, where the relay pipelines, during the
         * next {@code send} or {@link #finish}, whose write carries that end (RFC 2920 section 3.1).
         * {@code handover} runs just before the message is handed over for good (the end of the relay's
         * DATA, the rename of the file), after every earlier message's receipt was told; whatever it
         * throws abandons the message unsent.
         */
        void send(Email email, Runnable handover, Receipt receipt) throws SendFailure;

        /** Ends the message still in flight, if any, and tells its receipt: before the connection idles. */
        default void finish() {
        }

        /** True while it holds a session with the relay, which a {@link #backingOff() back-off} leaves alone. */
        default boolean isOpen() {
            return false;
        }

        /** Opens the session now, where it has none; a busy relay's failure says how long to wait. */
        default void connect() throws SendFailure {
        }

        /** Closes; a message still in flight is abandoned unsent, and its receipt told so. */
        @Override
        void close();
    }

    /** Told, once, what became of a message whose data went out: the relay's reply to its end, or why there is none. */
    interface Receipt {

        /** The relay took it; its reply (its queue id, where it gives one). */
        void accepted(String reply);

        void failed(SendFailure failure);
    }
}
