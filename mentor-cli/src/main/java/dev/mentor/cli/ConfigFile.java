package dev.mentor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mentor.MentorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config run.yaml}: a YAML (or JSON) map from option names (without dashes, e.g.
 * {@code epochs: 10}, {@code batch-size: 64}) to values. They become the options' defaults, so flags on
 * the command line override them. Unknown keys are errors, so a typo never silently does nothing.
 */
final class ConfigFile implements IDefaultValueProvider {
    private static final long MAX_BYTES = 1 << 20;
    private final Path file;
    private final Map<String, String> values;
    private final java.util.Set<String> used = new java.util.HashSet<>();

    private ConfigFile(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** Finds {@code --config FILE} (or {@code --config=FILE}) among the arguments; null when absent. */
    static ConfigFile fromArguments(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return load(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return load(Path.of(args[i].substring("--config=".length())));
            }
        }
        return null;
    }

    static ConfigFile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MentorException("--config: " + file + " does not exist");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                // the YAML parser takes minutes to reach its own limit on a file of megabytes
                throw new MentorException("--config: " + file + " is " + size + " bytes; a file of option: value lines is at most "
                        + MAX_BYTES);
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new MentorException("--config: " + file + " must hold a map of option: value");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isContainerNode()) {
                    throw new MentorException("--config: " + file + ": option '" + e.getKey() + "' must have a single value");
                }
                values.put(e.getKey().replaceFirst("^-+", ""), v.asText());
            }
            return new ConfigFile(file, values);
        } catch (IOException e) {
            throw new MentorException("--config: " + file + " is not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String key = option.longestName().replaceFirst("^-+", "");
            if (values.containsKey(key)) {
                used.add(key);
                return values.get(key);
            }
        }
        return argSpec.defaultValue();
    }

    /** Rejects keys that no option of the running command took. */
    void checkAllUsed(java.util.Collection<OptionSpec> options) {
        for (String key : values.keySet()) {
            boolean known = options.stream().anyMatch(o -> o.longestName().replaceFirst("^-+", "").equals(key));
            if (!known) {
                throw new MentorException("--config: " + file + ": unknown option '" + key + "'");
            }
        }
    }
}
