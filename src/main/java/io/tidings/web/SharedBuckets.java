package io.tidings.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * Buckets in the database every instance shares (a row of {@code throttle_bucket} per key, locked
 * while a token is taken), so that instances behind a load balancer give one limit. A row is named
 * by the throttle's name, as every throttle shares the table, and the SHA-256 of its key: client
 * addresses and operators' email addresses are not kept in the table, and any key fits the column.
 */
final class SharedBuckets implements Buckets {

    private final ProxyManager<String> proxies;
    private final String name;
    private final BucketConfiguration configuration;

    SharedBuckets(ProxyManager<String> proxies, String name, Bandwidth limit) {
        this.proxies = proxies;
        this.name = name;
        this.configuration = BucketConfiguration.builder().addLimit(limit).build();
    }

    @Override
    public Bucket of(String key) {
        return proxies.builder().build(id(key), () -> configuration);
    }

    @Override
    public Optional<Bucket> existing(String key) {
        return proxies.getProxyConfiguration(id(key)).map(stored -> of(key));
    }

    private String id(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return name + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
