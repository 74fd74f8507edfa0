package dev.mentor.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mentor.train.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teacher shipped to the executors is made from the bytes the driver read its model from: model.ckpt is read once
 * per labeling (session 11 found the driver reading it twice, once for itself and once for the executors).
 */
class TeacherPackageTest {
    @TempDir
    Path dir;

    @Test
    void thePackageHoldsTheGivenModelBytesWithoutReadingTheFileAgain() throws IOException {
        Path teacher = Fixtures.teacher(Files.createDirectories(dir.resolve("teacher")), 5);
        Path file = SavedModel.file(teacher);
        byte[] bytes = SavedModel.readBytes(teacher);
        SavedModel saved = SavedModel.parse(file, bytes);
        // the file is gone once read: a package that read it again could not be made
        Files.move(file, dir.resolve("moved.ckpt"));
        TeacherPackage shipped = TeacherPackage.of(teacher, saved, bytes);
        assertEquals(bytes.length, shipped.bytes());
        Path unpacked = shipped.unpack();
        assertArrayEquals(bytes, Files.readAllBytes(SavedModel.file(unpacked)));
        assertEquals(saved.spec(), SavedModel.read(unpacked).spec());
    }
}
