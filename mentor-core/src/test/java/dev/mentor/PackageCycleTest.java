package dev.mentor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The core's packages form layers: no package depends, directly or through others, on one that depends
 * on it. Read from the compiled classes by the JDK's {@code jdeps} (the same picture as
 * {@code jdeps -verbose:package -filter:none mentor-core/target/classes}); a cycle fails with its
 * packages and the edges between them.
 */
class PackageCycleTest {
    @Test
    void corePackagesHaveNoCycle() {
        Path classes = Path.of("target", "classes");
        assertTrue(Files.isDirectory(classes.resolve("dev/mentor")), "run from mentor-core after compiling: " + classes.toAbsolutePath());
        Map<String, Set<String>> graph = dependencies(classes);
        assertTrue(graph.size() > 10, "jdeps found the packages: " + graph.keySet());
        List<Set<String>> cycles = stronglyConnected(graph).stream().filter(c -> c.size() > 1).toList();
        StringBuilder edges = new StringBuilder();
        for (Set<String> cycle : cycles) {
            for (String from : cycle) {
                for (String to : graph.getOrDefault(from, Set.of())) {
                    if (cycle.contains(to)) {
                        edges.append("\n  ").append(from).append(" -> ").append(to);
                    }
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles; their edges:" + edges);
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of());
        assertEquals(List.of(Set.of("d"), Set.of("a", "b", "c")), stronglyConnected(graph));
    }

    /** Package → the other {@code dev.mentor} packages its classes use. */
    static Map<String, Set<String>> dependencies(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("the JDK has no jdeps"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none", classes.toString());
        assertEquals(0, code, err.toString());
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && words[0].startsWith("dev.mentor") && words[2].startsWith("dev.mentor")) {
                graph.computeIfAbsent(words[0], k -> new TreeSet<>());
                if (!words[0].equals(words[2])) {
                    graph.get(words[0]).add(words[2]);
                }
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components, each a set of packages, in the order they complete. */
    static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> components = new ArrayList<>();
        for (String v : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(v)) {
                visit(v, graph, index, low, stack, components);
            }
        }
        return components;
    }

    private static void visit(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
            Deque<String> stack, List<Set<String>> components) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : new TreeSet<>(graph.getOrDefault(v, Set.of()))) {
            if (!index.containsKey(w)) {
                visit(w, graph, index, low, stack, components);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            components.add(component);
        }
    }
}
