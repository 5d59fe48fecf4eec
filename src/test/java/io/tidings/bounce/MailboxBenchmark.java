package io.tidings.bounce;

import io.micronaut.context.ApplicationContext;
import io.tidings.support.Dovecot;
import io.tidings.support.EditionFixtures;
import io.tidings.support.Sql;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How fast the poller empties a bounce mailbox of real DSNs (target: 1,000 a minute), and in how much
 * memory. The mailbox is a real Dovecot ({@code support.Dovecot}, processes of its own, so the heap
 * measured is the reader's); its Maildir is filled directly with copies of one DSN that Postfix wrote
 * ({@code src/test/resources/mailbox/postfix-dsn-gone.eml}), each copy naming another reader, all of
 * whom exist, so each DSN is matched, recorded and acted on (the reader bounced). The service runs in
 * this JVM on embedded H2 kept on disk (a 4 MB page cache); run it with a small heap ({@code bench/bounce-mailbox.sh}) to show that
 * memory does not grow with the mailbox: every few seconds of the reading the heap left after a full
 * collection is printed with how many bounces were recorded by then.
 */
public final class MailboxBenchmark {

    private static final int TARGET_PER_MINUTE = 1_000;
    private static final String TEMPLATE_READER = "gone@example.com";
    private static final String MAILBOX = "bounces@tidings.test";
    private static final long SAMPLE_SECONDS = 5;

    private MailboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String why = Dovecot.unavailable();
        if (why != null) {
            System.out.println("not run: " + why);
            System.exit(2);
        }
        Path database = Files.createTempDirectory("tidings-bench-h2");
        try (Dovecot dovecot = new Dovecot().start()) {
            long filling = System.nanoTime();
            fill(dovecot.maildir(MAILBOX), count);
            System.out.printf("mailbox filled: %,d DSNs written into the Maildir in %.1f s%n", count,
                    (System.nanoTime() - filling) / 1e9);
            try (ApplicationContext context = ApplicationContext.run(Map.of(
                    // On disk with a small cache, so that the heap measured is the reader's and not the database's rows.
                    "datasources.default.url", "jdbc:h2:file:" + database.resolve("bench")
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=4096",
                    "tidings.admin-token", "bench-admin-token-0123456789",
                    "tidings.delivery.workers", 0,
                    "tidings.editions.schedule-enabled", false,
                    "tidings.articles.load-samples", false,
                    "tidings.bounce-mailbox.url", dovecot.imapUrl(MAILBOX),
                    "tidings.bounce-mailbox.poll", "1h"))) {
                Sql sql = new Sql(context.getBean(DataSource.class));
                new EditionFixtures(sql, null).readers("reader", count);
                BounceMailbox poller = context.getBean(BounceMailbox.class);
                List<String> samples = new ArrayList<>();
                ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
                long started = System.nanoTime();
                sampler.scheduleAtFixedRate(() -> samples.add(sample(sql, started)), 0, SAMPLE_SECONDS, TimeUnit.SECONDS);

                MailboxPoll poll = poller.read();
                double seconds = (System.nanoTime() - started) / 1e9;
                sampler.shutdownNow();
                sampler.awaitTermination(10, TimeUnit.SECONDS);

                double perMinute = poll.removed() / seconds * 60;
                System.out.printf("poll: %s, %,d DSNs recorded and removed, %,d left, in %.1f s%n", poll.result(),
                        poll.removed(), poll.left(), seconds);
                System.out.printf("rate: %,.0f bounces a minute (target %,d; ratio %.1f)%n", perMinute,
                        TARGET_PER_MINUTE, perMinute / TARGET_PER_MINUTE);
                System.out.printf("readers bounced: %,d of %,d; bounce rows: %,d; left in the mailbox: %,d%n",
                        sql.count("SELECT COUNT(*) FROM subscriber WHERE status = 'BOUNCED'"), count,
                        sql.count("SELECT COUNT(*) FROM bounce"), messagesIn(dovecot.maildir(MAILBOX)));
                System.out.printf("heap: max %,d MB; live after a full collection every %d s of the reading (the whole service, H2's page cache"
                        + " included):%n", Runtime.getRuntime().maxMemory() >> 20, SAMPLE_SECONDS);
                samples.forEach(System.out::println);
                System.out.println("  end " + sample(sql, started));
            }
        } finally {
            try (var files = Files.walk(database)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Puts {@code count} copies of Postfix's DSN, each naming reader n, straight into the Maildir's {@code new}. */
    private static void fill(Path maildir, int count) throws Exception {
        String template;
        try (var in = MailboxBenchmark.class.getResourceAsStream("/mailbox/postfix-dsn-gone.eml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (int n = 1; n <= count; n++) {
            // Maildir's unique name: time, then what makes it unique on this host.
            Files.writeString(maildir.resolve("new").resolve("1764633600.B" + n + ".bench"),
                    template.replace(TEMPLATE_READER, "reader" + n + "@example.com"), StandardCharsets.UTF_8);
        }
    }

    private static long messagesIn(Path maildir) throws Exception {
        try (var inNew = Files.list(maildir.resolve("new")); var inCur = Files.list(maildir.resolve("cur"))) {
            return inNew.count() + inCur.count();
        }
    }

    /** Seconds into the reading, bounces recorded, and the heap in use right after a full collection. */
    private static String sample(Sql sql, long started) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return String.format("  %5.0f s  %,6d recorded  %5.1f MB live", (System.nanoTime() - started) / 1e9,
                sql.count("SELECT COUNT(*) FROM bounce"), memory.getHeapMemoryUsage().getUsed() / 1048576.0);
    }
}
