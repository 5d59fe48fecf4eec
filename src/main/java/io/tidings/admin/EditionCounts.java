package io.tidings.admin;

import java.util.Map;

/**
 * Editions by the operator's state (lower case), every state in order, zero where there is none; asked of
 * the edition package, which owns them.
 * Declared here, where it is asked: the edition package depends on this one, not the other way round.
 */
public interface EditionCounts {

    Map<String, Long> byState();
}
