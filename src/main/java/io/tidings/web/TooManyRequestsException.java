package io.tidings.web;

/** A client over its request cap; answered with 429. */
public final class TooManyRequestsException extends RuntimeException {

    public TooManyRequestsException() {
        this("Too many requests from your address. Please wait a minute and try again.");
    }

    public TooManyRequestsException(String message) {
        super(message);
    }
}
