package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.method.MethodInfo;
import dev.mentor.train.EpochMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17: every method, with its defaults but a short budget, on a tiny synthetic set with 2 labels
 * per class (4 classes, chance 25%) lowers its training loss and ends above chance on the test split.
 */
class TwoLabelsPerClassTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final TinyIdx IDX = new TinyIdx(240, 80, 4);
    static Path teacher;

    @BeforeAll
    static void teacher() throws Exception {
        teacher = IDX.dir().resolve("teacher");
        CliFixture.Result r = CliFixture.run(args("supervised", teacher).toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
    }

    private static List<String> args(String method, Path out) {
        return new ArrayList<>(List.of("train", method, "--data", IDX.spec(), "--labels-per-class", "2",
                "--validation-per-class", "5", "--batch-size", "8", "--steps", "60", "--seed", "2", "--out", out.toString()));
    }

    /** Every method of the catalog but transfer (it needs a pretrained backbone; CrashResumeTest trains it). */
    static List<String> methods() {
        return MethodInfo.ALL.stream().filter(m -> !m.backbone()).map(MethodInfo::name).toList();
    }

    @ParameterizedTest
    @MethodSource("methods")
    void lowersItsLossAndEndsAboveChance(String method) throws Exception {
        MethodInfo info = MethodInfo.of(method, "method");
        Path out = IDX.dir().resolve(method);
        List<String> a = args(method, out);
        if (info.teacher()) {
            // a fresh student: one that starts from its same-size teacher (the default) has little loss left to lower
            a.addAll(List.of("--teacher", teacher.toString(), "--init", "none"));
        }
        if (method.equals("noisy-student")) {
            a.addAll(List.of("--rounds", "1")); // pseudo-label is one round by definition
        }
        if (info.strongView()) {
            a.addAll(List.of("--unlabeled-ratio", "2"));
        }
        CliFixture.Result r = CliFixture.run(a.toArray(String[]::new));
        assertEquals(0, r.code(), method + ": " + r.err());
        Path run = Files.isDirectory(out.resolve("round-1")) ? out.resolve("round-1") : out;
        List<EpochMetrics> epochs = EpochMetrics.readLog(run.resolve("metrics.jsonl"));
        double first = lossOf(epochs.get(0), method);
        double last = lossOf(epochs.get(epochs.size() - 1), method);
        assertTrue(last < first, method + ": the loss went from " + first + " to " + last);
        double test = JSON.readTree(run.resolve("metrics.json").toFile()).get("test_accuracy").asDouble();
        assertTrue(test > 0.4, method + ": test accuracy " + test + " is not above chance (0.25)");
    }

    /** The labeled cross-entropy where a method reports it (MPL's total has a feedback term of either sign), else the loss. */
    private static double lossOf(EpochMetrics epoch, String method) {
        Double ce = epoch.components().get("ce");
        return method.equals("mpl") && ce != null ? ce : epoch.trainLoss();
    }
}
