package io.tidings.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Http;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords and API keys, right or wrong, appear in no log line, whatever logs it, down to DEBUG. */
@MicronautTest(transactional = false)
class SecretsInLogsTest extends ServiceTest {

    @Test
    void no_password_or_key_is_logged_by_sign_ins_key_creation_or_use() {
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(events);
        // At DEBUG, what the framework says about each request and its authentication is read too.
        Logger service = (Logger) LoggerFactory.getLogger("io.tidings");
        Level level = root.getLevel();
        Level serviceLevel = service.getLevel();
        root.setLevel(Level.DEBUG);
        service.setLevel(Level.DEBUG);
        List<String> secrets = new ArrayList<>(List.of(ADMIN_PASSWORD, ADMIN_TOKEN, "wrong-password-93817", "wrong-key-5526107"));
        try {
            Http browser = new Http(server.getURI());
            browser.postForm("/admin/sign-in", Map.of("email", ADMIN_EMAIL, "password", "wrong-password-93817"));
            browser.postForm("/admin/sign-in", ownerSignIn());
            String key = (String) Json.object(http.postJson("/admin/api-keys",
                    "{\"name\":\"Logged script\",\"scopes\":[\"stats:read\"]}", asAdmin()).body()).get("key");
            secrets.add(key);
            assertThat(http.get("/admin/stats", "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);
            assertThat(http.get("/admin/stats", "Authorization", "Bearer wrong-key-5526107").statusCode()).isEqualTo(401);
            assertThat(http.get("/admin/subscribers", "Authorization", "Bearer " + key).statusCode()).isEqualTo(403);
        } finally {
            root.setLevel(level);
            service.setLevel(serviceLevel);
            root.detachAppender(events);
        }

        assertThat(events.list).as("the requests were logged at DEBUG").isNotEmpty();
        for (ILoggingEvent event : events.list) {
            String logged = event.getFormattedMessage() + " " + event.getMDCPropertyMap() + " " + throwable(event.getThrowableProxy());
            for (String secret : secrets) {
                assertThat(logged).as("a log line of %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
    }

    private static String throwable(IThrowableProxy proxy) {
        return proxy == null ? "" : proxy.getClassName() + ": " + proxy.getMessage() + " " + throwable(proxy.getCause());
    }
}
