package io.tidings.admin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(AdminToken.class);
    private final ListAppender<ILoggingEvent> printed = new ListAppender<>();

    @BeforeEach
    void capture() {
        printed.start();
        logger.addAppender(printed);
    }

    @AfterEach
    void release() {
        logger.detachAppender(printed);
    }

    @Test
    void without_a_configured_token_a_random_one_is_made_and_printed_once() {
        AdminToken first = new AdminToken("");
        AdminToken second = new AdminToken(" ");

        assertThat(printed.list).hasSize(2);
        String token = tokenIn(printed.list.get(0).getFormattedMessage());
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        assertThat(first.matches(token)).isTrue();
        assertThat(second.matches(token)).as("each start makes its own token").isFalse();
        assertThat(first.matches("")).isFalse();
    }

    @Test
    void a_configured_token_matches_itself_only_and_is_not_printed() {
        AdminToken token = new AdminToken("s3cret-token");

        assertThat(token.matches("s3cret-token")).isTrue();
        assertThat(token.matches("s3cret-toke")).isFalse();
        assertThat(token.matches("S3CRET-TOKEN")).isFalse();
        assertThat(printed.list).isEmpty();
    }

    private static String tokenIn(String message) {
        Matcher matcher = Pattern.compile("admin token is (\\S+)").matcher(message);
        assertThat(matcher.find()).as("printed: %s", message).isTrue();
        return matcher.group(1);
    }
}
