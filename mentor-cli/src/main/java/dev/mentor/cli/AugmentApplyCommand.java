package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import dev.mentor.augment.ImageOp;
import dev.mentor.data.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mentor augment apply --op OP --value V --in IN --out OUT}: one op at one magnitude value, with
 * torchvision's meaning of the value, on a PNG file or on every PNG directly in a folder (written under
 * the same names). Grey PNGs stay grey, RGB stay RGB (alpha and palettes become RGB), sizes are kept.
 * Existing outputs are refused unless {@code --force}; nothing is written when any would be refused.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Apply one op at one magnitude value to a PNG file or a folder of PNGs.")
final class AugmentApplyCommand extends Subcommand {
    @Option(names = "--op", required = true, description = "The op: one of ${COMPLETION-CANDIDATES}", completionCandidates = OpNames.class)
    String op;

    @Option(names = "--value", description = "Magnitude value as torchvision means it: shear factor, pixels, degrees, "
            + "enhancement 1+V, bits, threshold; Cutout: side in pixels (not needed by Identity, AutoContrast, Equalize, Invert)")
    Double value;

    @Option(names = "--in", required = true, paramLabel = "IN", description = "A PNG file, or a folder of PNG files")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "The PNG file, or the folder, to write")
    Path out;

    @Option(names = "--force", description = "Overwrite existing output files")
    boolean force;

    @Mixin
    Verbose verbose;

    /** picocli's completion candidates: the ops' names. */
    static final class OpNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        OpNames() {
            for (ImageOp o : ImageOp.values()) {
                add(o.displayName());
            }
        }
    }

    @Override
    public Integer call() {
        ImageOp operation;
        try {
            operation = ImageOp.byName(op);
        } catch (IllegalArgumentException e) {
            throw new MentorException("--op: " + e.getMessage());
        }
        if (value == null && operation.takesValue()) {
            throw new MentorException("--value: " + operation.displayName() + " needs a value");
        }
        double v = value == null ? 0.0 : value;
        List<Path[]> jobs = jobs();
        for (Path[] job : jobs) {
            if (!force && Files.exists(job[1])) {
                throw new MentorException("--out: " + job[1] + " already exists (use --force to overwrite)");
            }
        }
        for (Path[] job : jobs) {
            Image image = ImageFiles.read(job[0]);
            Image result;
            try {
                result = operation.apply(image, v);
            } catch (IllegalArgumentException e) {
                throw new MentorException("--value: " + e.getMessage());
            }
            PngFiles.write(result, job[1]);
        }
        out().printf("%s(%s): wrote %d image%s to %s%n", operation.displayName(),
                value == null ? "" : value, jobs.size(), jobs.size() == 1 ? "" : "s", out);
        return 0;
    }

    /** Pairs of (input file, output file). */
    private List<Path[]> jobs() {
        if (Files.isDirectory(in)) {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new MentorException("--out: " + out + " is a file, but --in " + in + " is a folder");
            }
            List<Path[]> jobs = new ArrayList<>();
            try (Stream<Path> files = Files.list(in)) {
                for (Path file : files.filter(PngFiles::isPng).sorted().toList()) {
                    jobs.add(new Path[] {file, out.resolve(file.getFileName().toString())});
                }
            } catch (IOException | UncheckedIOException e) {
                throw new MentorException("--in: " + in + ": cannot list (" + e.getMessage() + ")", e);
            }
            if (jobs.isEmpty()) {
                throw new MentorException("--in: " + in + " holds no .png files");
            }
            return jobs;
        }
        if (!Files.exists(in)) {
            throw new MentorException("--in: " + in + ": no such file or folder");
        }
        if (!PngFiles.isPng(in)) {
            throw new MentorException("--in: " + in + " is not a .png file");
        }
        if (Files.isDirectory(out)) {
            throw new MentorException("--out: " + out + " is a folder, but --in " + in + " is a file");
        }
        return List.<Path[]>of(new Path[] {in, out});
    }
}
