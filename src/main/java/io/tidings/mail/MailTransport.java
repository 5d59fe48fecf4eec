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

    /** One open connection to the relay; not shared between threads. */
    interface MailConnection extends AutoCloseable {

        /**
         * Sends one message and returns the relay's reply (its queue id, where it gives one).
         * {@code handover} runs just before the message is handed over for good (the end of the
         * relay's DATA, the rename of the file); whatever it throws abandons the message unsent.
         */
        String send(Email email, Runnable handover) throws SendFailure;

        @Override
        void close();
    }
}
