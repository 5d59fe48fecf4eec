package io.tidings.subscription;

/** Published when an import job ends, done or failed, on the instance that ended it. */
public record ImportFinished(long importId, ImportStatus status, long imported, long rejected) {
}
