package io.tidings.web;

/** A request whose bytes cannot be read as what its Content-Type says; answered with 400. */
final class MalformedRequestException extends RuntimeException {

    MalformedRequestException(String message) {
        super(message);
    }

    MalformedRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
