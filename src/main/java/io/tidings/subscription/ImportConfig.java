package io.tidings.subscription;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.ReadableBytes;

import java.time.Duration;

/**
 * Large imports, run as jobs (docs/imports.md).
 *
 * @param dir           where uploads are kept until their job ends; shared storage when several instances run
 * @param maxSize       the largest upload taken, zipped or not, and the most a zip may unpack to
 * @param batchSize     rows committed together, with the job's progress
 * @param lease         how long a job stays with its instance without progress before another may take it over
 * @param checkInterval how often an instance looks for jobs whose instance stopped
 */
@ConfigurationProperties("tidings.imports")
record ImportConfig(String dir, @ReadableBytes long maxSize, int batchSize, Duration lease, Duration checkInterval) {
}
