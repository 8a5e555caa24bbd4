package dev.cutover.plan;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the migration plan from its own file ({@code cutover.plan}, by default
 * {@code plans/clearmyrecord.yaml}) into the environment as {@code cutover.plan.*}, below every
 * other source: a profile's file ({@code application-rehearsal.yaml}), the environment and the
 * command line still override single keys. The file is checked before anything is wired: YAML
 * that does not parse, a key {@link MigrationPlan} does not know, or a {@code confirm:} entry that
 * names no key stop the start with the file, the line and what is wrong. The values themselves are
 * validated when {@link MigrationPlan} is bound ({@link PlanFailureAnalyzer}).
 */
public class PlanFile implements EnvironmentPostProcessor, Ordered {

    /** The property naming the plan's file. */
    public static final String PATH_PROPERTY = "cutover.plan";
    public static final String DEFAULT_PATH = "plans/clearmyrecord.yaml";
    /** The plan's list of keys whose values are still to be confirmed against the real accounts. */
    public static final String CONFIRM_KEY = "confirm";

    private static final String PREFIX = "cutover.plan.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String path = environment.getProperty(PATH_PROPERTY, DEFAULT_PATH);
        MutablePropertySources sources = environment.getPropertySources();
        OriginTrackedMapPropertySource plan = read(Path.of(path));
        if (sources.contains("defaultProperties")) {
            sources.addBefore("defaultProperties", plan);
        } else {
            sources.addLast(plan);
        }
    }

    /** After the application's own files are loaded: {@code cutover.plan} may be set in any of them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    /** The plan in {@code file} as {@code cutover.plan.*} properties, each with its line in the file. */
    static OriginTrackedMapPropertySource read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PlanFileException(file, List.of("the file does not exist (looked for "
                    + file.toAbsolutePath().normalize() + "). Set cutover.plan (CUTOVER_PLAN) to the plan's path,"
                    + " e.g. plans/clearmyrecord.yaml, relative to the directory Cutover starts in."));
        }
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new PlanFileException(file, List.of(at(mark) + "not valid YAML: " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext() + ")")));
        } catch (IOException e) {
            throw new PlanFileException(file, List.of("cannot be read: " + e.getMessage()));
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new PlanFileException(file, List.of((root == null ? "" : at(root.getStartMark()))
                    + "the plan must be a mapping of keys (name, domains, dns, …), as in plans/clearmyrecord.yaml"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        FileSystemResource resource = new FileSystemResource(file);
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (CONFIRM_KEY.equals(key)) {
                checkConfirmations(tuple.getValueNode(), problems);
                flatten(PREFIX + key, tuple.getValueNode(), resource, properties);
                continue;
            }
            RecordComponent component = component(MigrationPlan.class, key);
            if (component == null) {
                problems.add(at(tuple.getKeyNode().getStartMark()) + "unknown key '" + key + "'; a plan has "
                        + String.join(", ", knownKeys(MigrationPlan.class)) + ", " + CONFIRM_KEY);
                continue;
            }
            checkKeys(key, component.getGenericType(), tuple.getValueNode(), problems);
            flatten(PREFIX + key, tuple.getValueNode(), resource, properties);
        }
        if (!problems.isEmpty()) {
            throw new PlanFileException(file, problems);
        }
        return new OriginTrackedMapPropertySource("cutover plan [" + file + "]", properties, true);
    }

    /** Every key under {@code path} must be a field of {@code type} (records), any key of a map. */
    private static void checkKeys(String path, Type type, Node node, List<String> problems) {
        Class<?> raw = raw(type);
        if (raw.isRecord() && node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = scalar(tuple.getKeyNode());
                RecordComponent component = component(raw, key);
                if (component == null) {
                    problems.add(at(tuple.getKeyNode().getStartMark()) + "unknown key '" + path + "." + key
                            + "'; " + path + " has " + String.join(", ", knownKeys(raw)));
                } else {
                    checkKeys(path + "." + key, component.getGenericType(), tuple.getValueNode(), problems);
                }
            }
        } else if (Collection.class.isAssignableFrom(raw) && node instanceof SequenceNode sequence
                && type instanceof ParameterizedType generic) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                checkKeys(path + "[" + i + "]", generic.getActualTypeArguments()[0], items.get(i), problems);
            }
        }
    }

    private static void checkConfirmations(Node node, List<String> problems) {
        if (node instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
            return;
        }
        if (!(node instanceof SequenceNode sequence)) {
            problems.add(at(node.getStartMark()) + "confirm must be a list of the plan's keys, e.g. - rds.instance-id");
            return;
        }
        for (Node item : sequence.getValue()) {
            String key = item instanceof ScalarNode scalar ? scalar.getValue() : "";
            if (!names(MigrationPlan.class, key)) {
                problems.add(at(item.getStartMark()) + "confirm names '" + key + "', which is no key of the plan"
                        + " (write it as in the file, e.g. rds.instance-id)");
            }
        }
    }

    /** Whether the dotted {@code key} (kebab-case, as in the file) names a field of the plan. */
    static boolean names(Class<?> type, String key) {
        Type current = type;
        for (String segment : key.split("\\.", -1)) {
            String name = segment.replaceAll("\\[\\d+]$", "");
            Class<?> raw = raw(current);
            RecordComponent component = raw.isRecord() ? component(raw, name) : null;
            if (component == null) {
                return false;
            }
            current = component.getGenericType();
            if (!name.equals(segment) && current instanceof ParameterizedType generic
                    && Collection.class.isAssignableFrom(raw(current))) {
                current = generic.getActualTypeArguments()[0];
            }
        }
        return true;
    }

    private static void flatten(String name, Node node, FileSystemResource resource, Map<String, Object> properties) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                flatten(name + "." + scalar(tuple.getKeyNode()), tuple.getValueNode(), resource, properties);
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            if (items.isEmpty()) {
                properties.put(name, OriginTrackedValue.of("", origin(resource, node)));
            }
            for (int i = 0; i < items.size(); i++) {
                flatten(name + "[" + i + "]", items.get(i), resource, properties);
            }
        } else if (node instanceof ScalarNode scalar) {
            String value = "null".equals(scalar.getTag().getValue().replace("tag:yaml.org,2002:", ""))
                    ? "" : scalar.getValue();
            properties.put(name, OriginTrackedValue.of(value, origin(resource, node)));
        }
    }

    private static TextResourceOrigin origin(FileSystemResource resource, Node node) {
        Mark mark = node.getStartMark();
        return new TextResourceOrigin(resource, new TextResourceOrigin.Location(mark.getLine(), mark.getColumn()));
    }

    private static RecordComponent component(Class<?> record, String key) {
        // relaxed as Spring binds: instance-id, instanceId and instance_id are one key
        String relaxed = key.replace("-", "").replace("_", "").toLowerCase();
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getName().toLowerCase().equals(relaxed)) {
                return component;
            }
        }
        return null;
    }

    private static List<String> knownKeys(Class<?> record) {
        return java.util.Arrays.stream(record.getRecordComponents())
                .map(component -> kebab(component.getName()))
                .collect(Collectors.toList());
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType generic) {
            return (Class<?>) generic.getRawType();
        }
        return Object.class;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(node);
    }

    private static String at(Mark mark) {
        return mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
    }

    static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
