package dev.mentor.teacher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mentor.MentorException;
import dev.mentor.io.AtomicFiles;
import dev.mentor.io.Safetensors;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pseudo-labels as an artifact: a folder holding {@value #HEADER} (JSON: format, version, counts, class
 * names, the teacher's identity, the pool's description, the payload's name, size and SHA-256) and
 * {@value #PAYLOAD}, one row per image in the safetensors layout ({@link Safetensors}), so PyTorch, NumPy
 * or any safetensors reader opens it. Reading validates everything — header fields, the payload's size
 * and SHA-256 (its one integrity check), its layout, each tensor's dtype and shape against the header's
 * count and classes, every row's id, label, confidence, entropy and distribution — and reports the first
 * problem as a one-line {@link MentorException} naming the file (and the record). A path id never leaves
 * its folder: it must be relative, '/'-separated, without empty, {@code .} or {@code ..} segments
 * ({@link #resolve}).
 *
 * <p>Payload (version {@value #VERSION}), n images of k classes, tensors in this order (each aligned to
 * its element size): {@code labels} I64 [n] (the hard label, the most probable class, the lowest on
 * ties); {@code ids} I64 [n] (training-set indices, id kind {@code INDEX}) or {@code path_offsets} I64
 * [n + 1] (id kind {@code PATH}: image i's path is bytes {@code path_offsets[i]} to {@code
 * path_offsets[i + 1]} of {@code path_bytes}, from 0 to its length); {@code distributions} F32 [n, k];
 * {@code confidences} F32 [n] (the label's probability); {@code entropies} F32 [n] (nats); with PATH
 * ids, last, {@code path_bytes} U8 [total] (the paths' UTF-8, concatenated). {@code __metadata__} is
 * {@code {"format": "mentor-pseudo-labels", "version": "2", "id_kind": "INDEX"|"PATH"}}.
 *
 * <p>Version 1 artifacts ({@value #LEGACY_PAYLOAD}, magic {@code MENTORPL}, read by {@code PseudoLabelFileV1})
 * still read, so labels made before keep feeding runs; only version {@value #VERSION} is written.
 */
public final class PseudoLabelFile {
    public static final String HEADER = "pseudo-labels.json";
    public static final String PAYLOAD = "pseudo-labels.safetensors";
    /** The payload of a version-1 artifact, which still reads; writing an artifact deletes one left in its folder. */
    public static final String LEGACY_PAYLOAD = "pseudo-labels.bin";
    public static final String FORMAT = "mentor-pseudo-labels";
    public static final int VERSION = 2;
    static final int LEGACY_VERSION = 1;
    static final int MAX_PATH_BYTES = 4096;
    private static final float ENTROPY_TOLERANCE = 1e-4f;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String LABELS = "labels";
    private static final String IDS = "ids";
    private static final String PATH_OFFSETS = "path_offsets";
    private static final String DISTRIBUTIONS = "distributions";
    private static final String CONFIDENCES = "confidences";
    private static final String ENTROPIES = "entropies";
    private static final String PATH_BYTES = "path_bytes";

    private PseudoLabelFile() {}

    /** How images are named: by index in the training set, or by path under the pool folder. */
    public enum IdKind { INDEX, PATH }

    /**
     * The teacher that made the labels.
     *
     * @param run the teacher's run directory
     * @param architecture its model
     * @param fingerprint {@link Teacher#fingerprint()}: a digest of its model file (and of the backbone
     *     file a file-based model is built on)
     * @param dataFingerprint fingerprint of the data it was trained on
     */
    public record Teacher(String run, String architecture, String fingerprint, String dataFingerprint) {}

    /**
     * The pool that was labeled.
     *
     * @param data the {@code --data} spec whose split gave the pool, or the {@code --unlabeled} spec
     * @param classes the original classes kept ({@code --classes}), or null for all
     * @param dataFingerprint the data's fingerprint (null for a folder pool)
     * @param seed split seed (null for a folder pool)
     * @param labels labeled budget of the split, or null
     * @param labelsPerClass labeled images per class of the split, or null
     * @param validationPerClass validation images per class of the split (null for a folder pool)
     * @param baseSize the training set's size (index ids lie below it) or the folder's image count
     */
    public record Pool(String data, List<Integer> classes, String dataFingerprint, Long seed, Integer labels, Integer labelsPerClass,
            Integer validationPerClass, int baseSize) {}

    /** The JSON header. */
    public record Header(String format, int version, IdKind idKind, int count, int classes, List<String> classNames,
            Teacher teacher, Pool pool, String payload, long payloadBytes, String payloadSha256) {}

    /** A read artifact. */
    public record Artifact(Header header, PseudoLabels labels) {}

    /**
     * Writes the artifact into {@code folder} (created if needed): the payload, then the header that vouches for
     * it, each atomically, so a reader sees the artifact before or after; then a version-1 payload left there is
     * deleted, no header naming it any more.
     */
    public static Header write(Path folder, PseudoLabels labels, IdKind idKind, List<String> classNames,
            Teacher teacher, Pool pool) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("version", Integer.toString(VERSION));
        metadata.put("id_kind", idKind.name());
        AtomicFiles.Body body = Safetensors.body(tensors(labels, idKind), metadata);
        try {
            Files.createDirectories(folder);
            Digesting digest = new Digesting();
            AtomicFiles.write(folder.resolve(PAYLOAD), out -> body.write(digest.of(out)));
            Header header = new Header(FORMAT, VERSION, idKind, labels.size(), labels.classes(), List.copyOf(classNames),
                    teacher, pool, PAYLOAD, digest.bytes, digest.hex());
            AtomicFiles.write(folder.resolve(HEADER), JSON.writeValueAsBytes(header));
            Files.deleteIfExists(folder.resolve(LEGACY_PAYLOAD));
            return header;
        } catch (IOException e) {
            throw MentorException.of("out", "cannot write pseudo-labels to " + folder + " (" + e.getMessage() + ")", e);
        }
    }

    /** The payload's tensors, widest element first so that each lies aligned to its element size. */
    private static Map<String, Safetensors.Tensor> tensors(PseudoLabels labels, IdKind idKind) {
        int n = labels.size();
        long[] hard = new long[n];
        float[] confidences = new float[n];
        float[] entropies = new float[n];
        for (int i = 0; i < n; i++) {
            hard[i] = labels.label(i);
            confidences[i] = labels.confidence(i);
            entropies[i] = labels.entropy(i);
        }
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        tensors.put(LABELS, Safetensors.Tensor.i64(hard, n));
        byte[] paths = null;
        if (idKind == IdKind.INDEX) {
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = Integer.parseInt(labels.ids().get(i));
            }
            tensors.put(IDS, Safetensors.Tensor.i64(ids, n));
        } else {
            long[] offsets = new long[n + 1];
            ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
            for (int i = 0; i < n; i++) {
                utf8.writeBytes(checkRelative(labels.ids().get(i)).getBytes(StandardCharsets.UTF_8));
                offsets[i + 1] = utf8.size();
            }
            tensors.put(PATH_OFFSETS, Safetensors.Tensor.i64(offsets, n + 1L));
            paths = utf8.toByteArray();
        }
        tensors.put(DISTRIBUTIONS, Safetensors.Tensor.f32(labels.probabilities(), n, labels.classes()));
        tensors.put(CONFIDENCES, Safetensors.Tensor.f32(confidences, n));
        tensors.put(ENTROPIES, Safetensors.Tensor.f32(entropies, n));
        if (paths != null) {
            tensors.put(PATH_BYTES, Safetensors.Tensor.u8(paths, paths.length));
        }
        return tensors;
    }

    /** Counts and digests (SHA-256) what a writer writes through it. */
    private static final class Digesting {
        private final MessageDigest sha256 = sha256();
        private long bytes;

        OutputStream of(OutputStream out) {
            return new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    sha256.update((byte) b);
                    bytes++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    sha256.update(b, off, len);
                    bytes += len;
                }
            };
        }

        String hex() {
            return HexFormat.of().formatHex(sha256.digest());
        }
    }

    /** Reads and validates the artifact in {@code folder} (either version). */
    public static Artifact read(Path folder) {
        Header header = readHeader(folder.resolve(HEADER));
        Path file = folder.resolve(header.payload());
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size != header.payloadBytes()) {
                throw new MentorException(file + ": " + size + " bytes, the header says " + header.payloadBytes() + " (truncated or replaced)");
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new MentorException(file + ": " + size + " bytes is more than a pseudo-label file can hold");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MentorException(file + ": cannot read pseudo-labels (" + e.getMessage() + ")", e);
        }
        if (bytes.length != header.payloadBytes()) {
            throw new MentorException(file + ": " + bytes.length + " bytes, the header says " + header.payloadBytes() + " (truncated or replaced)");
        }
        if (!HexFormat.of().formatHex(sha256().digest(bytes)).equals(header.payloadSha256())) {
            throw new MentorException(file + ": SHA-256 differs from the header's (the file was changed after it was written)");
        }
        PseudoLabels labels = header.version() == VERSION ? decode(file, bytes, header) : PseudoLabelFileV1.decode(file, bytes, header);
        return new Artifact(header, labels);
    }

    /** The header of the artifact in {@code folder}, validated, without reading its labels. */
    public static Header header(Path folder) {
        return readHeader(folder.resolve(HEADER));
    }

    private static Header readHeader(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MentorException(file + ": no pseudo-label header here (is this a pseudo-label folder?)");
        }
        Header h;
        try {
            h = JSON.readValue(file.toFile(), Header.class);
        } catch (JsonProcessingException e) {
            throw new MentorException(file + ": not a pseudo-label header (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new MentorException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (h == null || !FORMAT.equals(h.format())) {
            throw new MentorException(file + ": format is " + (h == null ? null : quote(h.format())) + ", expected '" + FORMAT + "'");
        }
        if (h.version() != VERSION && h.version() != LEGACY_VERSION) {
            throw new MentorException(file + ": version " + h.version() + " is not supported (expected " + LEGACY_VERSION + " or "
                    + VERSION + ")");
        }
        if (h.idKind() == null || h.count() < 0 || h.classes() < 2 || h.classNames() == null
                || h.classNames().size() != h.classes()) {
            throw new MentorException(file + ": id kind " + h.idKind() + ", count " + h.count() + ", " + h.classes()
                    + " classes and class names " + h.classNames() + " do not fit together");
        }
        String payload = h.version() == VERSION ? PAYLOAD : LEGACY_PAYLOAD;
        if (!payload.equals(h.payload()) || h.payloadSha256() == null || h.pool() == null) {
            throw new MentorException(file + ": payload of version " + h.version() + " must be '" + payload
                    + "' with its SHA-256 and pool, got " + quote(h.payload()));
        }
        return h;
    }

    /** A version-2 payload, whose bytes the header vouched for. */
    private static PseudoLabels decode(Path file, byte[] bytes, Header header) {
        Safetensors.Contents contents = Safetensors.read(file, bytes);
        Map<String, String> metadata = contents.metadata();
        if (!FORMAT.equals(metadata.get("format")) || !Integer.toString(VERSION).equals(metadata.get("version"))
                || !header.idKind().name().equals(metadata.get("id_kind"))) {
            throw new MentorException(file + ": metadata format, version and id kind " + quote(metadata.get("format")) + ", "
                    + quote(metadata.get("version")) + ", " + quote(metadata.get("id_kind")) + " are not the header's ('" + FORMAT
                    + "', '" + VERSION + "', '" + header.idKind() + "')");
        }
        Set<String> names = header.idKind() == IdKind.INDEX ? Set.of(LABELS, IDS, DISTRIBUTIONS, CONFIDENCES, ENTROPIES)
                : Set.of(LABELS, PATH_OFFSETS, DISTRIBUTIONS, CONFIDENCES, ENTROPIES, PATH_BYTES);
        if (!contents.tensors().keySet().equals(names)) {
            throw new MentorException(file + ": tensors " + quote(contents.tensors().keySet().toString()) + ", expected "
                    + new TreeSet<>(names) + " for " + header.idKind() + " ids");
        }
        int count = header.count();
        int classes = header.classes();
        long[] labels = tensor(file, contents, LABELS, Safetensors.DType.I64, count).longs();
        float[] probabilities = tensor(file, contents, DISTRIBUTIONS, Safetensors.DType.F32, count, classes).floats();
        float[] confidences = tensor(file, contents, CONFIDENCES, Safetensors.DType.F32, count).floats();
        float[] entropies = tensor(file, contents, ENTROPIES, Safetensors.DType.F32, count).floats();
        List<String> ids = header.idKind() == IdKind.INDEX ? indexIds(file, contents, header) : pathIds(file, contents, count);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String where = file + ": record " + i + " (id " + ids.get(i) + ")";
            if (!seen.add(ids.get(i))) {
                throw new MentorException(where + ": the id appears twice");
            }
            checkRecord(where, probabilities, i * classes, classes, labels[i], confidences[i], entropies[i]);
        }
        return new PseudoLabels(ids, probabilities, classes);
    }

    /** The tensor {@code name}, which must be of {@code dtype} and {@code shape} (the header's count and classes). */
    private static Safetensors.Tensor tensor(Path file, Safetensors.Contents contents, String name, Safetensors.DType dtype,
            long... shape) {
        Safetensors.Tensor t = contents.tensors().get(name);
        if (t.dtype() != dtype || !Arrays.equals(t.shape(), shape)) {
            throw new MentorException(file + ": tensor '" + name + "' is " + t.dtype() + " " + Arrays.toString(t.shape())
                    + ", expected " + dtype + " " + Arrays.toString(shape) + " (the header's count and classes)");
        }
        return t;
    }

    private static List<String> indexIds(Path file, Safetensors.Contents contents, Header header) {
        long[] values = tensor(file, contents, IDS, Safetensors.DType.I64, header.count()).longs();
        List<String> ids = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= header.pool().baseSize()) {
                throw new MentorException(file + ": record " + i + ": index " + values[i] + " is outside the training set of "
                        + header.pool().baseSize());
            }
            ids.add(Long.toString(values[i]));
        }
        return ids;
    }

    private static List<String> pathIds(Path file, Safetensors.Contents contents, int count) {
        long[] offsets = tensor(file, contents, PATH_OFFSETS, Safetensors.DType.I64, count + 1L).longs();
        Safetensors.Tensor utf8 = contents.tensors().get(PATH_BYTES);
        byte[] bytes = tensor(file, contents, PATH_BYTES, Safetensors.DType.U8, utf8.data().length).data();
        if (offsets[0] != 0 || offsets[count] != bytes.length) {
            throw new MentorException(file + ": path offsets run from " + offsets[0] + " to " + offsets[count] + ", not over the "
                    + bytes.length + " path bytes");
        }
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long length = offsets[i + 1] - offsets[i];
            if (length <= 0 || length > MAX_PATH_BYTES || offsets[i + 1] > bytes.length) {
                throw new MentorException(file + ": record " + i + ": path bytes " + offsets[i] + " to " + offsets[i + 1]
                        + " are not 1.." + MAX_PATH_BYTES + " bytes inside the " + bytes.length + " path bytes");
            }
            ids.add(pathId(file + ": record " + i, bytes, (int) offsets[i], (int) length));
        }
        return ids;
    }

    /** A path id from its UTF-8 bytes, checked to stay inside its folder ({@link #checkRelative}). */
    static String pathId(String where, byte[] bytes, int offset, int length) {
        String id;
        try {
            id = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new MentorException(where + ": the path is not UTF-8");
        }
        try {
            return checkRelative(id);
        } catch (MentorException e) {
            throw new MentorException(where + ": " + e.getMessage());
        }
    }

    /** A row's label, confidence and entropy must be its distribution's (a valid one). */
    static void checkRecord(String where, float[] p, int offset, int classes, long label, float confidence, float entropy) {
        String problem = PseudoLabels.problem(p, offset, classes);
        if (problem != null) {
            throw new MentorException(where + ": " + problem);
        }
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (p[offset + c] > p[offset + best]) {
                best = c;
            }
        }
        if (label != best) {
            throw new MentorException(where + ": hard label " + label + " is not the most probable class " + best);
        }
        if (confidence != p[offset + best]) {
            throw new MentorException(where + ": confidence " + confidence + " is not the label's probability " + p[offset + best]);
        }
        float expected = PseudoLabels.entropy(p, offset, classes);
        if (!(Math.abs(entropy - expected) <= ENTROPY_TOLERANCE)) {
            throw new MentorException(where + ": entropy " + entropy + " is not the distribution's " + expected);
        }
    }

    /** At most 80 characters of text from a file, on one line, quoted; null as null. */
    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return "'" + (flat.length() > 80 ? flat.substring(0, 77) + "..." : flat) + "'";
    }

    /**
     * Checks that a path id stays inside its folder: relative, '/'-separated, no empty, {@code .} or
     * {@code ..} segment, no backslash or control character. Returns it unchanged.
     */
    public static String checkRelative(String id) {
        if (id == null || id.isEmpty()) {
            throw new MentorException("empty path id");
        }
        if (id.startsWith("/") || id.matches("^[A-Za-z]:.*") || id.contains("\\")) {
            throw new MentorException("path '" + id + "' is not relative to the pool folder");
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                throw new MentorException("path '" + id.replaceAll("\\p{Cntrl}", "?") + "' contains a control character");
            }
        }
        for (String segment : id.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new MentorException("path '" + id + "' has a '" + segment + "' segment (it could leave the pool folder)");
            }
        }
        return id;
    }

    /** The file a path id names under {@code folder}; it never resolves outside it, links included. */
    public static Path resolve(Path folder, String id) {
        Path root = folder.toAbsolutePath().normalize();
        Path file = root.resolve(checkRelative(id)).normalize();
        if (!file.startsWith(root)) {
            throw new MentorException("path '" + id + "' leaves the pool folder " + folder);
        }
        try {
            if (Files.exists(file) && !file.toRealPath().startsWith(root.toRealPath())) {
                throw new MentorException("path '" + id + "' links outside the pool folder " + folder);
            }
        } catch (IOException e) {
            throw new MentorException("path '" + id + "': cannot resolve (" + e.getMessage() + ")", e);
        }
        return file;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
