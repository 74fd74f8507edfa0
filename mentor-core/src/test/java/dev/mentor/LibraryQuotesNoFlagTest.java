package dev.mentor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library names config components, never command-line flags: no string literal of the main sources of the core,
 * mentor-augment or mentor-report holds a {@code --flag}. Text that names an option is an {@link OptionText}
 * (or a {@link MentorException} naming it), which a command line spells as its flags. Comments may mention
 * flags; code may not.
 */
class LibraryQuotesNoFlagTest {
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "mentor-augment", "src", "main", "java"), Path.of("..", "mentor-report", "src", "main", "java"));

    /**
     * Literals allowed to hold a flag, as {@code path: flag}. {@code PeerRunner} builds the command line of
     * another program (the PyTorch throughput peer), whose options these are. The report's are whole {@code mentor}
     * command lines it tells its reader to run, and the sample captions (which option gave the policy). This test fails on
     * any new one.
     */
    private static final Set<String> ALLOWED = Set.of(
            "bench/PeerRunner.java: --batch", "bench/PeerRunner.java: --steps", "bench/PeerRunner.java: --threads",
            "bench/PeerRunner.java: --channels", "bench/PeerRunner.java: --size", "bench/PeerRunner.java: --bf16",
            "report/ThroughputResult.java: --json", "report/HtmlReport.java: --peer", "report/HtmlReport.java: --json",
            "report/HtmlReport.java: --throughput", "report/AugmentedSamples.java: --augment",
            "report/AugmentedSamples.java: --strong-augment");

    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");

    @Test
    void noStringLiteralOfTheLibraryQuotesAFlag() throws IOException {
        Set<String> found = new TreeSet<>();
        for (Path root : SOURCES) {
            assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " (run from mentor-core)");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    String name = root.relativize(file).toString().replace('\\', '/').replaceFirst("^dev/mentor/", "");
                    for (String flag : flags(Files.readString(file))) {
                        found.add(name + ": " + flag);
                    }
                }
            }
        }
        List<String> offending = found.stream().filter(f -> !ALLOWED.contains(f)).toList();
        assertEquals(List.of(), offending, "name the option with OptionText (thenOption(\"component\")) or MentorException.naming");
        List<String> stale = ALLOWED.stream().filter(a -> !found.contains(a)).sorted().toList();
        assertEquals(List.of(), stale, "allowed flags no source quotes any more: take them off the list");
    }

    @Test
    void theScanFindsFlagsInStringLiteralsOnly() {
        String source = """
                /** Give {@code --epochs}; "--in-comment" is not code. */
                class A {
                    // a line comment: "--lr"
                    String s = "use --force to overwrite it, or --resume";
                    String t = "a \\"quoted\\" --seed";
                    char c = '"';
                    String u = "x-- and a--b and 5 --> 3";
                    String v = \"""
                        text block --labels-per-class
                        \""";
                }
                """;
        assertEquals(List.of("--force", "--resume", "--seed", "--labels-per-class"), flags(source));
    }

    @Test
    void aCommandLinePrintsTheOptionsALibraryMessageNamesAsItsFlags() {
        OptionText text = OptionText.text("{path} already holds a run; use ").thenOption("force").then(" to overwrite it");
        assertEquals("{path} already holds a run; use force to overwrite it", text.toString());
        assertEquals("{path} already holds a run; use --force to overwrite it", text.render(c -> "--" + c));
        MentorException e = MentorException.of("out", text);
        assertEquals("out", e.component());
        assertEquals(List.of("out", "force"), e.components());
        assertEquals("out: {path} already holds a run; use force to overwrite it", e.getMessage());
        assertEquals("--out: {path} already holds a run; use --force to overwrite it", e.message(c -> "--" + c));
        assertEquals("{path} already holds a run; use force to overwrite it", e.detail());
        List<String> printed = new ArrayList<>();
        RunLog.spelling(printed::add, c -> "--" + c.replace('_', '-')).note(OptionText.naming("{}: left out 2 files", "unlabeled"));
        RunLog.of(printed::add).note(OptionText.naming("{}: left out 2 files", "unlabeled"));
        assertEquals(List.of("--unlabeled: left out 2 files", "unlabeled: left out 2 files"), printed);
        assertEquals(Map.of("texts", List.of("a ", " b ", " c"), "names", List.of("x", "y")), Map.of(
                "texts", OptionText.naming("a {} b ", "x").then(OptionText.naming("{} c", "y")).texts(),
                "names", OptionText.naming("a {} b ", "x").then(OptionText.naming("{} c", "y")).components()));
    }

    /** The flags the string literals (and text blocks) of {@code source} quote, in order; comments and char literals skipped. */
    static List<String> flags(String source) {
        List<String> flags = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = endOf(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                i = endOf(source, "*/", i + 2);
            } else if (c == '\'') {
                i = closing(source, i + 1, "'");
            } else if (source.startsWith("\"\"\"", i)) {
                int end = closing(source, i + 3, "\"\"\"");
                addFlags(source.substring(i + 3, end - 3), flags);
                i = end;
            } else if (c == '"') {
                int end = closing(source, i + 1, "\"");
                addFlags(source.substring(i + 1, end - 1), flags);
                i = end;
            } else {
                i++;
            }
        }
        return flags;
    }

    private static int endOf(String source, String end, int from) {
        int at = source.indexOf(end, from);
        return at < 0 ? source.length() : at + end.length();
    }

    /** The index just past the unescaped {@code quote} that closes a literal begun before {@code from}. */
    private static int closing(String source, int from, String quote) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return source.length();
    }

    private static void addFlags(String literal, List<String> flags) {
        Matcher m = FLAG.matcher(literal);
        while (m.find()) {
            flags.add(m.group());
        }
    }
}
