package dev.mentor.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings outside the code that change a measurement: OpenMP and glibc-allocator environment
 * variables (the peer subprocess inherits them), PyTorch system properties and the JVM's flags.
 * Printed with every measurement so a number can be reproduced.
 */
public final class Environment {
    private static final List<String> VARIABLE_PREFIXES = List.of("OMP_", "GOMP_", "KMP_", "MALLOC_", "LD_PRELOAD");

    private Environment() {}

    /** Relevant environment variables, sorted, or {@code none}. */
    public static String variables() {
        return describe(System.getenv());
    }

    static String describe(Map<String, String> environment) {
        Map<String, String> relevant = new TreeMap<>();
        environment.forEach((k, v) -> {
            if (VARIABLE_PREFIXES.stream().anyMatch(k::startsWith)) {
                relevant.put(k, v);
            }
        });
        List<String> parts = new ArrayList<>();
        relevant.forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? "none" : String.join(" ", parts);
    }

    /** The JVM's command-line flags (heap, JIT, {@code -D} properties). */
    public static String jvmFlags() {
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return flags.isEmpty() ? "none" : String.join(" ", flags);
    }
}
