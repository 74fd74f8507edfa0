package dev.mentor.run;

import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.data.Fingerprint;
import dev.mentor.data.ImageSet;
import dev.mentor.teacher.PseudoLabelFile;
import dev.mentor.teacher.PseudoLabelReport;
import dev.mentor.teacher.PseudoLabeler;
import dev.mentor.teacher.PseudoLabels;
import dev.mentor.teacher.RunTeacher;
import dev.mentor.train.SavedModel;
import dev.mentor.train.SavedModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pseudo-labels a pool with a finished teacher run and leaves the artifact in a folder: {@link
 * PseudoLabelFile}'s header and payload, {@value #REPORT_JSON} and {@value #REPORT_TEXT} ({@link
 * PseudoLabelReport}). The teacher is loaded as a {@link RunTeacher} (frozen, inference mode); the header
 * names it by its run, architecture and fingerprint (a digest of its model files), and the pool by its
 * data, fingerprint and split, so an artifact is only ever
 * reused for the teacher and pool that made it.
 */
public final class PseudoLabelRun {
    public static final String REPORT_JSON = "report.json";
    public static final String REPORT_TEXT = "report.txt";
    /** Every file the artifact folder may hold, for cleaning it. */
    public static final List<String> FILES = List.of(PseudoLabelFile.HEADER, PseudoLabelFile.PAYLOAD, PseudoLabelFile.LEGACY_PAYLOAD,
            REPORT_JSON, REPORT_TEXT);
    /** Images per forward of the teacher: a labeling elsewhere (mentor-spark) batches alike, so its outputs match. */
    public static final int BATCH_SIZE = 256;

    private PseudoLabelRun() {}

    /**
     * The labelers as the artifact header records them: a teacher by its run, architecture and fingerprint; an ensemble by
     * its runs ({@link Labelers#describe}), their architectures joined by {@code +}, and {@link #fingerprint} of them all, with
     * the teacher's data fingerprint.
     */
    private static PseudoLabelFile.Teacher identity(SavedModels models, Labelers labelers, RunTeacher teacher) {
        String fingerprint = Manifest.dataFingerprint(labelers.teacher());
        if (!labelers.isEnsemble()) {
            return new PseudoLabelFile.Teacher(labelers.teacher().toString(), teacher.learner().spec().architecture(),
                    teacher.fingerprint(), fingerprint);
        }
        String architectures = String.join("+", labelers.all().stream().map(run -> models.read(run).spec().architecture()).toList());
        return new PseudoLabelFile.Teacher(labelers.describe(), architectures, fingerprint(models, labelers), fingerprint);
    }

    /**
     * What names the labelers' outputs for a cache of them: the teacher's fingerprint ({@link RunTeacher#fingerprint(Path,
     * SavedModel)}) alone, or for an ensemble a digest of every member's in order, so its labels are never taken for the
     * teacher's.
     */
    public static String fingerprint(SavedModels models, Labelers labelers) {
        if (!labelers.isEnsemble()) {
            return RunTeacher.fingerprint(labelers.teacher(), models.read(labelers.teacher()));
        }
        Fingerprint digest = new Fingerprint().update("ensemble-mean").update(labelers.all().size());
        for (Path run : labelers.all()) {
            digest.update(RunTeacher.fingerprint(run, models.read(run)));
        }
        return digest.hex();
    }

    /**
     * The distributions the model of {@code teacherRun} gives {@code images} (named by {@code ids}), un-noised,
     * in inference mode: what a pool's pseudo-labels are, here without an artifact (e.g. of the validation split).
     */
    public static PseudoLabels predict(Path teacherRun, ImageSet images, List<String> ids, NDManager parent) {
        return predict(new SavedModels(), teacherRun, images, ids, parent);
    }

    /** {@link #predict(Path, ImageSet, List, NDManager)}, the teacher's model read through {@code models}. */
    public static PseudoLabels predict(SavedModels models, Path teacherRun, ImageSet images, List<String> ids, NDManager parent) {
        return predict(models, Labelers.of(teacherRun), images, ids, parent);
    }

    /** {@link #predict(Path, ImageSet, List, NDManager)} of the labelers: an ensemble's mean distribution. */
    public static PseudoLabels predict(SavedModels models, Labelers labelers, ImageSet images, List<String> ids, NDManager parent) {
        return predict(models, labelers, images, ids, parent, teacher -> { });
    }

    /**
     * {@link #predict(SavedModels, Labelers, ImageSet, List, NDManager)}; {@code loaded} reads the teacher (the first labeler)
     * before it is closed. Each member is loaded, run over the images and closed before the next, and its distributions added
     * to a running sum: one model and one member's distributions in memory at a time.
     */
    private static PseudoLabels predict(SavedModels models, Labelers labelers, ImageSet images, List<String> ids, NDManager parent,
            Consumer<RunTeacher> loaded) {
        List<Path> runs = labelers.all();
        if (runs.size() == 1) {
            return predict(runs.get(0), models.read(runs.get(0)), images, ids, parent, loaded, "teacher");
        }
        PseudoLabels.Sum sum = null;
        for (int m = 0; m < runs.size(); m++) {
            Path run = runs.get(m);
            PseudoLabels labels = predict(run, models.read(run), images, ids, parent, m == 0 ? loaded : teacher -> { },
                    m == 0 ? "teacher" : "ensemble");
            if (sum == null) {
                sum = new PseudoLabels.Sum(labels);
                continue;
            }
            try {
                sum.add(labels);
            } catch (IllegalArgumentException e) {
                throw MentorException.of("ensemble", run + " does not match the teacher " + labelers.teacher() + ": " + e.getMessage(), e);
            }
        }
        return sum.mean();
    }

    /**
     * The distributions of one run's model, as read ({@code saved}); {@code loaded} reads the teacher before it is closed. A
     * run whose outputs are no distributions is an error about {@code component}.
     */
    private static PseudoLabels predict(Path teacherRun, SavedModel saved, ImageSet images, List<String> ids, NDManager parent,
            Consumer<RunTeacher> loaded, String component) {
        try (NDManager manager = parent.newSubManager();
                RunTeacher teacher = new RunTeacher(teacherRun, saved, saved.normalization(), manager)) {
            PseudoLabels labels = new PseudoLabeler(teacher.learner(), saved.normalization(), BATCH_SIZE).label(images, ids);
            loaded.accept(teacher);
            return labels;
        } catch (IllegalArgumentException e) {
            throw MentorException.of(component, teacherRun + " gives no valid distribution (" + e.getMessage()
                    + "); did its training diverge?", e);
        }
    }

    /** Labels {@code pool} with the model of {@code teacherRun}, writes the artifact to {@code out} and returns the labels. */
    public static PseudoLabels label(Path teacherRun, UnlabeledPool pool, Path out, NDManager parent, Consumer<String> log) {
        return label(new SavedModels(), teacherRun, pool, out, parent, log);
    }

    /** {@link #label(Path, UnlabeledPool, Path, NDManager, Consumer)}, the teacher's model read through {@code models}. */
    public static PseudoLabels label(SavedModels models, Path teacherRun, UnlabeledPool pool, Path out, NDManager parent,
            Consumer<String> log) {
        return label(models, Labelers.of(teacherRun), pool, out, parent, log);
    }

    /** {@link #label(Path, UnlabeledPool, Path, NDManager, Consumer)} with the labelers' mean distribution. */
    public static PseudoLabels label(SavedModels models, Labelers labelers, UnlabeledPool pool, Path out, NDManager parent,
            Consumer<String> log) {
        SavedModel saved = models.read(labelers.teacher());
        saved.checkFits(pool.images(), "teacher", "the unlabeled pool");
        for (Path run : labelers.ensemble()) {
            models.read(run).checkFits(pool.images(), "ensemble", "the unlabeled pool");
        }
        long started = System.nanoTime();
        List<PseudoLabelFile.Teacher> identity = new ArrayList<>(1);
        PseudoLabels labels = predict(models, labelers, pool.images(), pool.ids(), parent,
                teacher -> identity.add(identity(models, labelers, teacher)));
        double seconds = (System.nanoTime() - started) / 1e9;
        PseudoLabelFile.write(out, labels, pool.idKind(), saved.classNames(), identity.get(0), pool.description());
        PseudoLabelReport report = PseudoLabelReport.of(labels, pool.trueLabels(), saved.classNames()).withLabelingSeconds(seconds);
        report.write(out.resolve(REPORT_JSON));
        try {
            Files.writeString(out.resolve(REPORT_TEXT), report.toText(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MentorException(out.resolve(REPORT_TEXT) + ": cannot write (" + e.getMessage() + ")", e);
        }
        log.accept(String.format("pseudo-labeled %,d images in %.1f s%s%s -> %s", labels.size(), seconds,
                report.accuracy() == null ? "" : String.format(", %.2f%% correct", 100 * report.accuracy()),
                labelers.isEnsemble() ? " (the mean of " + labelers.all().size() + " models)" : "", out));
        return labels;
    }

    /**
     * The labels of a distributed engine's artifact in {@code out} ({@code mentor pseudo-label --spark}), through
     * the {@link DistributedPseudoLabeling} on the classpath that recognises it; null when none does.
     */
    private static PseudoLabels readDistributed(SavedModels models, Path out, Labelers labelers, UnlabeledPool pool) {
        if (!Files.isDirectory(out)) {
            return null;
        }
        String fingerprint = null;
        for (DistributedPseudoLabeling engine : DistributedPseudoLabeling.all()) {
            if (fingerprint == null) {
                fingerprint = fingerprint(models, labelers);
            }
            PseudoLabels labels = engine.read(out, fingerprint, pool.ids());
            if (labels != null) {
                return labels;
            }
        }
        return null;
    }

    /**
     * The labels already in {@code out} when they were made by this teacher for this pool (the single-process
     * artifact, or a distributed engine's: {@link DistributedPseudoLabeling#read}); null when
     * the folder holds none. An artifact of another teacher or pool, or a damaged one, is a {@link
     * MentorException}: labels are never silently replaced under a run that trained on them.
     */
    public static PseudoLabels readMatching(Path out, Path teacherRun, UnlabeledPool pool, NDManager parent) {
        return readMatching(new SavedModels(), out, teacherRun, pool);
    }

    /**
     * {@link #readMatching(Path, Path, UnlabeledPool, NDManager)}, the teacher's model read through {@code models} (for its
     * fingerprint; the teacher is not loaded).
     */
    public static PseudoLabels readMatching(SavedModels models, Path out, Path teacherRun, UnlabeledPool pool) {
        return readMatching(models, out, Labelers.of(teacherRun), pool);
    }

    /** {@link #readMatching(SavedModels, Path, Path, UnlabeledPool)} of the labelers: an ensemble's labels match only it. */
    public static PseudoLabels readMatching(SavedModels models, Path out, Labelers labelers, UnlabeledPool pool) {
        if (!Files.exists(out.resolve(PseudoLabelFile.HEADER))) {
            return readDistributed(models, out, labelers, pool);
        }
        PseudoLabelFile.Artifact artifact = PseudoLabelFile.read(out);
        String fingerprint = fingerprint(models, labelers);
        String hint = " (delete " + out + " to label the pool again)";
        if (artifact.header().teacher() == null || !fingerprint.equals(artifact.header().teacher().fingerprint())) {
            throw new MentorException(out + ": pseudo-labels of another teacher than " + labelers.describe() + hint);
        }
        if (artifact.header().idKind() != pool.idKind() || !artifact.labels().ids().equals(pool.ids())) {
            throw new MentorException(out + ": pseudo-labels of another pool than this run's" + hint);
        }
        return artifact.labels();
    }

    /**
     * Refuses, before anything is trained, a folder that is not an artifact with exact distributions: a distributed
     * engine's stored as fp16 or top-K (a single-process artifact always stores fp32).
     */
    public static void checkExact(Path folder, String component) {
        requireFolder(folder, component);
        if (Files.exists(folder.resolve(PseudoLabelFile.HEADER))) {
            return;
        }
        for (DistributedPseudoLabeling engine : DistributedPseudoLabeling.all()) {
            String stored = engine.distribution(folder);
            if (stored != null && !stored.equals("fp32")) {
                throw MentorException.of(component, OptionText.text(folder + " stores " + stored + " distributions, not exact "
                        + "ones; label the pool with ").thenOption("distribution").then(" fp32"));
            }
        }
    }

    /** Refuses, naming {@code component}, a {@code folder} an artifact is to be read from that is not a folder. */
    public static void requireFolder(Path folder, String component) {
        if (!Files.isDirectory(folder)) {
            throw MentorException.of(component, folder + " is not a folder");
        }
    }

    /**
     * The labels of an artifact a run is pointed at (the config component {@code component}, e.g. {@code
     * pseudo_labels_from}): {@code
     * mentor pseudo-label}'s, made with or without a distributed engine, by the teacher of {@code teacherRun} for
     * every image of {@code pool}. With {@code exactDistributions}, a distributed artifact must store its
     * distributions as fp32 (a single-process one always does): fp16 and top-K ones are rounded. Every refusal is
     * one {@link MentorException} about {@code component}.
     */
    public static PseudoLabels readGiven(Path folder, String component, Path teacherRun, UnlabeledPool pool, boolean exactDistributions,
            NDManager parent) {
        return readGiven(new SavedModels(), folder, component, teacherRun, pool, exactDistributions);
    }

    /** {@link #readGiven(Path, String, Path, UnlabeledPool, boolean, NDManager)}, the teacher's model read through {@code models}. */
    public static PseudoLabels readGiven(SavedModels models, Path folder, String component, Path teacherRun, UnlabeledPool pool,
            boolean exactDistributions) {
        if (exactDistributions) {
            checkExact(folder, component);
        } else {
            requireFolder(folder, component);
        }
        PseudoLabels labels;
        try {
            labels = readMatching(models, folder, teacherRun, pool);
        } catch (MentorException e) {
            throw e.within(component);
        }
        if (labels == null) {
            throw MentorException.of(component, OptionText.text(folder + " holds no pseudo-labels of mentor pseudo-label (an "
                    + "artifact of ").thenOption("master").then(" needs the mentor-spark module on the classpath: ./mentor adds it when "
                    + "the folder holds one)"));
        }
        return labels;
    }
}
