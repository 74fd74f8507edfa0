package dev.mentor.cli;

import dev.mentor.Interrupted;
import dev.mentor.MentorException;
import dev.mentor.method.MethodInfo;
import dev.mentor.report.ResultsTable;
import dev.mentor.report.RunSummary;
import dev.mentor.report.ThroughputResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mentor bench suite}: every method at several label budgets and seeds, into a results table and a report. */
@Command(name = "suite", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train every method at each label budget and seed with the suite's recipes (budgets in optimizer steps, "
                + "batch 64), then write OUT/results.json, OUT/results.md (test accuracy mean ± std, gain over supervised, wall "
                + "time, images/s, and every command) and OUT/report.html.",
            "Runs go to OUT/runs/METHOD-lLABELS-sSEED; run the same command again after an interruption: finished runs are "
                + "skipped and an interrupted one resumes from its last checkpoint."})
final class BenchSuiteCommand extends Subcommand {
    @Option(names = "--methods", split = ",", paramLabel = "METHOD",
            description = "Methods to run (default: all but transfer, which needs --pretrained); a method's teacher run is added")
    List<String> methods;

    @Option(names = "--labels", split = ",", defaultValue = "250,1000,4000", description = "Label budgets (default: ${DEFAULT-VALUE})")
    List<Integer> labels;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds 0..N-1 per method and label budget (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--out", defaultValue = "runs/suite", description = "The suite's folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--data", defaultValue = "fashion-mnist", description = "Data, as for train (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--model", defaultValue = "cnn-small", description = "Architecture of every run (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--validation-per-class", defaultValue = "100", description = "Validation images per class (default: ${DEFAULT-VALUE})")
    int validationPerClass;

    @Option(names = "--steps", description = "Train every method this many steps instead of its recipe's budget (a quick look; not the results)")
    Integer steps;

    @Option(names = "--warm-start", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start FixMatch, FlexMatch, FreeMatch, UDA and MPL from the supervised run of the same labels and seed when it learned "
                    + "(validation at least twice chance) (default: ${DEFAULT-VALUE}; --no-warm-start for fresh weights)")
    boolean warmStart;

    @Option(names = "--pretrained", paramLabel = "PATH", description = "The backbone transfer fine-tunes (a run, TorchScript or ONNX file)")
    Path pretrained;

    @Option(names = "--throughput", paramLabel = "JSON", description = "A mentor bench throughput --json result for the report")
    Path throughput;

    @Mixin
    Verbose verbose;

    @Override
    public Integer call() {
        if (seeds < 1) {
            throw new MentorException("--seeds: must be at least 1, got " + seeds);
        }
        if (steps != null && steps < 1) {
            throw new MentorException("--steps: must be at least 1, got " + steps);
        }
        labels.stream().filter(l -> l < 1).findFirst().ifPresent(l -> {
            throw new MentorException("--labels: a budget must be at least 1, got " + l);
        });
        List<String> chosen = methods != null ? methods.stream().map(String::strip).toList()
                : SuiteRecipe.ALL.stream().filter(r -> pretrained != null || !r.method().backbone()).map(SuiteRecipe::name).toList();
        if (pretrained == null) {
            chosen.stream().map(MethodInfo::find).flatMap(Optional::stream).filter(MethodInfo::backbone).findFirst().ifPresent(m -> {
                throw new MentorException("--methods: " + m.name() + " needs --pretrained PATH (the backbone it fine-tunes)");
            });
        }
        ThroughputResult speed = throughput == null ? null : ThroughputResult.read(throughput);
        Suite.checkOut(out);
        List<Suite.Run> plan = Suite.plan(chosen, labels, LongStream.range(0, seeds).boxed().toList(), warmStart);
        PrintWriter err = err();
        Suite suite = new Suite(new Suite.Settings(data, model, validationPerClass, steps, pretrained, warmStart, out), err);
        err.printf("bench suite: %d runs (%s; labels %s; %d seed%s) into %s%n", plan.size(), String.join(", ", chosen), labels, seeds,
                seeds == 1 ? "" : "s", out);
        List<Suite.Outcome> outcomes;
        try {
            outcomes = suite.run(plan, err);
        } catch (Interrupted stopped) {
            throw stopped.continuedBy("the same ./mentor bench suite command (with --out " + out + "): finished runs are kept");
        }
        ResultsTable table = suite.writeResults(outcomes);
        List<RunSummary> summaries = outcomes.stream().map(Suite.Outcome::summary).toList();
        ReportCommand.write("Mentor benchmark suite", summaries, speed, true, out.resolve(Suite.REPORT), true);
        PrintWriter stdout = out();
        stdout.println();
        stdout.print(table.toMarkdown());
        stdout.printf("%nresults: %s, %s%nreport: %s%n", out.resolve(Suite.RESULTS_JSON), out.resolve(Suite.RESULTS_MD),
                out.resolve(Suite.REPORT));
        return 0;
    }
}
