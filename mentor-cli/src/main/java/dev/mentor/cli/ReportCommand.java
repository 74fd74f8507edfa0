package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.report.AugmentedSamples;
import dev.mentor.report.HtmlReport;
import dev.mentor.report.RunReader;
import dev.mentor.report.RunSummary;
import dev.mentor.report.ThroughputResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mentor report RUN_DIR... --out report.html}: the HTML report of finished runs. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one self-contained HTML report of finished runs: results (mean ± std over seeds), accuracy against "
                + "labels, learning curves, pseudo-labels, confusion matrices, augmented samples and, with --throughput, "
                + "training speed against the PyTorch peer.",
            "Each RUN_DIR is a run folder (train ... --out) or a self-training folder (noisy-student, pseudo-label)."})
final class ReportCommand extends Subcommand {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Finished run folders")
    List<Path> runs;

    @Option(names = "--out", defaultValue = "report.html", paramLabel = "HTML", description = "The report file (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing --out file")
    boolean force;

    @Option(names = "--title", defaultValue = "Mentor report", description = "The report's title (default: ${DEFAULT-VALUE})")
    String title;

    @Option(names = "--throughput", paramLabel = "JSON", description = "A mentor bench throughput --json result to chart against the PyTorch peer")
    Path throughput;

    @Option(names = "--no-samples", description = "Leave out the augmented samples (they load each run's data)")
    boolean noSamples;

    @Mixin
    Verbose verbose;

    @Override
    public Integer call() {
        if (Files.exists(out) && !force) {
            throw new MentorException("--out: " + out + " already exists (use --force to overwrite it)");
        }
        List<RunSummary> summaries = runs.stream().map(RunReader::read).toList();
        ThroughputResult speed = throughput == null ? null : ThroughputResult.read(throughput);
        write(title, summaries, speed, !noSamples, out, force);
        out().printf("report: %s (%d run%s)%n", out, summaries.size(), summaries.size() == 1 ? "" : "s");
        return 0;
    }

    /** Draws and writes a report; shared by {@code report}, {@code bench suite} and {@code demo}. */
    static void write(String title, List<RunSummary> runs, ThroughputResult throughput, boolean samples, Path out, boolean force) {
        System.setProperty("java.awt.headless", "true");
        new HtmlReport(title, runs, throughput, samples ? AugmentedSamples.of(runs) : null).write(out, force);
    }
}
