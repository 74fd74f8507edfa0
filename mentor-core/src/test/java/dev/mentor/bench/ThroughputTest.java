package dev.mentor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.model.MemoryFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThroughputTest {
    private static final Workload TINY = new Workload("cnn-small", 1, 28, 4);

    @Test
    void tinyMeasurementReturnsAPositiveRate() {
        try (Throughput throughput = Throughput.open(TINY)) {
            Throughput.WarmedUp warmUp = throughput.warmUp(new WarmUp(1, 0, 0));
            Timing timed = throughput.run(2);
            assertEquals(1, warmUp.timing().steps());
            assertFalse(warmUp.compilerQuiet());
            assertEquals(2, timed.steps());
            assertTrue(timed.imagesPerSecond() > 0);
            assertEquals(421_834, throughput.parameters());
        }
    }

    @Test
    void channelsLastKeepsShapeAndValues() {
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray x = manager.randomNormal(new ai.djl.ndarray.types.Shape(2, 3, 4, 5));
            ai.djl.ndarray.NDArray y = MemoryFormat.CHANNELS_LAST.apply(x);
            assertEquals(x.getShape(), y.getShape());
            assertTrue(x.contentEquals(y));
            assertTrue(y.duplicate().contentEquals(x));
        }
        assertEquals(MemoryFormat.CHANNELS_LAST, MemoryFormat.parse("channels-last"));
        assertEquals("memory_format: expected contiguous or channels-last, got 'nhwc'",
                assertThrows(MentorException.class, () -> MemoryFormat.parse("nhwc")).getMessage());
    }

    @Test
    void channelsLastMeasurementReturnsAPositiveRate() {
        try (Throughput throughput = Throughput.open(new Workload("resnet-20", 1, 28, 4, MemoryFormat.CHANNELS_LAST))) {
            assertTrue(throughput.run(2).imagesPerSecond() > 0);
        }
    }

    @Test
    void warmUpNeedsBothTheStepsAndTheTime() {
        WarmUp plan = new WarmUp(10, 2.0, 60);
        assertFalse(plan.reachedMinimum(10, 1.9));
        assertFalse(plan.reachedMinimum(9, 5.0));
        assertTrue(plan.reachedMinimum(10, 2.0));
        assertTrue(new WarmUp(0, 0, 0).reachedMinimum(0, 0));
    }

    @Test
    void compilerIsQuietBelowTwoPercentOfTheWindow() {
        assertTrue(WarmUp.quiet(20, 1.0));
        assertFalse(WarmUp.quiet(21, 1.0));
        assertTrue(WarmUp.fullWindow(10, 1.0));
        assertFalse(WarmUp.fullWindow(9, 30.0));
        assertFalse(WarmUp.fullWindow(50, 0.9));
    }

    @Test
    void badOptionsQuoteTheValue() {
        assertEquals("warmup_steps: must be >= 0, got -1",
                assertThrows(MentorException.class, () -> new WarmUp(-1, 0, 0)).getMessage());
        assertEquals("batch_size: must be > 0, got 0",
                assertThrows(MentorException.class, () -> new Workload("cnn-small", 1, 28, 0)).getMessage());
        assertEquals("rounds: must be >= 1, got 0", assertThrows(MentorException.class,
                () -> new SideBySide.Plan(0, 1, 1, 2, WarmUp.PEER, WarmUp.PEER, false)).getMessage());
    }

    @Test
    void sideBySideAlternatesAndReportsRatios(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("peer.py"), "");
        Path python = PeerRunnerTest.executable(dir.resolve("python"), "[ \"$1\" = -c ] && exit 0; echo 'img/s: 1e-3'");
        PeerRunner peer = PeerRunner.open(python, script);
        SideBySide.Plan plan = new SideBySide.Plan(2, 2, 2, 2, new WarmUp(1, 0, 0), new WarmUp(1, 0, 0), false);
        List<Integer> seen = new ArrayList<>();
        try (Throughput throughput = Throughput.open(TINY)) {
            SideBySide.Report report = SideBySide.run(throughput, Optional.of(peer), plan, r -> seen.add(r.number()));
            assertEquals(List.of(1, 2), seen);
            SideBySide.Round first = report.rounds().get(0);
            assertEquals(first.mentor().imagesPerSecond() / 1e-3, first.ratio().orElseThrow(), 1e-6);
            assertTrue(report.medianRatio().orElseThrow() > 0);
            assertTrue(report.medianImagesPerSecond() > 0);
        }
    }

    @Test
    void peakFlopsIsPositive() {
        PeakFlops.Kernel matMul = PeakFlops.matMul(64, 2);
        PeakFlops.Kernel convolution = PeakFlops.convolution(2, 8, 8, 2);
        assertTrue(matMul.gigaflops() > 0 && convolution.gigaflops() > 0);
        assertTrue(matMul.gigaflops() >= matMul.medianGigaflops());
        PeakFlops.Result result = new PeakFlops.Result(java.util.List.of(matMul, convolution));
        assertEquals(Math.max(matMul.gigaflops(), convolution.gigaflops()), result.gigaflops());
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Stats.median(3, 1, 2));
        assertEquals(2.5, Stats.median(4, 1, 3, 2));
        assertTrue(Double.isNaN(Stats.median()));
    }
}
