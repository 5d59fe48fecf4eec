package io.tidings;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ground rules of the code, read from the sources in {@code src/main}: each table is read and
 * written by the SQL of its owner package only, and only the database seam asks which database the
 * service runs on.
 */
class ArchitectureTest {

    /** The one owner of each table; another package asks the owner through a port. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            entry("subscriber", "subscription"), entry("subscriber_topic", "subscription"), entry("subscriber_count", "subscription"),
            entry("confirmation", "subscription"), entry("consent_event", "subscription"),
            entry("erased_address", "subscription"), entry("suppressed_address", "subscription"),
            entry("bounce", "bounce"),
            entry("article", "article"), entry("article_topic", "article"), entry("article_page", "article"), entry("feed_state", "article"), entry("feed", "article"),
            entry("edition", "edition"), entry("edition_article", "edition"),
            entry("outbox", "delivery"), entry("delivery_count", "delivery"), entry("reader_delivery", "delivery"),
            entry("subscriber_import", "subscription"), entry("subscriber_import_rejection", "subscription"),
            entry("admin_session", "admin"), entry("operator", "admin"), entry("operator_link", "admin"),
            entry("api_key", "admin"), entry("audit_entry", "admin"),
            entry("throttle_bucket", "web"),
            entry("mailgun_token", "bounce"),
            entry("service_secret", "core"), entry("shedlock", "core"));
    /**
     * The classes that may ask which database this is: the seam and the choice of one at start, and
     * H2's counting triggers, which run inside H2 and read their tables' columns from the metadata.
     */
    static final Set<String> DATABASE_SEAM = Set.of("io.tidings.core.Database", "io.tidings.core.PostgresDatabase",
            "io.tidings.core.H2Database", "io.tidings.core.DatabaseFactory", "io.tidings.delivery.H2OutboxCounter",
            "io.tidings.subscription.H2ReaderCounter");

    private static final Path SOURCES = Path.of("src/main/java/io/tidings");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern TABLE_NAMED = Pattern.compile(
            "\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|ANALYZE)\\s+([a-z_][a-z0-9_]*)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern MAPPED_ENTITY = Pattern.compile("@MappedEntity\\(\\s*\"([a-z_]+)\"");
    private static final Pattern ASKS_WHICH_DATABASE = Pattern.compile(
            "getMetaData\\s*\\(|DatabaseMetaData|getDatabaseProductName|\\bis(?:Postgres|PostgreSQL|H2)\\b");

    @Test
    void every_table_has_one_owner() {
        assertThat(OWNERS.keySet()).as("tables the migrations create").containsAll(tablesCreated());
    }

    @Test
    void a_package_names_in_its_sql_only_the_tables_it_owns() {
        assertThat(overSources(ArchitectureTest::trespasses)).as("SQL naming a table another package owns").isEmpty();
    }

    @Test
    void only_the_database_seam_asks_which_database_it_runs_on() {
        assertThat(overSources(ArchitectureTest::asksWhichDatabase))
                .as("classes outside the database seam asking which database this is").isEmpty();
    }

    @Test
    void the_checks_name_the_class_and_the_table_or_the_question() {
        String source = """
                package io.tidings.delivery;
                class Sneaky {
                    // UPDATE subscriber in a comment is no SQL
                    static final String SQL = "UPDATE subscriber SET status = 'BOUNCED' WHERE id IN (SELECT subscriber_id FROM outbox)";
                    boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
                }
                """;
        assertThat(trespasses("io.tidings.delivery.Sneaky", source))
                .containsExactly("io.tidings.delivery.Sneaky names table subscriber, which subscription owns");
        assertThat(trespasses("io.tidings.delivery.Sneaky", "@MappedEntity(\"edition\") record Row() {}"))
                .containsExactly("io.tidings.delivery.Sneaky maps table edition, which edition owns");
        assertThat(asksWhichDatabase("io.tidings.delivery.Sneaky", source))
                .containsExactly("io.tidings.delivery.Sneaky asks which database it runs on (getMetaData()");
        assertThat(asksWhichDatabase("io.tidings.core.DatabaseFactory", source)).isEmpty();
    }

    /** What {@code check} finds in each class of {@code src/main}, given its name and source. */
    private static List<String> overSources(BiFunction<String, String, List<String>> check) {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles()) {
            found.addAll(check.apply(className(file), read(file)));
        }
        return found;
    }

    /** Each table a class's SQL (its string literals) or entity mapping names that its package does not own. */
    static List<String> trespasses(String className, String source) {
        String owner = packageOf(className);
        Set<String> found = new TreeSet<>();
        for (String literal : stringLiterals(source)) {
            Matcher table = TABLE_NAMED.matcher(literal);
            while (table.find()) {
                String name = table.group(1).toLowerCase();
                if (OWNERS.containsKey(name) && !OWNERS.get(name).equals(owner)) {
                    found.add(className + " names table " + name + ", which " + OWNERS.get(name) + " owns");
                }
            }
        }
        Matcher entity = MAPPED_ENTITY.matcher(source);
        while (entity.find()) {
            String name = entity.group(1);
            if (!owner.equals(OWNERS.get(name))) {
                found.add(className + " maps table " + name + ", which " + OWNERS.get(name) + " owns");
            }
        }
        return List.copyOf(found);
    }

    static List<String> asksWhichDatabase(String className, String source) {
        if (DATABASE_SEAM.contains(className)) {
            return List.of();
        }
        Matcher asks = ASKS_WHICH_DATABASE.matcher(withoutComments(source));
        return asks.find() ? List.of(className + " asks which database it runs on (" + asks.group() + ")") : List.of();
    }

    /** The contents of every string literal and text block, comments skipped. */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                i = endOf(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                i = endOf(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                literals.add(source.substring(i + 3, end));
                i = end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                int end = i + 1;
                while (source.charAt(end) != quote) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                if (quote == '"') {
                    literals.add(source.substring(i + 1, end));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }

    private static int endOf(String source, String end, int from) {
        int at = source.indexOf(end, from);
        return at < 0 ? source.length() : at + end.length();
    }

    private static Set<String> tablesCreated() {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher created = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)", Pattern.CASE_INSENSITIVE)
                        .matcher(read(file));
                while (created.find()) {
                    tables.add(created.group(1).toLowerCase());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String className(Path file) {
        String relative = SOURCES.relativize(file).toString().replace('/', '.');
        return "io.tidings." + relative.substring(0, relative.length() - ".java".length());
    }

    private static String packageOf(String className) {
        String inTidings = className.substring("io.tidings.".length());
        return inTidings.contains(".") ? inTidings.substring(0, inTidings.indexOf('.')) : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
