package dev.camelampenet.phonebook.csvimport;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The log lines written while it is open, as a log file would show each message (one event, one entry). */
final class CapturedLog implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final LoggerContext context = LoggerContext.getContext(false);
    private final AbstractAppender appender;

    CapturedLog() {
        appender = new AbstractAppender("captured-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                messages.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        context.getConfiguration().getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    /** The messages of the project's own loggers (the import's), not Camel's. */
    List<String> importMessages() {
        return messages.stream().filter(m -> m.startsWith("dev.camelampenet.phonebook")).collect(Collectors.toList());
    }

    long count(String fragment) {
        return messages.stream().filter(m -> m.contains(fragment)).count();
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
