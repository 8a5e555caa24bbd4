package dev.cutover.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * What the application logs while a test runs, from every thread (the test's, the job executor's,
 * the web server's): one line per event, its level, thread, logger and formatted message, its MDC
 * and key-value pairs, and its throwable's full text with every cause. A test class registers it
 * with {@code @RegisterExtension final LogCapture logs = new LogCapture();}; it listens on the root
 * logger from before each test until after it, so it holds what any logger passes on at its level.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final Appender appender = new Appender();

    @Override
    public void beforeEach(ExtensionContext context) {
        lines.clear();
        appender.setContext(loggerContext());
        appender.start();
        root().addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root().detachAppender(appender);
        appender.stop();
    }

    /** Every line logged so far in this test. */
    public List<String> lines() {
        if (!root().isAttached(appender)) {
            // Spring Boot reconfigures Logback when a test starts an application context of its own
            throw new IllegalStateException("Logback was reconfigured while the test ran: lines may be missing"
                    + " (is the LogCapture registered with @RegisterExtension, and no context started in the test?)");
        }
        return List.copyOf(lines);
    }

    /**
     * The lines holding any of the secrets, each secret in them shown as {@code «secret N»} (its
     * place in the list, from 1), so that a failing assertion does not print it.
     */
    public List<String> linesContaining(List<String> secrets) {
        if (secrets.isEmpty() || secrets.stream().anyMatch(secret -> secret == null || secret.isBlank())) {
            throw new IllegalArgumentException("a log scan needs secrets to look for, none of them empty");
        }
        List<String> found = new ArrayList<>();
        for (String line : lines()) {
            String shown = line;
            for (int i = 0; i < secrets.size(); i++) {
                shown = shown.replace(secrets.get(i), "«secret " + (i + 1) + "»");
            }
            if (!shown.equals(line)) {
                found.add(shown);
            }
        }
        return found;
    }

    private static LoggerContext loggerContext() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    private static Logger root() {
        return loggerContext().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private final class Appender extends UnsynchronizedAppenderBase<ILoggingEvent> {

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder()
                    .append(event.getLevel()).append(" [").append(event.getThreadName()).append("] ")
                    .append(event.getLoggerName()).append(": ").append(event.getFormattedMessage());
            if (!event.getMDCPropertyMap().isEmpty()) {
                line.append(" MDC").append(event.getMDCPropertyMap());
            }
            if (event.getKeyValuePairs() != null && !event.getKeyValuePairs().isEmpty()) {
                line.append(" ").append(event.getKeyValuePairs());
            }
            if (event.getThrowableProxy() != null) {
                line.append(System.lineSeparator()).append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            lines.add(line.toString());
        }
    }
}
