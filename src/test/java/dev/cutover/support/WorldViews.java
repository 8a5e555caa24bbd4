package dev.cutover.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import java.util.List;

/** The simulated world as the world page shows it, one system at a time: what a test asserts on. */
public class WorldViews {

    private final WorldStore world;
    private final List<WorldPart> parts;

    WorldViews(WorldStore world, List<WorldPart> parts) {
        this.world = world;
        this.parts = parts;
    }

    public JsonNode view(String system) {
        return world.toTree(parts.stream().filter(part -> part.system().equals(system)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no simulated system '" + system + "'")).view());
    }
}
