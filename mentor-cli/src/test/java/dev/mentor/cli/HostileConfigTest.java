package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --config} YAML files and a resumed run's {@code method.json} against hostile contents:
 * truncated, bit-flipped, random, alias bombs, deep nesting, huge scalars, Java type tags. Each must be
 * read or refused with one {@link MentorException} naming the file, never another exception or a hang.
 */
class HostileConfigTest {
    private static final String GOOD = "epochs: 3\nbatch-size: 16\nlr: 0.05\ndata: idx:/tmp/data\naugment: weak+randaugment:n=2,m=9\n"
            + "labels: 40\nmodel: cnn-small\n";

    @TempDir
    Path dir;

    private static List<byte[]> variants(byte[] good, SplittableRandom random, int rounds) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            out.add(Arrays.copyOf(good, random.nextInt(good.length)));
            byte[] flipped = good.clone();
            for (int f = 1 + random.nextInt(6); f > 0; f--) {
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            }
            out.add(flipped);
            byte[] noise = new byte[random.nextInt(2048)];
            random.nextBytes(noise);
            out.add(noise);
        }
        return out;
    }

    private static List<String> hostileYaml() {
        StringBuilder bomb = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        return List.of(bomb.toString(), "epochs: " + "[".repeat(50_000), "epochs: " + "9".repeat(1_000_000),
                "data: " + "x".repeat(25_000_000), "!!java.lang.ProcessBuilder [\"touch\", \"/tmp/pwned\"]",
                "epochs: !!java.net.URL [\"http://example.com\"]", "epochs: 3\nepochs: 4\n", "- 1\n- 2\n", "", "~", "epochs:\n  - 1\n",
                "\tepochs: 3", "epochs: *undefined", "? [a, b]\n: c\n", "%YAML 9.9\n---\nepochs: 3", "epochs: 3\n...\n---\nlr: 1\n",
                "\uFEFFepochs: 3", "epochs: \"\\uD800\"", "epochs: 1e999999");
    }

    @Test
    void yamlConfigFiles() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        Path file = dir.resolve("run.yaml");
        List<byte[]> inputs = variants(GOOD.getBytes(StandardCharsets.UTF_8), random, 400);
        hostileYaml().forEach(y -> inputs.add(y.getBytes(StandardCharsets.UTF_8)));
        List<String> failures = new ArrayList<>();
        int[] refused = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            for (byte[] input : inputs) {
                Files.write(file, input);
                try {
                    ConfigFile.load(file);
                } catch (MentorException e) {
                    refused[0]++;
                    if (!e.getMessage().contains(file.toString()) || e.getMessage().contains("\n")) {
                        failures.add("unclear: " + e.getMessage());
                    }
                } catch (RuntimeException | Error e) {
                    failures.add(input.length + " bytes -> " + e);
                }
            }
        });
        assertTrue(failures.isEmpty(), failures.size() + " of " + inputs.size() + " failed, e.g.\n"
                + String.join("\n", failures.subList(0, Math.min(8, failures.size()))));
        assertTrue(inputs.size() >= 1200 && refused[0] > inputs.size() / 3, refused[0] + " of " + inputs.size() + " refused");
        assertTrue(!Files.exists(Path.of("/tmp/pwned")), "a YAML tag ran code");
    }

    @Test
    void methodOptionsOfAResumedRun() throws Exception {
        SplittableRandom random = new SplittableRandom(8);
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        byte[] good = ("{\n  \"unlabeledRatio\" : 7,\n  \"lambdaU\" : 1.0,\n  \"threshold\" : 0.95,\n  \"temperature\" : 1.0,\n"
                + "  \"udaSteps\" : 0,\n  \"flip\" : true\n}").getBytes(StandardCharsets.UTF_8);
        List<byte[]> inputs = variants(good, random, 70);
        for (String hostile : new String[] {"{\"unlabeledRatio\" : -1}", "{\"threshold\" : 1e309}", "[]", "null", "{\"flip\" : {}}",
            "{\"unlabeledRatio\" : 2147483648}", "{" .repeat(10_000)}) {
            inputs.add(hostile.getBytes(StandardCharsets.UTF_8));
        }
        List<String> failures = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            for (byte[] input : inputs) {
                Files.write(run.resolve("method.json"), input);
                CliFixture.Result r = CliFixture.run("train", "fixmatch", "--resume", run.toString());
                boolean clear = r.code() == 2 && r.err().lines().count() == 1 && r.err().contains(run.toString());
                if (!clear) {
                    failures.add(input.length + " bytes -> exit " + r.code() + ": " + r.err());
                }
            }
        });
        assertTrue(failures.isEmpty(), failures.size() + " of " + inputs.size() + " failed, e.g.\n"
                + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
    }
}
