package dev.mentor.report;

import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report: one self-contained HTML file (charts are PNGs inside it as {@code data:} URIs, the style
 * sheet is inline, nothing is fetched) with the results table, every run, accuracy against the number
 * of labels, learning curves per method, pseudo-label confidence and accuracy per confidence bin,
 * confusion matrices, augmented samples and training throughput against the PyTorch peer. A section
 * whose input is missing says so instead of being left out silently.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em auto;max-width:1200px;color:#222}
            h1{margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
            th{background:#f2f2f2}td:first-child,th:first-child{text-align:left}
            figure{display:inline-block;margin:.5em}figcaption{font-size:.85em;color:#555;max-width:560px}
            .note{color:#8a5a00;background:#fff8e6;padding:.4em .8em;border-left:3px solid #e0a800}
            table.confusion td{min-width:2.6em;font-size:.85em}
            """;
    private static final String RENDER_CHECK = """
            window.addEventListener('load', function () {
              var charts = document.querySelectorAll('img.chart'), decoded = 0;
              charts.forEach(function (c) { if (c.complete && c.naturalWidth > 0) { decoded++; } });
              document.body.setAttribute('data-charts', charts.length);
              document.body.setAttribute('data-charts-decoded', decoded);
            });
            """;

    private final String title;
    private final List<RunSummary> runs;
    private final ThroughputResult throughput;
    private final AugmentedSamples samples;

    /**
     * @param throughput a {@code bench throughput --json} result, or null
     * @param samples the augmented sample grids, or null to leave them out with a note
     */
    public HtmlReport(String title, List<RunSummary> runs, ThroughputResult throughput, AugmentedSamples samples) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run");
        }
        this.title = Objects.requireNonNull(title);
        this.runs = List.copyOf(runs);
        this.throughput = throughput;
        this.samples = samples;
    }

    /** Writes the report to {@code file} (through a temporary file); an existing file is refused unless {@code force}. */
    public void write(Path file, boolean force) {
        if (Files.exists(file) && !force) {
            throw MentorException.of("out", OptionText.text(file + " already exists (use ").thenOption("force").then(" to overwrite it)"));
        }
        String html = render();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.writeString(file, html);
        } catch (IOException e) {
            throw MentorException.of("out", "cannot write " + file + " (" + e.getMessage() + ")");
        }
    }

    public String render() {
        ResultsTable table = ResultsTable.of(runs);
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(Html.escape(title))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        s.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        s.append(Html.note(String.format("%d run%s; written %s. Test accuracy is the model each run returned: its last, or the one it kept on "
                + "validation (column \"kept\"); never selected on the test split.",
                runs.size(), runs.size() == 1 ? "" : "s", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))).replace("note", "meta"));
        section(s, "results", "Results", results(table));
        section(s, "runs", "Runs", runTable());
        section(s, "labels", "Accuracy against the number of labels", byLabels(table));
        section(s, "curves", "Learning curves", curves());
        section(s, "pseudo-labels", "Pseudo-labels", pseudoLabels());
        section(s, "confusion", "Confusion matrices", confusion(table));
        section(s, "augmentation", "Augmented samples", augmentation());
        section(s, "throughput", "Training throughput against the PyTorch peer", throughput());
        s.append("<script>\n").append(RENDER_CHECK).append("</script>\n</body>\n</html>\n");
        return s.toString();
    }

    private static void section(StringBuilder s, String id, String heading, String body) {
        s.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.escape(heading)).append("</h2>\n").append(body)
                .append("</section>\n");
    }

    private static String results(ResultsTable table) {
        List<List<String>> rows = new ArrayList<>();
        for (ResultsTable.Row r : table.rows()) {
            rows.add(List.of(r.method(), r.model(), ResultsTable.labels(r.labels()), Integer.toString(r.runs().size()),
                    ResultsTable.accuracy(r), ResultsTable.points(table.gain(r)), String.format("%.0f", r.meanSeconds()),
                    r.meanImagesPerSecond() == null ? "—" : String.format("%.0f", r.meanImagesPerSecond())));
        }
        return Html.table("results", List.of("method", "model", "labels", "runs", "test accuracy (%, mean ± std)",
                "vs supervised (pts)", "wall time (s)", "train img/s"), rows);
    }

    private String runTable() {
        List<List<String>> rows = new ArrayList<>();
        for (RunSummary r : runs) {
            rows.add(List.of(r.name(), r.method(), r.model(), ResultsTable.labels(r.labels()), Long.toString(r.seed()),
                    percent(r.testAccuracy()), percent(r.validationAccuracy()), String.format("%.0f", r.wallSeconds()),
                    r.imagesPerSecond() == null ? "—" : String.format("%.0f", r.imagesPerSecond()), r.augment(),
                    r.teacher() == null ? "—" : r.teacher(), r.kept() == null ? "last" : r.kept(), r.directory().toString()));
        }
        return Html.table("runs", List.of("run", "method", "model", "labels", "seed", "test acc (%)", "val acc (%)",
                "wall (s)", "img/s", "augment", "teacher", "kept", "folder"), rows);
    }

    private static String byLabels(ResultsTable table) {
        Figure figure = Charts.accuracyByLabels(table);
        return figure == null ? Html.note("Needs a method run at two or more label budgets; these runs have one each.")
                : Html.figure(figure, "Mean test accuracy over seeds, bars ± one sample standard deviation; logarithmic x axis.");
    }

    private String curves() {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, List<RunSummary>> method : byMethod().entrySet()) {
            s.append("<h3>").append(Html.escape(method.getKey())).append("</h3>\n");
            Figure validation = Charts.validationCurves(method.getKey(), method.getValue());
            Figure loss = Charts.lossCurves(method.getKey(), method.getValue());
            s.append(validation == null ? Html.note(method.getKey() + ": no validation split, no validation curve")
                    : Html.figure(validation, "Validation accuracy after each epoch (a line per run; a second phase, such as MPL's fine-tuning, separately)."));
            if (loss != null) {
                s.append(Html.figure(loss, "Mean training loss of each epoch (for methods with several terms, their sum)."));
            }
        }
        return s.toString();
    }

    private String pseudoLabels() {
        StringBuilder s = new StringBuilder();
        for (RunSummary run : runs) {
            for (PseudoLabelStats stats : run.pseudoLabels()) {
                s.append("<h3>").append(Html.escape(run.name() + ", round " + stats.round())).append("</h3>\n");
                s.append(Html.note(String.format("%,d pseudo-labels, mean confidence %s, accuracy against the pool's true labels %s",
                        stats.images(), stats.meanConfidence() == null ? "—" : String.format("%.3f", stats.meanConfidence()),
                        stats.accuracy() == null ? "unknown" : percent(stats.accuracy()) + "%")).replace("note", "meta"));
                s.append(Html.figure(Charts.confidenceHistogram(run.name(), stats), "Images per confidence bin (the teacher's top probability)."));
                Figure accuracy = Charts.accuracyByConfidence(run.name(), stats);
                if (accuracy != null) {
                    s.append(Html.figure(accuracy, "Accuracy of the pseudo-labels in each bin beside the bin's mean confidence: "
                            + "where accuracy is lower, the teacher is over-confident."));
                }
                List<List<String>> rows = new ArrayList<>();
                stats.bins().forEach(b -> rows.add(List.of(b.label(), String.format("%,d", b.images()),
                        b.meanConfidence() == null ? "—" : String.format("%.3f", b.meanConfidence()), percent(b.accuracy()))));
                s.append(Html.table("bins", List.of("confidence", "images", "mean confidence", "accuracy (%)"), rows));
            }
        }
        return s.length() == 0 ? Html.note("No run here made pseudo-labels (noisy-student and pseudo-label runs do).") : s.toString();
    }

    /** One matrix per method, summed over the runs at the label budget most runs share. */
    private String confusion(ResultsTable table) {
        Integer headline = headlineLabels();
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, List<RunSummary>> method : byMethod().entrySet()) {
            List<RunSummary> group = method.getValue().stream()
                    .filter(r -> Objects.equals(r.labels(), headline) && r.confusion() != null).toList();
            if (group.isEmpty()) {
                continue;
            }
            int k = group.get(0).confusion().length;
            long[][] sum = new long[k][k];
            for (RunSummary r : group) {
                if (r.confusion().length != k) {
                    continue;
                }
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        sum[i][j] += r.confusion()[i][j];
                    }
                }
            }
            s.append("<h3>").append(Html.escape(method.getKey() + ", " + ResultsTable.labels(headline) + " labels, "
                    + group.size() + " run" + (group.size() == 1 ? "" : "s"))).append("</h3>\n");
            s.append(ConfusionTable.html(sum, group.get(0).classNames()));
        }
        return s.length() == 0 ? Html.note("No run here has a test split, so there is no confusion matrix.") : s.toString();
    }

    private String augmentation() {
        if (samples == null) {
            return Html.note("Augmented samples were not drawn for this report.");
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < samples.figures().size(); i++) {
            s.append(Html.figure(samples.figures().get(i), samples.captions().get(i)));
        }
        samples.notes().forEach(n -> s.append(Html.note(n)));
        return s.toString();
    }

    private String throughput() {
        if (throughput == null) {
            return Html.note("Not measured for this report: run mentor bench throughput --peer PEER_SCRIPT --json FILE and "
                    + "give FILE to --throughput.");
        }
        StringBuilder s = new StringBuilder(Html.figure(Charts.throughput(throughput), String.format(
                "%s, batch %d, %d threads, %s. Median: Mentor %.1f img/s%s.", throughput.model(), throughput.batchSize(),
                throughput.threads(), throughput.memoryFormat(), throughput.medianMentor(), Double.isNaN(throughput.medianPeer()) ? ""
                        : String.format(", peer %.1f img/s (ratio %.2f)", throughput.medianPeer(),
                                throughput.medianMentor() / throughput.medianPeer()))));
        if (throughput.peer() == null) {
            s.append(Html.note("The peer did not run in this measurement (no --peer)."));
        } else {
            s.append(Html.note("Peer: " + throughput.peer()).replace("note", "meta"));
        }
        return s.toString();
    }

    /** Runs by method and model, in order of first appearance. */
    private Map<String, List<RunSummary>> byMethod() {
        Map<String, List<RunSummary>> groups = new LinkedHashMap<>();
        runs.forEach(r -> groups.computeIfAbsent(r.method() + " (" + r.model() + ")", m -> new ArrayList<>()).add(r));
        return groups;
    }

    /** The label budget with the most runs (ties: the larger). */
    private Integer headlineLabels() {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        runs.forEach(r -> counts.merge(r.labels(), 1, Integer::sum));
        return counts.entrySet().stream().max((a, b) -> a.getValue().equals(b.getValue())
                ? Integer.compare(a.getKey() == null ? -1 : a.getKey(), b.getKey() == null ? -1 : b.getKey())
                : Integer.compare(a.getValue(), b.getValue())).map(Map.Entry::getKey).orElse(null);
    }

    private static String percent(Double value) {
        return value == null ? "—" : String.format("%.2f", 100 * value);
    }
}
