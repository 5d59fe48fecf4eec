package io.tidings.article;

/** Why a feed could not be fetched or read, in words for the operator; the poll counts as an error. */
class PollFailure extends RuntimeException {

    PollFailure(String message) {
        super(message);
    }

    PollFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
