package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each train command's options reach {@code method.json} exactly as the files in {@code method-json/} hold them, which
 * were written by the build before the methods had descriptors (with the keys added since, such as {@code calibrate} and
 * {@code strong_augment}, each a new line): the run files of a new run read as they always did, and a resumed run of an
 * older build reads its options back (files without the newer keys: LegacyRunRecordsTest). Every option is given a value other than its default, so a
 * mapping that drops or mixes one fails. Paths into the test's folder are written as {@code DIR}.
 */
class MethodJsonFixtureTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path teacher;

    @BeforeAll
    static void teacher() throws Exception {
        data = CliFixture.idx(dir.resolve("idx"), 120, 20, 4);
        teacher = dir.resolve("teacher");
        CliFixture.Result r = CliFixture.run(common("supervised", teacher));
        assertEquals(0, r.code(), r.err());
    }

    private static String[] common(String method, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", method, "--data", "idx:" + data, "--labels-per-class", "4",
                "--validation-per-class", "2", "--batch-size", "8", "--steps", "2", "--seed", "3", "--out", out.toString()));
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    /** The options given to each method: every one of its own, none at its default. */
    private static String[] options(String method) {
        return switch (method) {
            case "fixmatch" -> new String[] {"--unlabeled-ratio", "2", "--lambda-u", "0.5", "--threshold", "0.7", "--no-flip",
                "--distribution-alignment", "--strong-augment", "strong:flip=false,cutout=0..0.5"};
            case "uda" -> new String[] {"--unlabeled-ratio", "2", "--lambda-u", "0.5", "--threshold", "0.6", "--temperature", "0.5",
                "--uda-steps", "3", "--distribution-alignment", "--strong-augment", "strong:n=3,m=5"};
            case "flexmatch" -> new String[] {"--unlabeled-ratio", "2", "--lambda-u", "0.5", "--threshold", "0.7", "--no-threshold-warmup",
                "--calibrate-thresholds", "--strong-augment", "strong:cutout=0..0.5"};
            case "freematch" -> new String[] {"--unlabeled-ratio", "2", "--lambda-u", "0.5", "--ema-momentum", "0.9",
                "--fairness-weight", "0.02", "--no-flip", "--calibrate-thresholds",
                "--strong-augment", "strong:flip=false,mstd=inf"};
            case "mpl" -> new String[] {"--unlabeled-ratio", "2", "--lambda-u", "0.5", "--threshold", "0.6", "--temperature", "0.5",
                "--uda-steps", "3", "--label-smoothing", "0.1", "--mpl-sign", "author", "--mpl-weight", "0.5", "--student-lr", "0.02",
                "--student-wait-steps", "1", "--finetune-steps", "1", "--finetune-lr", "0.002",
                "--strong-augment", "strong:p=0.5"};
            case "self-distill" -> new String[] {"--kl-weight", "0.5", "--mmd-weight", "0.1", "--temperature", "2", "--normalize-loss", "off"};
            case "mutual" -> new String[] {"--models", "cnn-small,cnn-small", "--mimicry-weight", "0.5", "--mimicry-ramp-steps", "1",
                "--normalize-loss", "off"};
            case "distill" -> new String[] {"--teacher", teacher.toString(), "--temperature", "3", "--alpha", "0.8", "--unlabeled-weight",
                "0.5", "--normalize-loss", "off", "--cache-teacher", "--teacher-cache-dir", dir.resolve("cache").toString()};
            case "transfer" -> new String[] {"--pretrained", teacher.toString(), "--mode", "linear-probe", "--backbone-lr-scale", "0.2",
                "--unfreeze-after", "1"};
            default -> throw new IllegalArgumentException(method);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixmatch", "uda", "flexmatch", "freematch", "mpl", "self-distill", "mutual", "distill", "transfer"})
    void aCommandsOptionsReachMethodJsonAsBefore(String method) throws IOException {
        Path out = dir.resolve(method);
        CliFixture.Result r = CliFixture.run(common(method, out, options(method)));
        assertEquals(0, r.code(), r.err());
        String written = Files.readString(out.resolve("method.json")).replace(dir.toAbsolutePath().normalize().toString(), "DIR");
        String expected = fixture(method);
        if (expected == null && System.getenv("MENTOR_WRITE_FIXTURES") != null) {
            Files.writeString(Path.of(System.getenv("MENTOR_WRITE_FIXTURES"), method + ".json"), written);
            return;
        }
        assertNotNull(expected, "no fixture method-json/" + method + ".json");
        assertFalse(written.contains(dir.toString()), written);
        assertEquals(expected, written);
    }

    private static String fixture(String method) throws IOException {
        try (InputStream in = MethodJsonFixtureTest.class.getResourceAsStream("method-json/" + method + ".json")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
