package dev.mentor.spark;

import dev.mentor.MentorException;
import dev.mentor.teacher.RunTeacher;
import dev.mentor.train.SavedModel;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished run's teacher as bytes, to ship with a job (a broadcast): its {@code model.ckpt} and the
 * backbone file it is built on, if any, by their names in the run, and its fingerprint (the digest
 * {@link RunTeacher#fingerprint()} gives the run), which an executor checks after writing its copy.
 */
final class TeacherPackage implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String fingerprint;
    private final LinkedHashMap<String, byte[]> files;

    private TeacherPackage(String fingerprint, LinkedHashMap<String, byte[]> files) {
        this.fingerprint = fingerprint;
        this.files = files;
    }

    /** The teacher of {@code run}, read as {@code saved} from {@code model}, the bytes of its model.ckpt (not read again). */
    static TeacherPackage of(Path run, SavedModel saved, byte[] model) {
        List<Path> paths = RunTeacher.files(run, saved);
        LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
        files.put(paths.get(0).getFileName().toString(), model);
        for (Path file : paths.subList(1, paths.size())) {
            try {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new MentorException("--teacher: " + file + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        return new TeacherPackage(RunTeacher.fingerprint(run, saved), files);
    }

    String fingerprint() {
        return fingerprint;
    }

    long bytes() {
        return files.values().stream().mapToLong(b -> b.length).sum();
    }

    /**
     * Writes the files into a new folder under the system's temporary folder and returns it, a run
     * directory {@link SavedModel#read} reads; checks that the copy has the teacher's fingerprint.
     */
    Path unpack() {
        try {
            Path dir = Files.createTempDirectory("mentor-teacher-" + fingerprint + "-");
            List<Path> written = new java.util.ArrayList<>();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.write(path, file.getValue());
                path.toFile().deleteOnExit();
                written.add(path);
            }
            dir.toFile().deleteOnExit();
            String copy = RunTeacher.fingerprint(written);
            if (!copy.equals(fingerprint)) {
                throw new IllegalStateException("the teacher's copy in " + dir + " has fingerprint " + copy + ", not " + fingerprint);
            }
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the teacher's files to a temporary folder: " + e.getMessage(), e);
        }
    }
}
