package dev.mentor.run;

import dev.mentor.data.DataSpec;
import dev.mentor.data.ImageSet;
import dev.mentor.data.Split;
import dev.mentor.data.UnlabeledFolder;
import dev.mentor.teacher.PseudoLabelFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The unlabeled pool of a prepared run as a teacher labels it: the images (labels hidden), the ids
 * that name them in a pseudo-label artifact — the training-set index for the default split's pool,
 * the path under the folder for {@code --unlabeled folder:DIR} — and their true labels when the data
 * has them (the default split keeps them in the training set, for diagnostics only).
 *
 * @param trueLabels each image's true class, or null when unknown
 */
public record UnlabeledPool(ImageSet images, List<String> ids, PseudoLabelFile.IdKind idKind, int[] trueLabels,
        PseudoLabelFile.Pool description) {

    public UnlabeledPool {
        ids = List.copyOf(ids);
        if (ids.size() != images.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + images.size() + " images");
        }
        trueLabels = trueLabels == null ? null : trueLabels.clone();
    }

    @Override
    public int[] trueLabels() {
        return trueLabels == null ? null : trueLabels.clone();
    }

    /** The ids of a folder's images, in its order: each file's path under the folder, with {@code /} between names. */
    public static List<String> ids(UnlabeledFolder folder) {
        List<String> ids = new ArrayList<>(folder.size());
        for (int i = 0; i < folder.size(); i++) {
            ids.add(PseudoLabelFile.checkRelative(
                    folder.directory().relativize(folder.file(i)).toString().replace(java.io.File.separatorChar, '/')));
        }
        return ids;
    }

    /** A folder pool ({@code --unlabeled folder:DIR}, {@code spec}), its images named by their paths under the folder. */
    public static UnlabeledPool of(UnlabeledFolder folder, DataSpec spec, List<Integer> classes) {
        return new UnlabeledPool(folder, ids(folder), PseudoLabelFile.IdKind.PATH, null,
                new PseudoLabelFile.Pool(spec.toString(), classes, null, null, null, null, null, folder.size()));
    }

    /** The pool {@link Experiment#prepare} drew for {@code config}. */
    public static UnlabeledPool of(ExperimentConfig config, Experiment.Prepared prepared) {
        ImageSet images = prepared.unlabeled();
        if (config.unlabeled() != null) {
            if (!(images instanceof UnlabeledFolder folder)) {
                throw new IllegalStateException("an unlabeled folder pool is read from a folder, got " + images);
            }
            return of(folder, config.unlabeled(), config.classes());
        }
        return ofSplit(config, prepared.data().train(), prepared.split(), images, prepared.data().fingerprint());
    }

    /**
     * The default split's pool ({@code config} without {@code --unlabeled}): {@code images}, the images of {@code train} at
     * {@code split}'s unlabeled indices, each named by that index; {@code dataFingerprint} is only described (null when
     * unknown), as the ids are what an artifact is matched by.
     */
    static UnlabeledPool ofSplit(ExperimentConfig config, ImageSet train, Split split, ImageSet images, String dataFingerprint) {
        int[] indices = split.unlabeled();
        List<String> ids = new ArrayList<>(indices.length);
        int[] truth = new int[indices.length];
        boolean known = true;
        for (int i = 0; i < indices.length; i++) {
            ids.add(Integer.toString(indices[i]));
            truth[i] = train.label(indices[i]);
            known &= truth[i] != ImageSet.UNLABELED;
        }
        return new UnlabeledPool(images, ids, PseudoLabelFile.IdKind.INDEX, known ? truth : null,
                new PseudoLabelFile.Pool(config.data().toString(), config.classes(), dataFingerprint, config.seed(), config.labels(),
                        config.labelsPerClass(), config.validationPerClass(), train.size()));
    }
}
