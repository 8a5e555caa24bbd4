package dev.cutover.report;

import dev.cutover.report.RunReport.StepLine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run on the clock, as an inline SVG the report draws server-side: one bar per step from its
 * start to its end (to now while it runs), one colour per phase, a time axis and a legend. Only
 * numbers and names are computed here; the page escapes every text.
 */
public record Timeline(int width, int height, int plotLeft, int plotWidth, int axisY, List<Bar> bars,
        List<Tick> ticks, List<Swatch> legend) {

    static final int LABEL_WIDTH = 300;
    static final int PLOT_WIDTH = 760;
    static final int ROW = 14;
    static final int BAR = 10;
    static final int TOP = 34;

    private static final Duration[] STEPS_OF_AXIS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7)};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** A step's bar; {@code label} is the row's text, {@code title} the tooltip. */
    public record Bar(String id, double x, int y, double width, int labelY, String colour, String label,
            String title, String outcome) {}

    public record Tick(double x, String label) {}

    public record Swatch(String phase, String colour, int x) {}

    static Timeline of(List<StepLine> steps, Instant from, Instant now) {
        List<StepLine> drawn = steps.stream().filter(step -> step.startedAt() != null).toList();
        Instant start = from != null ? from : drawn.isEmpty() ? now : drawn.get(0).startedAt();
        Instant end = start;
        for (StepLine step : drawn) {
            Instant stepEnd = step.endedAt() == null ? now : step.endedAt();
            end = stepEnd.isAfter(end) ? stepEnd : end;
        }
        long spanMillis = Math.max(1000, Duration.between(start, end).toMillis());
        double perMilli = (double) PLOT_WIDTH / spanMillis;

        Map<String, String> colours = new LinkedHashMap<>();
        List<Bar> bars = new ArrayList<>();
        int row = 0;
        for (StepLine step : drawn) {
            String colour = colours.computeIfAbsent(String.valueOf(step.phase()), Timeline::colourOf);
            Instant stepEnd = step.endedAt() == null ? now : step.endedAt();
            double x = LABEL_WIDTH + Duration.between(start, step.startedAt()).toMillis() * perMilli;
            double width = Math.max(2, Duration.between(step.startedAt(), stepEnd).toMillis() * perMilli);
            int y = TOP + row * ROW;
            String label = step.phase() + " · " + step.name();
            bars.add(new Bar("bar-" + row, round(x), y, round(width), y + BAR - 1, colour,
                    label.length() > 46 ? label.substring(0, 45) + "…" : label,
                    step.name() + " (" + step.phase() + "): " + step.outcome() + ", "
                            + TIME.format(step.startedAt()) + " to "
                            + (step.endedAt() == null ? "now" : TIME.format(step.endedAt())) + " UTC",
                    step.outcome()));
            row++;
        }
        int axisY = TOP + row * ROW + 4;
        List<Tick> ticks = new ArrayList<>();
        Duration every = axisStep(spanMillis);
        boolean days = spanMillis > Duration.ofDays(1).toMillis();
        for (long at = 0; at <= spanMillis; at += every.toMillis()) {
            Instant tick = start.plusMillis(at);
            ticks.add(new Tick(round(LABEL_WIDTH + at * perMilli), (days ? DAY_TIME : TIME).format(tick)));
        }
        List<Swatch> legend = new ArrayList<>();
        int x = LABEL_WIDTH;
        for (Map.Entry<String, String> phase : colours.entrySet()) {
            legend.add(new Swatch(phase.getKey(), phase.getValue(), x));
            x += 24 + phase.getKey().length() * 7;
        }
        return new Timeline(LABEL_WIDTH + PLOT_WIDTH + 20, axisY + 24, LABEL_WIDTH, PLOT_WIDTH, axisY, bars, ticks,
                legend);
    }

    /** The axis step that gives at most ten ticks. */
    private static Duration axisStep(long spanMillis) {
        for (Duration step : STEPS_OF_AXIS) {
            if (spanMillis / step.toMillis() <= 10) {
                return step;
            }
        }
        return Duration.ofMillis(spanMillis / 10 + 1);
    }

    /** One colour per kind of phase, the same in every report. */
    static String colourOf(String phase) {
        if (phase.startsWith("rollback")) {
            return "#c0392b";
        }
        return switch (phase) {
            case "before-day-0" -> "#7f8c8d";
            case "day-0" -> "#2e86c1";
            case "day-1" -> "#27ae60";
            case "day-2" -> "#e67e22";
            case "cutover" -> "#8e44ad";
            default -> "#16a085";
        };
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
