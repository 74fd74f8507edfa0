package dev.mentor.cli;

import dev.mentor.train.EpochMetrics;
import dev.mentor.train.StepResult;
import dev.mentor.train.TrainingListener;
import java.io.PrintWriter;
import java.util.List;

/**
 * A progress bar on standard error: epoch, bar, images/s, loss and ETA, redrawn in place on a
 * terminal (at most 4 times a second) and printed as a line at most every 15 seconds otherwise; an
 * epoch summary line for the first and last epoch and for others at most every 5 seconds, so short
 * epochs do not flood the log.
 */
final class ConsoleProgress implements TrainingListener {
    private static final int WIDTH = 24;
    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private int epochs;
    private long stepsPerEpoch;
    private long runStarted;
    private long stepsDone;
    private long stepsAtStart;
    private long epochStarted;
    private long lastDraw;
    private long imagesThisEpoch;
    private double lossSum;
    private long lossCount;
    private long lastSummary;

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onStart(List<EpochMetrics> done, int epochs, long stepsPerEpoch) {
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.stepsAtStart = done.size() * stepsPerEpoch;
        this.stepsDone = stepsAtStart;
        this.runStarted = System.nanoTime();
        this.lastDraw = runStarted;
        if (!done.isEmpty()) {
            err.printf("resumed after epoch %d of %d%n", done.size(), epochs);
        }
    }

    @Override
    public void onStep(int epoch, long stepInEpoch, long steps, StepResult result, int images) {
        long now = System.nanoTime();
        if (stepInEpoch == 0) {
            epochStarted = now;
            imagesThisEpoch = 0;
            lossSum = 0;
            lossCount = 0;
        }
        stepsDone++;
        imagesThisEpoch += images;
        lossSum += result.loss();
        lossCount++;
        double elapsed = (now - epochStarted) / 1e9;
        double rate = elapsed > 0 ? imagesThisEpoch / elapsed : 0;
        double perStep = (now - runStarted) / 1e9 / Math.max(1, stepsDone - stepsAtStart);
        double eta = perStep * (epochs * stepsPerEpoch - stepsDone);
        int done = (int) (WIDTH * (stepInEpoch + 1) / steps);
        String line = String.format("epoch %d/%d [%s%s] %5.1f%%  %6.0f img/s  loss %.4f  ETA %s",
                epoch + 1, epochs, "#".repeat(done), ".".repeat(WIDTH - done), 100.0 * (stepInEpoch + 1) / steps,
                rate, lossSum / lossCount, duration(eta));
        if (terminal) {
            if (now - lastDraw > 250_000_000L || stepInEpoch + 1 == steps) {
                err.print("\r" + line);
                err.flush();
                lastDraw = now;
            }
        } else if (now - lastDraw > 15_000_000_000L && stepInEpoch + 1 < steps) {
            err.println(line);
            lastDraw = now;
        }
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        if (terminal) {
            err.print("\r\033[K");
        }
        long now = System.nanoTime();
        boolean edge = m.epoch() == 1 || m.epoch() == epochs;
        if (!edge && now - lastSummary < 5_000_000_000L) {
            return;
        }
        lastSummary = now;
        err.printf("epoch %d/%d  loss %.4f  %s%6.0f img/s  %.1f s%n", m.epoch(), epochs, m.trainLoss(),
                Double.isNaN(m.validationAccuracy()) ? "" : String.format("val %.2f%%  ", 100 * m.validationAccuracy()),
                m.imagesPerSecond(), m.seconds());
    }

    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
