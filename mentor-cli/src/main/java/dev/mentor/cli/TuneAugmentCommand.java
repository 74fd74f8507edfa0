package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.io.RecordFormat;
import dev.mentor.method.Supervised;
import dev.mentor.run.Experiment;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.RunResult;
import dev.mentor.train.EpochMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mentor tune augment --n 1,2,3 --m 5,9,13,17}: RandAugment's own search (Cubuk et al., 2020),
 * a grid over the number of ops N and the magnitude M. Each cell is a short supervised run with
 * {@code --augment BASE+randaugment:n=N,m=M}; the winner is the cell with the best validation accuracy
 * (the test split is never looked at, and test metrics are not printed).
 */
@Command(name = "augment", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Grid-search RandAugment's N and M by validation accuracy; prints the grid and the winner.")
final class TuneAugmentCommand extends Subcommand {
    static final String FILE = "tune.json";

    @Option(names = "--n", split = ",", defaultValue = "1,2,3", description = "Numbers of ops (default: ${DEFAULT-VALUE})")
    List<Integer> ops;

    @Option(names = "--m", split = ",", defaultValue = "5,9,13,17", description = "Magnitudes, bins of 31 (default: ${DEFAULT-VALUE})")
    List<Integer> magnitudes;

    @Mixin
    TrainOptions options;


    private record Cell(int n, int m, double validation, Path run) {}

    /**
     * {@code tune.json}: the grid's cells and the winner.
     *
     * @param baseAugment the policy every cell adds RandAugment to
     */
    record Summary(String baseAugment, List<Searched> cells, Winner winner) {
        /**
         * Version 1. An earlier build's had the same snake_case keys without format and version (its cells' keys in
         * no fixed order).
         */
        static final RecordFormat FILE = RecordFormat.lenient("tune-augment", 1, RecordFormat.Legacy.SNAKE_CASE);

        Summary {
            cells = List.copyOf(cells);
        }

        /** @param run the cell's run directory */
        record Searched(int n, int m, double validationAccuracy, String run) {}

        record Winner(int n, int m, double validationAccuracy) {}

        void write(Path file) {
            FILE.write(file, this);
        }

        static Summary read(Path file) {
            return FILE.read(file, Summary.class);
        }
    }

    @Override
    public Integer call() {
        if (options.validationPerClass <= 0) {
            throw new MentorException("--validation-per-class: the search selects on validation, so it must be > 0, got " + options.validationPerClass);
        }
        if (options.resume != null) {
            throw new MentorException("--resume: not supported by tune augment; rerun the grid into a new --out");
        }
        PrintWriter err = err();
        ExperimentConfig base = options.toConfig();
        Path root = options.out != null ? options.out : Experiment.defaultDirectory("tune-augment", base.model());
        List<Cell> cells = new ArrayList<>();
        Experiment.Prepared prepared = null;
        for (int n : ops) {
            for (int m : magnitudes) {
                String policy = base.augment() + "+randaugment:n=" + n + ",m=" + m;
                ExperimentConfig config = base.withAugment(policy);
                if (prepared == null) {
                    prepared = Experiment.prepare(config);
                } else {
                    Experiment.augmentation(policy, prepared.data().train().width());
                }
                Path dir = root.resolve("n" + n + "-m" + m);
                err.println("== " + policy + " -> " + dir);
                RunResult result = new Experiment(config, c -> new Supervised(c.newLearner(0)), Main.log(err))
                        .run(prepared, RunDirectory.create(dir, options.force), false, List.of(new ConsoleProgress(err)));
                List<EpochMetrics> h = result.history();
                cells.add(new Cell(n, m, h.get(h.size() - 1).validationAccuracy(), dir));
            }
        }
        Cell best = cells.get(0);
        for (Cell c : cells) {
            if (c.validation() > best.validation()) {
                best = c;
            }
        }
        PrintWriter out = out();
        out.printf("validation accuracy (%%), %s, %d epochs%n", base.model(), base.epochs());
        out.printf("%6s", "N \\ M");
        for (int m : magnitudes) {
            out.printf("%8d", m);
        }
        out.println();
        for (int n : ops) {
            out.printf("%6d", n);
            for (int m : magnitudes) {
                for (Cell c : cells) {
                    if (c.n() == n && c.m() == m) {
                        out.printf("%8.2f", 100 * c.validation());
                    }
                }
            }
            out.println();
        }
        out.printf("winner: randaugment:n=%d,m=%d (validation %.2f%%), run %s%n", best.n(), best.m(), 100 * best.validation(), best.run());
        new Summary(base.augment().toString(), cells.stream().map(c -> new Summary.Searched(c.n(), c.m(), c.validation(), c.run().toString())).toList(),
                new Summary.Winner(best.n(), best.m(), best.validation())).write(root.resolve(FILE));
        return 0;
    }
}
