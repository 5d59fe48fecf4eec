package io.tidings.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration, in code (found by logback through {@code META-INF/services}): reading a
 * logback.xml took 0.2 s of a 3 s start. Lines go to standard output, as text for people or, with
 * {@code LOG_FORMAT=json}, one JSON object per line for a log collector. {@code LOG_LEVEL} sets the
 * level of everything, {@code TIDINGS_LOG_LEVEL} that of the service's own loggers. An operator's
 * own file, named by {@code -Dlogback.configurationFile}, replaces all of this.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    private static final String TEXT = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30}%replace( [%X{requestId}]){' \\[\\]', ''} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String format = setting(context, "LOG_FORMAT", "text");
        if (!format.equals("text") && !format.equals("json")) {
            addError("LOG_FORMAT must be text or json, not " + format + "; writing text");
            format = "text";
        }
        Encoder<ILoggingEvent> encoder = format.equals("json") ? json() : text();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(format);
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(setting(context, "LOG_LEVEL", "INFO"), Level.INFO));
        root.addAppender(console);
        context.getLogger("io.tidings").setLevel(Level.toLevel(setting(context, "TIDINGS_LOG_LEVEL", "INFO"), Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Encoder<ILoggingEvent> text() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern(TEXT);
        return encoder;
    }

    private static Encoder<ILoggingEvent> json() {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        return encoder;
    }

    /** As logback.xml's {@code ${NAME:-default}} would read it: the context, then system properties, then the environment. */
    private static String setting(LoggerContext context, String name, String fallback) {
        String value = context.getProperty(name);
        if (value == null) {
            value = System.getProperty(name, System.getenv(name));
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
