package dev.mentor.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trained models one run reads — its teacher, the run its model starts from ({@code --init}) — each read once
 * and handed to everything that needs it: the check that it fits the run, its weights as a teacher and as a starting
 * point, its fingerprint (from the same bytes, {@link SavedModel#digest}). A model file changed on disk since it was
 * read (its size or modification time) is read again. Holds the last {@value #KEPT} models read, so the rounds of a
 * self-training run (each round's teacher the model of the round before, and the run's own starting point) do not keep
 * every teacher's weights. Not for use by several threads.
 */
public final class SavedModels {
    /** Models kept: a round's teacher and the run's starting point. */
    static final int KEPT = 2;

    private record Read(long size, FileTime modified, SavedModel model) {}

    private final Map<Path, Read> read = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Read> eldest) {
            return size() > KEPT;
        }
    };

    /** The model of a run directory or model file ({@link SavedModel#read}), read from disk unless this run has read it already. */
    public SavedModel read(Path runOrFile) {
        Path file = SavedModel.file(runOrFile).toAbsolutePath().normalize();
        long size;
        FileTime modified;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return SavedModel.read(runOrFile); // missing or unreadable: its own message
        }
        Read known = read.get(file);
        if (known != null && known.size() == size && known.modified().equals(modified)) {
            return known.model();
        }
        SavedModel model = SavedModel.read(runOrFile);
        read.put(file, new Read(size, modified, model));
        return model;
    }
}
