package dev.mentor.train;

import ai.djl.engine.Engine;

/**
 * The one place Mentor sets the engine's global random generator. Everything else Mentor draws (splits,
 * batch order, augmentations, mixing) comes from generators derived from the run's seed and the position
 * of what it affects; but DJL gives no way to hand a generator to two things PyTorch draws natively:
 * weight initialisation and dropout (and stochastic-depth) masks. So the global generator is set here
 * from the run's seed and a position, right before those draws: before a learner builds its model (its
 * seed), and at the start of every epoch of the training loop (seed, epoch), which is what makes a
 * resumed run draw the same masks as an uninterrupted one from the next epoch on.
 */
public final class EngineSeed {
    private EngineSeed() {}

    /** Before a model's weights are initialised: {@code seed} is the learner's own (the run's seed plus its offset). */
    public static void beforeInitialisation(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
    }

    /** At the start of an epoch of the training loop: dropout masks follow from the run's seed and the epoch. */
    public static void atEpoch(long runSeed, int epoch) {
        Engine.getInstance().setRandomSeed((int) BatchStream.mix(runSeed, epoch, 17));
    }

    /** A fixed seed for measurements that must repeat (benchmarks), not for runs. */
    public static void forBenchmark() {
        Engine.getInstance().setRandomSeed(0);
    }
}
