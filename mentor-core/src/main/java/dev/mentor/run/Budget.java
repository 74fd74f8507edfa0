package dev.mentor.run;

/**
 * A run's length in optimizer steps, resolved from its config and the size of its labeled set. A run
 * counted in epochs trains {@code epochs} passes over the labeled images and validates after each; a
 * run counted in steps trains exactly {@code steps} and validates every {@code chunk} steps (a pass over
 * the labeled images, or more when that would validate more than {@link #CHUNKS} times), the last chunk
 * shorter when the steps do not divide evenly. Steps mean the same whatever the number of labels: 40
 * labels make a pass of one step, so "40 epochs" would be 40 steps.
 *
 * @param total optimizer steps of the run
 * @param chunk steps between two validations and checkpoints (the training loop's epoch)
 * @param chunks validations of the run (the loop's epochs)
 * @param warmup steps of linear learning-rate warm-up
 */
public record Budget(long total, long chunk, int chunks, long warmup) {
    /** At most about this many validations (and checkpoints) in a run counted in steps. */
    public static final int CHUNKS = 50;
    /** The default warm-up: this share of the run... */
    public static final double WARMUP_SHARE = 0.05;
    /** ...but at least this many steps (or a quarter of a shorter run). */
    public static final long WARMUP_FLOOR = 50;

    /** The budget of {@code config} over a labeled set of {@code labeledImages}. */
    public static Budget of(ExperimentConfig config, int labeledImages) {
        long pass = passSteps(labeledImages, config.batchSize());
        if (config.steps() == null) {
            long total = pass * config.epochs();
            long warmup = config.warmupSteps() != null ? config.warmupSteps() : Math.round(config.warmupEpochs() * pass);
            return new Budget(total, pass, config.epochs(), Math.min(warmup, total));
        }
        long total = config.steps();
        return ofSteps(total, pass, config.warmupSteps() != null ? config.warmupSteps() : defaultWarmup(total));
    }

    /**
     * A run of {@code total} steps validated every pass of {@code pass} steps, or every {@code total /}
     * {@link #CHUNKS} steps when that is longer.
     */
    public static Budget ofSteps(long total, long pass, long warmup) {
        long chunk = Math.min(total, Math.max(pass, (total + CHUNKS - 1) / CHUNKS));
        int chunks = (int) ((total + chunk - 1) / chunk);
        return new Budget(total, chunk, chunks, Math.min(warmup, total));
    }

    /** Steps of one pass over {@code images} labeled images at {@code batchSize} (at least 1). */
    public static long passSteps(int images, int batchSize) {
        return Math.max(1, (images + batchSize - 1) / batchSize);
    }

    /**
     * The default warm-up of a run of {@code total} steps: 5% of it (5 of 100 epochs removed the early
     * collapses of distillation and mutual learning at lr 0.05, docs/RESULTS.md issue 5), but at least 50
     * steps or a quarter of a shorter run, so a run with few labels — a few dozen steps — does not reach
     * the full rate in 2 to 4 steps, which made distillation's loss explode from 19 to 813 (issue 17).
     */
    public static long defaultWarmup(long total) {
        return Math.max(Math.round(WARMUP_SHARE * total), Math.min(WARMUP_FLOOR, total / 4));
    }
}
