package io.tidings.bounce;

import io.micronaut.context.ApplicationContext;
import io.tidings.support.EditionFixtures;
import io.tidings.support.MailboxServer;
import io.tidings.support.Sql;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How fast the poller empties a bounce mailbox of real DSNs (target: 1,000 a minute), and in how much
 * memory. The mailbox is GreenMail's IMAP server in a process of its own; it is filled with copies of
 * one DSN that Postfix wrote ({@code src/test/resources/mailbox/postfix-dsn-gone.eml}), each copy naming
 * another reader, all of whom exist, so each DSN is matched, recorded and acted on (the reader
 * bounced). The service runs in this JVM on embedded H2; run it with a small heap to show that memory
 * does not grow with the mailbox. Run with {@code bench/bounce-mailbox.sh}.
 */
public final class MailboxBenchmark {

    private static final int TARGET_PER_MINUTE = 1_000;
    private static final String TEMPLATE_READER = "gone@example.com";

    private MailboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), MailboxServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String url = imapUrl(new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)));
            fill(url, count);
            try (ApplicationContext context = ApplicationContext.run(Map.of(
                    "datasources.default.url", "jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                    "tidings.delivery.workers", 0,
                    "tidings.editions.schedule-enabled", false,
                    "tidings.articles.load-samples", false,
                    "tidings.bounce-mailbox.url", url,
                    "tidings.bounce-mailbox.poll", "1h"))) {
                Sql sql = new Sql(context.getBean(DataSource.class));
                new EditionFixtures(sql, null).readers("reader", count);
                BounceMailbox poller = context.getBean(BounceMailbox.class);
                System.gc();
                resetPeaks();

                long started = System.nanoTime();
                MailboxPoll poll = poller.read();
                double seconds = (System.nanoTime() - started) / 1e9;

                double perMinute = poll.removed() / seconds * 60;
                System.out.printf("poll: %s, %,d DSNs recorded and removed, %,d left, in %.1f s%n", poll.result(),
                        poll.removed(), poll.left(), seconds);
                System.out.printf("rate: %,.0f bounces a minute (target %,d; ratio %.1f)%n", perMinute,
                        TARGET_PER_MINUTE, perMinute / TARGET_PER_MINUTE);
                System.out.printf("readers bounced: %,d of %,d; bounce rows: %,d%n",
                        sql.count("SELECT COUNT(*) FROM subscriber WHERE status = 'BOUNCED'"), count,
                        sql.count("SELECT COUNT(*) FROM bounce"));
                System.out.printf("heap: max %,d MB; most live after a collection during the poll: %,d MB%n",
                        Runtime.getRuntime().maxMemory() >> 20, liveAfterCollections() >> 20);
            }
        } finally {
            server.getOutputStream().close();
            server.waitFor();
        }
    }

    /** The mailbox's URL, the one line of the server's output that is not its log. */
    private static String imapUrl(BufferedReader output) throws java.io.IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("imap://")) {
                // Its log goes on; drained, so that a full pipe never stops the server.
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return line;
            }
        }
        throw new IllegalStateException("the mailbox server stopped before it said where it listens");
    }

    /** Appends {@code count} copies of Postfix's DSN, each naming reader n, over IMAP, 500 at a time. */
    private static void fill(String url, int count) throws Exception {
        String template;
        try (var in = MailboxBenchmark.class.getResourceAsStream("/mailbox/postfix-dsn-gone.eml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore(new URLName(url))) {
            store.connect();
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (int from = 1; from <= count; from += 500) {
                List<Message> batch = new ArrayList<>();
                for (int n = from; n < Math.min(count + 1, from + 500); n++) {
                    byte[] raw = template.replace(TEMPLATE_READER, "reader" + n + "@example.com").getBytes(StandardCharsets.UTF_8);
                    batch.add(new MimeMessage(session, new ByteArrayInputStream(raw)));
                }
                inbox.appendMessages(batch.toArray(Message[]::new));
            }
            System.out.printf("mailbox filled: %,d DSNs%n", inbox.getMessageCount());
            inbox.close(false);
        }
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The most heap found in use right after a collection: what the poll keeps, not its garbage. */
    private static long liveAfterCollections() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                live += pool.getCollectionUsage().getUsed();
            }
        }
        return live;
    }
}
