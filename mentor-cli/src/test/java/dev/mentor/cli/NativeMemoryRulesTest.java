package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Mentor class outside {@code dev.mentor.ndarray} calls a DJL method that leaves a tensor on Java
 * memory: the {@code NDArray} and {@code NDManager} overloads taking a {@code Number} (the number's
 * 0-d tensor is freed by the garbage collector while autograd still holds it: issue 10's NaN),
 * {@code NDManager.create} from Java data, {@code NDArray.set(Buffer)} and {@code copyTo}. Read from
 * the compiled classes of every Mentor module on the class path, so a new call anywhere is caught.
 */
class NativeMemoryRulesTest {
    private static final String NDARRAY = "ai/djl/ndarray/NDArray";
    private static final String NDMANAGER = "ai/djl/ndarray/NDManager";

    @Test
    void onlyTheNdarrayPackageTouchesJavaBackedTensors() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> classes = new HashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (Files.isDirectory(path) && name.equals("classes") && path.getParent().getParent().getFileName().toString().startsWith("mentor-")) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                        try (InputStream in = Files.newInputStream(file)) {
                            check(path.relativize(file).toString().replace(File.separatorChar, '/'), in, classes, violations);
                        }
                    }
                }
            } else if (name.startsWith("mentor-") && name.endsWith(".jar")) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                        if (e.getName().startsWith("dev/mentor/") && e.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                check(e.getName(), in, classes, violations);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(classes.contains("dev/mentor/method/MetaPseudoLabels.class") && classes.size() > 200,
                "the scan must see every module's classes; saw " + classes.size());
        assertEquals(List.of(), violations, "use dev.mentor.ndarray.Scalars / NativeArrays instead");
    }

    private static void check(String className, InputStream in, Set<String> classes, List<String> violations) throws IOException {
        classes.add(className);
        if (className.startsWith("dev/mentor/ndarray/")) {
            return;
        }
        for (String[] ref : methodReferences(new DataInputStream(in))) {
            String owner = ref[0];
            String method = ref[1];
            String descriptor = ref[2];
            if (!owner.equals(NDARRAY) && !owner.equals(NDMANAGER)) {
                continue;
            }
            String parameters = descriptor.substring(1, descriptor.indexOf(')'));
            boolean number = parameters.contains("Ljava/lang/Number;");
            boolean fromJava = owner.equals(NDMANAGER) && method.equals("create") && !parameters.startsWith("Lai/djl/ndarray/types/Shape;");
            boolean swap = owner.equals(NDARRAY) && (method.equals("copyTo") || method.equals("set") && parameters.equals("Ljava/nio/Buffer;"));
            if (number || fromJava || swap) {
                violations.add(className + " calls " + owner.substring(owner.lastIndexOf('/') + 1) + "." + method + descriptor);
            }
        }
    }

    /** The (owner, name, descriptor) of every method a class file refers to, from its constant pool. */
    static List<String[]> methodReferences(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        int[] tag = new int[count];
        for (int i = 1; i < count; i++) {
            tag[i] = in.readUnsignedByte();
            switch (tag[i]) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag[i]);
            }
        }
        List<String[]> refs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tag[i] == 10 || tag[i] == 11) {
                String owner = utf8[first[first[i]]];
                int nameAndType = second[i];
                refs.add(new String[] {owner, utf8[first[nameAndType]], utf8[second[nameAndType]]});
            }
        }
        return refs;
    }
}
