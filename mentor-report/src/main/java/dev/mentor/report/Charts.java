package dev.mentor.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn with XChart and encoded as PNG {@link Figure}s. */
public final class Charts {
    static final int WIDTH = 560;
    static final int HEIGHT = 340;

    private Charts() {}

    /** Validation accuracy (%) per epoch, a line per run and phase; null when no run validated. */
    public static Figure validationCurves(String method, List<RunSummary> runs) {
        XYChart chart = xy(method + ": validation accuracy", "epoch", "validation accuracy (%)");
        for (RunSummary run : runs) {
            for (RunSummary.Curve curve : run.curves()) {
                List<RunSummary.EpochPoint> points = curve.points().stream().filter(p -> !Double.isNaN(p.validationAccuracy())).toList();
                if (!points.isEmpty()) {
                    line(chart, seriesName(chart, run, curve), points.stream().mapToDouble(RunSummary.EpochPoint::epoch).toArray(),
                            points.stream().mapToDouble(p -> 100 * p.validationAccuracy()).toArray());
                }
            }
        }
        return chart.getSeriesMap().isEmpty() ? null : png(chart, method + " validation accuracy per epoch");
    }

    /** Training loss per epoch, a line per run and phase; null when the runs logged no epoch. */
    public static Figure lossCurves(String method, List<RunSummary> runs) {
        XYChart chart = xy(method + ": training loss", "epoch", "training loss");
        for (RunSummary run : runs) {
            for (RunSummary.Curve curve : run.curves()) {
                List<RunSummary.EpochPoint> points = curve.points().stream().filter(p -> Double.isFinite(p.trainLoss())).toList();
                if (!points.isEmpty()) {
                    line(chart, seriesName(chart, run, curve), points.stream().mapToDouble(RunSummary.EpochPoint::epoch).toArray(),
                            points.stream().mapToDouble(RunSummary.EpochPoint::trainLoss).toArray());
                }
            }
        }
        return chart.getSeriesMap().isEmpty() ? null : png(chart, method + " training loss per epoch");
    }

    /** Mean test accuracy (%) against labeled images, a line per method with ± std bars; null without two budgets. */
    public static Figure accuracyByLabels(ResultsTable table) {
        XYChart chart = xy("test accuracy against labeled images", "labeled images", "test accuracy (%)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        List<String> methods = table.rows().stream().map(r -> r.method() + " (" + r.model() + ")").distinct().toList();
        for (String method : methods) {
            List<ResultsTable.Row> rows = table.rows().stream().filter(r -> (r.method() + " (" + r.model() + ")").equals(method))
                    .filter(r -> r.labels() != null && !r.accuracies().isEmpty()).toList();
            if (rows.size() < 2) {
                continue;
            }
            double[] x = rows.stream().mapToDouble(r -> r.labels()).toArray();
            double[] y = rows.stream().mapToDouble(r -> 100 * r.mean()).toArray();
            double[] err = rows.stream().mapToDouble(r -> Double.isNaN(r.std()) ? 0 : 100 * r.std()).toArray();
            XYSeries series = chart.addSeries(method, x, y, err);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart.getSeriesMap().isEmpty() ? null : png(chart, "test accuracy against the number of labeled images");
    }

    /** How many pseudo-labels fall in each confidence bin. */
    public static Figure confidenceHistogram(String run, PseudoLabelStats stats) {
        CategoryChart chart = category(run + ", round " + stats.round() + ": pseudo-label confidence", "confidence", "images");
        chart.addSeries("images", labels(stats), stats.bins().stream().map(b -> (Number) b.images()).toList());
        chart.getStyler().setLegendVisible(false);
        return png(chart, "histogram of pseudo-label confidence, round " + stats.round());
    }

    /** Accuracy of the pseudo-labels per confidence bin beside the bin's mean confidence; null when accuracy is unknown. */
    public static Figure accuracyByConfidence(String run, PseudoLabelStats stats) {
        if (stats.bins().stream().allMatch(b -> b.accuracy() == null)) {
            return null;
        }
        CategoryChart chart = category(run + ", round " + stats.round() + ": accuracy per confidence bin", "confidence", "%");
        chart.addSeries("accuracy", labels(stats), stats.bins().stream().map(b -> percentOrZero(b.accuracy())).toList());
        chart.addSeries("mean confidence", labels(stats), stats.bins().stream().map(b -> percentOrZero(b.meanConfidence())).toList());
        chart.getStyler().setYAxisMax(100.0);
        return png(chart, "pseudo-label accuracy per confidence bin, round " + stats.round());
    }

    /** Training images per second of Mentor and of the PyTorch peer, round by round. */
    public static Figure throughput(ThroughputResult result) {
        CategoryChart chart = category("training throughput: " + result.model() + ", batch " + result.batchSize(), "round", "images/s");
        List<String> rounds = new ArrayList<>();
        for (int i = 1; i <= result.rounds().size(); i++) {
            rounds.add(Integer.toString(i));
        }
        chart.addSeries("Mentor", rounds, result.rounds().stream().map(r -> (Number) r.mentorImagesPerSecond()).toList());
        if (result.rounds().stream().allMatch(r -> r.peerImagesPerSecond() != null)) {
            chart.addSeries("PyTorch peer", rounds, result.rounds().stream().map(r -> (Number) r.peerImagesPerSecond()).toList());
        }
        return png(chart, "training images per second, Mentor against the PyTorch peer");
    }

    private static List<String> labels(PseudoLabelStats stats) {
        return stats.bins().stream().map(PseudoLabelStats.Bin::label).toList();
    }

    private static Number percentOrZero(Double value) {
        return value == null ? 0 : 100 * value;
    }

    private static String seriesName(XYChart chart, RunSummary run, RunSummary.Curve curve) {
        String name = run.name() + (curve.phase().equals("train") ? "" : " (" + curve.phase() + ")");
        String unique = name;
        for (int i = 2; chart.getSeriesMap().containsKey(unique); i++) {
            unique = name + " #" + i;
        }
        return unique;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(x.length > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return chart;
    }

    private static CategoryChart category(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(45);
        return chart;
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        styler.setAntiAlias(true);
    }

    private static Figure png(Chart<?, ?> chart, String alt) {
        try {
            return new Figure(Objects.requireNonNull(alt), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG),
                    chart.getWidth(), chart.getHeight());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
