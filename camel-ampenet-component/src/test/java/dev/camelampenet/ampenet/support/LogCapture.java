package dev.camelampenet.ampenet.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every log line (with its stack trace) written while it is open, whatever the logger: attached to the root
 * logger, so it sees all that the levels in log4j2.properties let through (DEBUG for Camel and the component).
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {
        super("capture", null, PatternLayout.newBuilder().withPattern("%level %c - %msg%n%throwable").build(), true,
                Property.EMPTY_ARRAY);
    }

    public static LogCapture open() {
        LogCapture capture = new LogCapture();
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        context.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(getLayout().toSerializable(event).toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("", lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
