package dev.cutover.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogCaptureTest {

    private static final Logger log = LoggerFactory.getLogger("dev.cutover.somewhere");

    @RegisterExtension final LogCapture logs = new LogCapture();

    @Test
    void holdsWhatAnyThreadLogs() throws Exception {
        Thread worker = new Thread(() -> log.info("from the job executor"), "job-executor-1");
        worker.start();
        worker.join();

        assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                .contains("INFO").contains("[job-executor-1]").contains("dev.cutover.somewhere")
                .contains("from the job executor"));
    }

    @Test
    void findsASecretInTheCauseOfALoggedExceptionWithoutShowingIt() {
        log.warn("a step failed", new IllegalStateException("outer",
                new IllegalArgumentException("inner with s3cr3t-Value")));
        log.info("nothing to see");

        assertThat(logs.linesContaining(List.of("other-secret", "s3cr3t-Value"))).singleElement().asString()
                .contains("a step failed").contains("Caused by: java.lang.IllegalArgumentException")
                .contains("inner with «secret 2»").doesNotContain("s3cr3t-Value");
    }

    @Test
    void refusesToLookForNothing() {
        assertThatThrownBy(() -> logs.linesContaining(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> logs.linesContaining(List.of(""))).isInstanceOf(IllegalArgumentException.class);
    }
}
