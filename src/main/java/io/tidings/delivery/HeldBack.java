package io.tidings.delivery;

/**
 * Thrown by a {@link MessageComposer} when a claimed row must wait (its edition was paused since
 * the claim). The row goes back to {@code PENDING} as if never claimed, its attempt not counted.
 */
public final class HeldBack extends RuntimeException {

    public HeldBack(String reason) {
        super(reason, null, false, false);
    }
}
