package dev.mentor.teacher;

import dev.mentor.MentorException;
import dev.mentor.data.Fingerprint;
import dev.mentor.train.Normalization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Digests that make teacher fingerprints: of model files and of normalisations. */
final class Digests {
    private Digests() {}

    /** A digest of the bytes of the files, in order (not of their names). */
    static String files(List<Path> files) {
        Fingerprint f = new Fingerprint();
        byte[] buffer = new byte[1 << 20];
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                f.update(Long.toString(Files.size(file)));
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    f.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new MentorException(file + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        return f.hex();
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
