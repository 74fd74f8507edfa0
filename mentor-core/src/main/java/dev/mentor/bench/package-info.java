/**
 * Performance probes. {@link dev.mentor.bench.Throughput} times training steps on random data with the
 * recipe of the PyTorch peer after a {@link dev.mentor.bench.WarmUp} that waits for the JIT compiler;
 * {@link dev.mentor.bench.PeerRunner} runs the peer script; {@link dev.mentor.bench.SideBySide}
 * alternates the two round by round. {@link dev.mentor.model.ModelFlops} counts a model's FLOPs
 * analytically and {@link dev.mentor.bench.PeakFlops} measures the engine's matrix-multiply rate, so a
 * model's FLOP/s can be stated as a fraction of what the machine reaches. {@link dev.mentor.bench.MplBench}
 * times the phases of a Meta Pseudo Labels step beside a one-model UDA step.
 */
package dev.mentor.bench;
