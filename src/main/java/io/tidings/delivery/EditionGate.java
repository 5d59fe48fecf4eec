package io.tidings.delivery;

import java.util.List;

/**
 * "May this edition's mail go now?", asked of the edition package, which owns editions and answers
 * it. Declared here, where it is asked, as {@link MessageComposer} is: the edition package depends on
 * this one, not the other way round.
 */
public interface EditionGate {

    /** The editions whose digests must wait now (paused); claims leave their queued rows alone. */
    List<Long> held();

    /**
     * Pauses a sending edition because of what the relay said, with the reason the operator will read
     * (health, the edition's JSON and page); resuming clears it. False when it was not sending.
     */
    boolean pause(long editionId, String reason);
}
