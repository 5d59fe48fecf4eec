package io.tidings.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.core.LogSetup;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Request ids in the logs and in responses, and the JSON log format. */
@Tag("web")
@MicronautTest(transactional = false)
class LoggingTest extends ServiceTest {

    @Test
    void a_request_id_from_the_proxy_is_echoed_and_carried_by_the_log_lines_of_that_request() {
        ListAppender<ILoggingEvent> events = capture("io.tidings.edition.EditionMaker");
        given.article("Naps that work", Instant.now().minus(Duration.ofHours(1)));
        given.readers("logged", 2);

        HttpResponse<String> response = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}",
                "Authorization", "Bearer " + ADMIN_TOKEN, "X-Request-Id", "lb-7f3a.42");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("lb-7f3a.42");
        assertThat(events.list).filteredOn(event -> event.getFormattedMessage().contains("queued for 2 readers"))
                .singleElement()
                .satisfies(event -> assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "lb-7f3a.42"));
    }

    @Test
    void each_request_gets_its_own_id_and_a_header_unfit_for_a_log_line_is_replaced() {
        String first = http.get("/health").headers().firstValue("X-Request-Id").orElseThrow();
        String second = http.get("/health").headers().firstValue("X-Request-Id").orElseThrow();
        String replaced = http.get("/health", "X-Request-Id", "x\" injected=\"1 " + "y".repeat(80))
                .headers().firstValue("X-Request-Id").orElseThrow();

        assertThat(first).matches("[0-9a-f]{16}").isNotEqualTo(second);
        assertThat(replaced).matches("[0-9a-f]{16}");
    }

    @Test
    void log_format_json_writes_one_object_per_line_with_the_request_id() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.putProperty("LOG_FORMAT", "json");
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        setup.configure(context);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("text")).as("only the chosen format writes").isNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((OutputStreamAppender<ILoggingEvent>) root.getAppender("json")).setOutputStream(out);

        MDC.put("requestId", "abc123");
        try {
            context.getLogger("io.tidings.Example").info("Edition {} queued", 7);
        } finally {
            MDC.remove("requestId");
        }

        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        Map<String, Object> line = Json.object(lines[0]);
        assertThat(line).containsEntry("level", "INFO").containsEntry("loggerName", "io.tidings.Example")
                .containsEntry("formattedMessage", "Edition 7 queued");
        assertThat(Json.object(line, "mdc")).containsEntry("requestId", "abc123");
        context.stop();
    }

    private static ListAppender<ILoggingEvent> capture(String loggerName) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(loggerName)).addAppender(appender);
        return appender;
    }
}
