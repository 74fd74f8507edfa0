package dev.mentor.teacher;

import dev.mentor.data.Fingerprint;
import dev.mentor.train.FileDigest;
import dev.mentor.train.Normalization;
import java.nio.file.Path;
import java.util.List;

/** Digests that make teacher fingerprints: of model files and of normalisations. */
final class Digests {
    private Digests() {}

    /** A digest of the bytes of the files, in order (not of their names). */
    static String files(List<Path> files) {
        return FileDigest.files(files);
    }

    /** A digest of a normalisation's values ({@code none} for null). */
    static String normalization(Normalization normalization) {
        if (normalization == null) {
            return "none";
        }
        Fingerprint f = new Fingerprint();
        for (float[] values : new float[][] {normalization.mean(), normalization.std()}) {
            f.update(values.length);
            for (float v : values) {
                f.update(Float.floatToIntBits(v));
            }
        }
        return f.hex();
    }
}
