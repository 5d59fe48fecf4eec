package io.tidings.web;

import io.github.bucket4j.Bucket;

import java.util.Optional;

/** Where one throttle keeps a token bucket per key: in this instance's memory, or in the database all instances share. */
interface Buckets {

    /** The key's bucket, full when the key is new. */
    Bucket of(String key);

    /** The key's bucket if it has one, without making one. */
    Optional<Bucket> existing(String key);
}
