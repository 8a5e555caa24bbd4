package dev.cutover.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** How the pages write times and durations ({@code ${@reportFormat.time(…)}} in the templates): UTC, to the second. */
@Component("reportFormat")
public class ReportFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public String duration(long seconds) {
        Duration duration = Duration.ofSeconds(seconds);
        if (duration.toHours() > 0) {
            return String.format("%d h %02d min %02d s", duration.toHours(), duration.toMinutesPart(),
                    duration.toSecondsPart());
        }
        if (duration.toMinutes() > 0) {
            return String.format("%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
        }
        return seconds + " s";
    }

    public String between(Instant from, Instant to) {
        return from == null || to == null ? "" : duration(Duration.between(from, to).toSeconds());
    }

    public String tasklist(String taskId) {
        return "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    public String cockpit(String processInstanceId) {
        return "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime";
    }
}
