package io.tidings.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong key (a real key's prefix with another ending) and a key that matches nothing at all take the
 * same time to refuse: a key is looked up by its hash alone, so how much of it is right tells nothing.
 */
@MicronautTest(transactional = false)
class KeyTimingTest extends ServiceTest {

    private static final int ROUNDS = 300;

    @Override
    protected Map<String, String> extraProperties() {
        // Thousands of wrong keys from one client: the throttle is not what this measures.
        return Map.of("tidings.auth-throttle.per-client", "1000000", "tidings.auth-throttle.per-key-prefix", "1000000");
    }

    @Test
    void a_wrong_key_and_a_missing_key_take_the_same_time_within_noise() {
        String key = (String) Json.object(http.postJson("/admin/api-keys",
                "{\"name\":\"timed\",\"scopes\":[\"stats:read\"]}", asAdmin()).body()).get("key");
        String wrong = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");
        String missing = "zz" + key.substring(2, key.length() - 4) + "QQQQ";

        timeRefusals(wrong, missing, 100); // warm-up: JIT, connection pool, caches
        List<Long> wrongTimes = new ArrayList<>();
        List<Long> missingTimes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long[] times = timeRefusals(wrong, missing, 1);
            wrongTimes.add(times[0]);
            missingTimes.add(times[1]);
        }

        long wrongMedian = median(wrongTimes);
        long missingMedian = median(missingTimes);
        long noise = Math.max(300_000, Math.abs(median(spread(wrongTimes, wrongMedian))));
        assertThat(Math.abs(wrongMedian - missingMedian)).as("medians %d ns and %d ns, noise %d ns",
                wrongMedian, missingMedian, noise).isLessThanOrEqualTo(noise);
    }

    /** Alternates the two kinds, so drift in the machine's load falls on both alike; nanoseconds of the last pair. */
    private long[] timeRefusals(String wrong, String missing, int pairs) {
        long[] times = new long[2];
        for (int pair = 0; pair < pairs; pair++) {
            times[0] = timeRefusal(wrong);
            times[1] = timeRefusal(missing);
        }
        return times;
    }

    private long timeRefusal(String key) {
        long start = System.nanoTime();
        int status = http.get("/admin/stats", "Authorization", "Bearer " + key).statusCode();
        long elapsed = System.nanoTime() - start;
        assertThat(status).isEqualTo(401);
        return elapsed;
    }

    /** Each time's distance from the median: its median is the spread that noise alone makes. */
    private static List<Long> spread(List<Long> times, long median) {
        return times.stream().map(time -> Math.abs(time - median)).toList();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
