package dev.mentor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.MentorException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSpecTest {
    @Test
    void aSpecIsItsTextAndItsTextIsTheSpec() {
        for (String text : List.of("fashion-mnist", "idx:/data/mnist", "folder:~/pets", "folder:pets/", "cifar10:/data/c10",
                "cifar100:~")) {
            assertEquals(text, DataSpec.parse(text).toString(), text);
        }
        assertEquals("cifar100:/data/c100", DataSpec.parse(" CIFAR100:/data/c100 ").toString());
    }

    @Test
    void aJavaUserBuildsTheSpecTheCommandLineParses() {
        assertEquals(DataSpec.parse("folder:/data/pets"), DataSpec.folder(Path.of("/data/pets")));
        assertEquals(DataSpec.parse("idx:/data/mnist"), DataSpec.idx(Path.of("/data/mnist")));
        assertEquals(DataSpec.parse("cifar10:/c"), DataSpec.cifar10(Path.of("/c")));
        assertEquals(DataSpec.parse("fashion-mnist"), DataSpec.fashionMnist());
        assertEquals(DataSpec.Kind.CIFAR100, DataSpec.cifar100(Path.of("/c")).kind());
    }

    @Test
    void theDirectoryIsResolvedWhenRead() {
        Path home = Path.of("/home/u");
        assertEquals(home.resolve("pets"), DataSpec.parse("folder:~/pets").directory(home));
        assertEquals(home, DataSpec.parse("idx:~").directory(home));
        assertEquals(Path.of("/d"), DataSpec.parse("idx:/d").directory(home));
        assertEquals(null, DataSpec.fashionMnist().directory(home));
    }

    @Test
    void badTextIsAnErrorAboutTheComponentQuotingIt() {
        assertEquals("data: unknown data source 'xyz' (expected fashion-mnist, idx:DIR, folder:DIR, cifar10:DIR or cifar100:DIR)",
                message(() -> DataSpec.parse("xyz:/d")));
        assertEquals("data: 'idx' needs a directory after the colon, e.g. idx:/data/images", message(() -> DataSpec.parse("idx")));
        assertEquals("data: 'fashion-mnist:/x': fashion-mnist takes no directory (use idx:DIR for IDX files in a directory of "
                + "your choice)", message(() -> DataSpec.parse("fashion-mnist:/x")));
        assertEquals("unlabeled: unknown source 'idx' (expected folder:DIR)", message(() -> DataSpec.parseUnlabeled("idx:/d")));
        assertEquals("unlabeled: 'folder' needs a directory after the colon, e.g. folder:/data/images",
                message(() -> DataSpec.parseUnlabeled("folder")));
        assertEquals("data: idx needs a directory, got ' '", message(() -> new DataSpec(DataSpec.Kind.IDX, " ")));
    }

    @Test
    void jsonHoldsTheText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("\"folder:~/pets\"", json.writeValueAsString(DataSpec.parse("folder:~/pets")));
        assertEquals(DataSpec.parse("cifar10:/c"), json.readValue("\"cifar10:/c\"", DataSpec.class));
    }

    private static String message(org.junit.jupiter.api.function.Executable failing) {
        return assertThrows(MentorException.class, failing).getMessage();
    }
}
