package io.vaeexplorer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the code base, checked on the source of src/main/java: a plain scan of every file's import
 * lines and of the fully qualified names in its code (comments and string literals left out). Plain JUnit on
 * purpose: no ArchUnit, no dependency beyond the test suite's own. Each rule names every offending file with the
 * line that breaks it.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final String ROOT = "io.vaeexplorer";

    /** A name from ai.djl, javafx or this project, as an import or written out in code. */
    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("(?<![\\w$.])(?:ai\\.djl|javafx|io\\.vaeexplorer)(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)+");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private static List<SourceFile> sources;

    /** A rule: in the files it covers, no reference may be forbidden. */
    private record Rule(String text, Predicate<SourceFile> files, Predicate<Reference> forbidden) {
    }

    private static final Rule DJL = new Rule("only io.vaeexplorer.engine and its sub-packages may use ai.djl",
            f -> !f.topLevel().equals("engine"), r -> r.name().startsWith("ai.djl."));
    private static final Rule JAVAFX = new Rule("only ui may use javafx", f -> !f.inUi(),
            r -> r.name().startsWith("javafx."));
    private static final Rule CORE = new Rule("core may use no other io.vaeexplorer package", in("core"),
            outside(Set.of("core")));
    private static final Rule EXPLORE = new Rule("explore may use only core", in("explore"),
            outside(Set.of("core", "explore")));
    /** Writing a picture to disk goes through the one atomic-write helper, which depends on nothing but the JDK. */
    private static final Rule RENDER = new Rule("render may use only core, explore and store.AtomicFiles",
            in("render"), outside(Set.of("core", "render", "explore"))
                    .and(r -> !r.name().equals(ROOT + ".store.AtomicFiles")));
    /**
     * A feature computes through explore's model interfaces and the inference workers, so its view-models run in a
     * test with a model of plain Java; only the app that wires the window picks the engine.
     */
    private static final Rule FEATURES_ENGINE = new Rule("a feature package under ui may not use engine",
            f -> f.inUi() && !f.uiFeature().isEmpty(), r -> r.topLevel().equals("engine"));
    private static final Rule VIEWS = new Rule("a *View under ui may not use engine, store, "
            + "concurrent.InferenceWorker or training.TrainingService",
            f -> f.inUi() && f.fileName().endsWith("View.java"),
            r -> r.topLevel().equals("engine") || r.topLevel().equals("store")
                    || isOrIsInside(r.name(), ROOT + ".concurrent.InferenceWorker")
                    || isOrIsInside(r.name(), ROOT + ".training.TrainingService"));
    /** The app (ui's own package) builds and wires the features; a feature that used it would hold its hub. */
    private static final Rule FEATURES = new Rule("a feature package under ui may not use ui's own package",
            f -> f.inUi() && !f.uiFeature().isEmpty(),
            r -> topLevel(r.name()).equals("ui") && uiFeature(r.name()).isEmpty());

    /** One line of a file that names another package's type. */
    private record Reference(Path file, int line, String name, String text) {

        /** The top-level package named, e.g. "engine" for io.vaeexplorer.engine.step.X; "" for the root package. */
        String topLevel() {
            return ArchitectureTest.topLevel(name);
        }

        @Override
        public String toString() {
            return file + ":" + line + ": " + text;
        }
    }

    private record SourceFile(Path relative, String packageName, List<Reference> references) {

        String topLevel() {
            return ArchitectureTest.topLevel(packageName);
        }

        String fileName() {
            return relative.getFileName().toString();
        }

        boolean inUi() {
            return topLevel().equals("ui");
        }

        /** The feature package under ui ("plane" for io.vaeexplorer.ui.plane.X), "" for ui itself. */
        String uiFeature() {
            return ArchitectureTest.uiFeature(packageName);
        }
    }

    @BeforeAll
    static void scan() throws IOException {
        assertTrue(Files.isDirectory(MAIN), MAIN.toAbsolutePath() + " is missing: run the tests from the project root");
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().map(ArchitectureTest::read).toList();
        }
        assertTrue(sources.size() > 50, "only " + sources.size() + " source files found under " + MAIN);
    }

    @Test
    void onlyEngineUsesDjl() {
        assertTrue(sources.stream().filter(in("engine")).flatMap(f -> f.references().stream())
                .anyMatch(r -> r.name().startsWith("ai.djl.")), "the scan finds no DJL use even in engine");
        assertKept(DJL);
    }

    @Test
    void onlyUiUsesJavaFx() {
        assertKept(JAVAFX);
    }

    @Test
    void coreDependsOnNoOtherPackage() {
        assertKept(CORE);
    }

    @Test
    void exploreDependsOnlyOnCore() {
        assertKept(EXPLORE);
    }

    @Test
    void renderDependsOnlyOnCoreAndExplore() {
        assertKept(RENDER);
    }

    @Test
    void viewsDoNotReachTheEngineOrStorage() {
        assertKept(VIEWS);
    }

    @Test
    void noCycleBetweenTopLevelPackages() {
        Map<String, Map<String, List<Reference>>> graph = packageGraph(f -> true, ArchitectureTest::topLevel,
                ArchitectureTest::isProject);
        List<String> cycles = describeCycles(graph);
        assertTrue(cycles.isEmpty(), "top-level packages depend on each other in a cycle:\n  "
                + String.join("\n  ", cycles));
    }

    private static List<String> describeCycles(Map<String, Map<String, List<Reference>>> graph) {
        List<String> cycles = new ArrayList<>();
        for (Set<String> component : stronglyConnected(graph)) {
            if (component.size() < 2) {
                continue;
            }
            List<String> cycle = cycleThrough(graph, component);
            StringBuilder sb = new StringBuilder("cycle ").append(cycle.stream().map(p -> p.isEmpty() ? ROOT : p)
                    .collect(Collectors.joining(" -> "))).append(", through:");
            for (int i = 0; i + 1 < cycle.size(); i++) {
                graph.get(cycle.get(i)).get(cycle.get(i + 1)).forEach(r -> sb.append("\n    ").append(r));
            }
            cycles.add(sb.toString());
        }
        return cycles;
    }

    @Test
    void uiFeaturesComputeWithoutTheEngine() {
        assertKept(FEATURES_ENGINE);
    }

    @Test
    void uiFeaturesDoNotReachBackIntoTheApp() {
        assertKept(FEATURES);
    }

    @Test
    void noCycleBetweenUiFeatures() {
        Map<String, Map<String, List<Reference>>> graph = packageGraph(SourceFile::inUi, ArchitectureTest::uiFeature,
                r -> topLevel(r.name()).equals("ui"));
        List<String> cycles = describeCycles(graph);
        assertTrue(cycles.isEmpty(), "feature packages under ui depend on each other in a cycle:\n  "
                + String.join("\n  ", cycles));
    }

    private static void assertKept(Rule rule) {
        List<Reference> offenders = sources.stream().filter(rule.files())
                .flatMap(f -> f.references().stream()).filter(rule.forbidden()).toList();
        assertTrue(offenders.isEmpty(), rule.text() + "; " + offenders.size() + " offending line(s):\n  "
                + offenders.stream().map(Reference::toString).collect(Collectors.joining("\n  ")));
    }

    private static boolean isProject(Reference r) {
        return r.name().startsWith(ROOT + ".");
    }

    /** A reference to a project package outside {@code allowed}. */
    private static Predicate<Reference> outside(Set<String> allowed) {
        return r -> isProject(r) && !allowed.contains(r.topLevel());
    }

    private static Predicate<SourceFile> in(String topLevel) {
        return f -> f.topLevel().equals(topLevel);
    }

    /**
     * from -> to -> the references that make the edge, between the nodes ({@code node} of a package name) of the
     * files taken and the references counted.
     */
    private static Map<String, Map<String, List<Reference>>> packageGraph(Predicate<SourceFile> taken,
            Function<String, String> node, Predicate<Reference> counted) {
        Map<String, Map<String, List<Reference>>> graph = new TreeMap<>();
        for (SourceFile f : sources) {
            if (!taken.test(f)) {
                continue;
            }
            String from = node.apply(f.packageName());
            graph.computeIfAbsent(from, k -> new TreeMap<>());
            for (Reference r : f.references()) {
                String to = node.apply(r.name());
                if (counted.test(r) && !to.equals(from)) {
                    graph.get(from).computeIfAbsent(to, k -> new ArrayList<>()).add(r);
                    graph.computeIfAbsent(to, k -> new TreeMap<>());
                }
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components. */
    private static List<Set<String>> stronglyConnected(Map<String, Map<String, List<Reference>>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new LinkedHashSet<>();
        List<Set<String>> components = new ArrayList<>();
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, components);
            }
        }
        return components;
    }

    private static void connect(String node, Map<String, Map<String, List<Reference>>> graph,
            Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
            List<Set<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : graph.get(node).keySet()) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }

    /** The shortest cycle inside a component from its first package, e.g. [render, ui, render]. */
    private static List<String> cycleThrough(Map<String, Map<String, List<Reference>>> graph, Set<String> component) {
        String start = component.iterator().next();
        Map<String, String> previous = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String node = queue.poll();
            for (String next : graph.get(node).keySet()) {
                if (!component.contains(next)) {
                    continue;
                }
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String at = node; !at.equals(start); at = previous.get(at)) {
                        path.add(1, at);
                    }
                    path.add(start);
                    return path;
                }
                if (!previous.containsKey(next)) {
                    previous.put(next, node);
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException("no cycle in component " + component);
    }

    private static boolean isOrIsInside(String name, String type) {
        return name.equals(type) || name.startsWith(type + ".");
    }

    /** The top-level package of a name under io.vaeexplorer: "ui" for io.vaeexplorer.ui.x.Y, "" for the root's. */
    /** The feature under ui that a package or type name lies in: "plane" for io.vaeexplorer.ui.plane.X, else "". */
    private static String uiFeature(String name) {
        String ui = ROOT + ".ui.";
        if (!name.startsWith(ui)) {
            return "";
        }
        String first = name.substring(ui.length()).split("\\.", 2)[0];
        return Character.isLowerCase(first.charAt(0)) ? first : "";
    }

    private static String topLevel(String name) {
        if (!name.startsWith(ROOT + ".")) {
            return name.equals(ROOT) ? "" : name;
        }
        String first = name.substring(ROOT.length() + 1).split("\\.", 2)[0];
        return Character.isLowerCase(first.charAt(0)) ? first : "";
    }

    private static SourceFile read(Path path) {
        String source;
        try {
            source = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String code = withoutCommentsAndLiterals(source);
        Matcher declared = PACKAGE.matcher(code);
        boolean hasPackage = declared.find();
        String packageName = hasPackage ? declared.group(1) : "";
        int declarationEnd = hasPackage ? declared.end() : 0;
        String[] lines = source.split("\n", -1);
        Path relative = MAIN.relativize(path);
        List<Reference> references = new ArrayList<>();
        Matcher m = QUALIFIED_NAME.matcher(code);
        int line = 1;
        int scanned = 0;
        while (m.find()) {
            for (; scanned < m.start(); scanned++) {
                if (code.charAt(scanned) == '\n') {
                    line++;
                }
            }
            if (m.start() >= declarationEnd) {
                references.add(new Reference(relative, line, m.group().replaceAll("\\s", ""), lines[line - 1].strip()));
            }
        }
        return new SourceFile(relative, packageName, List.copyOf(references));
    }

    /**
     * The source with comments, string, text-block and character literals blanked out (line breaks kept, so line
     * numbers stay), leaving only names that the compiler resolves.
     */
    private static String withoutCommentsAndLiterals(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                blank(source, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                blank(source, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String source, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            out.append(source.charAt(i) == '\n' ? '\n' : ' ');
        }
    }
}
