package dev.mentor.train;

import dev.mentor.MentorException;
import dev.mentor.data.Fingerprint;
import dev.mentor.io.FileReads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A digest of files' bytes, each preceded by its size: what names a teacher run (its {@code model.ckpt}, then the
 * backbone file it is built on, if any). A model file read once for its weights is digested from the same bytes
 * ({@link #of}), and the files after it added when the fingerprint is asked for, so the model file is never read again
 * for it.
 */
public final class FileDigest {
    private final Fingerprint state;

    private FileDigest(Fingerprint state) {
        this.state = state;
    }

    /** The digest of a file whose bytes, all of them, are {@code bytes}. */
    public static FileDigest of(byte[] bytes) {
        Fingerprint f = new Fingerprint();
        f.update(Long.toString(bytes.length));
        f.update(bytes);
        return new FileDigest(f);
    }

    /** The fingerprint of the file this digest was made of followed by {@code more}, read from disk; this digest is left as it is. */
    public String fingerprint(List<Path> more) {
        Fingerprint f = state.copy();
        for (Path file : more) {
            update(f, file);
        }
        return f.hex();
    }

    /** The fingerprint of the bytes of {@code files}, in order (not of their names), each read from disk. */
    public static String files(List<Path> files) {
        Fingerprint f = new Fingerprint();
        for (Path file : files) {
            update(f, file);
        }
        return f.hex();
    }

    private static void update(Fingerprint f, Path file) {
        FileReads.read(file);
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            f.update(Long.toString(Files.size(file)));
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                f.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new MentorException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
