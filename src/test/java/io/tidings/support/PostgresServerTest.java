package io.tidings.support;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Which PostgreSQL server the PostgreSQL pass uses for which machine; no Docker engine needed. */
class PostgresServerTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    @Test
    void a_named_server_is_used_without_asking_docker() {
        AtomicBoolean dockerAsked = new AtomicBoolean();

        PostgresServer server = PostgresServer.choose(URL, () -> {
            dockerAsked.set(true);
            return true;
        });

        assertThat(server).isEqualTo(new PostgresServer.Named(URL));
        assertThat(server.adminUrl()).isEqualTo(URL);
        assertThat(dockerAsked).as("Docker asked").isFalse();
    }

    @Test
    void without_a_named_server_a_container_is_used_where_docker_answers() {
        assertThat(PostgresServer.choose(null, () -> true)).isInstanceOf(PostgresServer.Container.class);
    }

    @Test
    void a_blank_variable_counts_as_unset() {
        assertThat(PostgresServer.choose("  ", () -> true)).isInstanceOf(PostgresServer.Container.class);
    }

    @Test
    void without_either_the_reason_names_both_ways_to_get_one() {
        PostgresServer server = PostgresServer.choose(null, () -> false);

        assertThat(server).isInstanceOf(PostgresServer.Missing.class);
        assertThat(server.unavailable()).contains("TEST_POSTGRES_URL is not set").contains("no Docker engine");
    }

    @Test
    void a_named_server_that_does_not_answer_says_so() {
        String nowhere = "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2";

        assertThat(PostgresServer.choose(nowhere, () -> true).unavailable()).startsWith("cannot connect to " + nowhere);
    }
}
