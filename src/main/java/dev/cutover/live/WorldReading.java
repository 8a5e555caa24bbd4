package dev.cutover.live;

import java.util.List;

/**
 * The simulated world as a person reads it on the live page: one section per system, each a few
 * small tables of text. Never a secret: config vars by name, URLs through {@code Redaction}.
 */
public record WorldReading(List<Section> sections, List<String> systems) {

    public record Section(String id, String title, List<Table> tables) {}

    public record Table(String caption, List<String> headers, List<List<String>> rows) {}
}
