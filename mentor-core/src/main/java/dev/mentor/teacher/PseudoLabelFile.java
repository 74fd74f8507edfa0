package dev.mentor.teacher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mentor.MentorException;
import dev.mentor.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Pseudo-labels as an artifact: a folder holding {@value #HEADER} (JSON: format, counts, class names,
 * the teacher's identity, the pool's description, the payload's SHA-256) and {@value #PAYLOAD}, a
 * compact binary with one record per image. Reading validates everything — header fields, checksum,
 * every record's id, label, confidence, entropy and distribution — and reports the first problem as a
 * {@link MentorException} naming the file and the record. A path id never leaves its folder: it must
 * be relative, '/'-separated, without empty, {@code .} or {@code ..} segments ({@link #resolve}).
 *
 * <p>Payload layout (little-endian): magic {@code MENTORPL}, int version, int id kind (0 index, 1
 * path), int count, int classes; per image: the id (int index, or int byte length and UTF-8 path),
 * int hard label, float confidence, float entropy (nats), {@code classes} float probabilities; last,
 * the CRC-32 of everything before it as a long.
 */
public final class PseudoLabelFile {
    public static final String HEADER = "pseudo-labels.json";
    public static final String PAYLOAD = "pseudo-labels.bin";
    public static final String FORMAT = "mentor-pseudo-labels";
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "MENTORPL".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_PATH_BYTES = 4096;
    private static final float ENTROPY_TOLERANCE = 1e-4f;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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

    /** Writes the artifact into {@code folder} (created if needed); header last, each file atomically. */
    public static Header write(Path folder, PseudoLabels labels, IdKind idKind, List<String> classNames,
            Teacher teacher, Pool pool) {
        byte[] payload = encode(labels, idKind);
        Header header = new Header(FORMAT, VERSION, idKind, labels.size(), labels.classes(), List.copyOf(classNames),
                teacher, pool, PAYLOAD, payload.length, sha256(payload));
        try {
            Files.createDirectories(folder);
            atomicWrite(folder.resolve(PAYLOAD), payload);
            atomicWrite(folder.resolve(HEADER), JSON.writeValueAsBytes(header));
        } catch (IOException e) {
            throw new MentorException("--out: cannot write pseudo-labels to " + folder + " (" + e.getMessage() + ")", e);
        }
        return header;
    }

    private static void atomicWrite(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, bytes);
    }

    private static byte[] encode(PseudoLabels labels, IdKind idKind) {
        int classes = labels.classes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).putInt(VERSION).putInt(idKind.ordinal()).putInt(labels.size()).putInt(classes);
        out.writeBytes(head.array());
        float[] row = new float[classes];
        for (int i = 0; i < labels.size(); i++) {
            String id = labels.ids().get(i);
            byte[] idBytes = idKind == IdKind.PATH ? checkRelative(id).getBytes(StandardCharsets.UTF_8) : new byte[0];
            ByteBuffer record = ByteBuffer.allocate(4 + idBytes.length + 12 + 4 * classes).order(ByteOrder.LITTLE_ENDIAN);
            if (idKind == IdKind.INDEX) {
                record.putInt(Integer.parseInt(id));
            } else {
                record.putInt(idBytes.length).put(idBytes);
            }
            labels.copyRow(i, row, 0);
            record.putInt(labels.label(i)).putFloat(labels.confidence(i)).putFloat(labels.entropy(i));
            for (float v : row) {
                record.putFloat(v);
            }
            out.writeBytes(record.array());
        }
        CRC32 crc = new CRC32();
        byte[] body = out.toByteArray();
        crc.update(body);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(crc.getValue()).array());
        return out.toByteArray();
    }

    /** Reads and validates the artifact in {@code folder}. */
    public static Artifact read(Path folder) {
        Header header = readHeader(folder.resolve(HEADER));
        Path file = folder.resolve(PAYLOAD);
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
        if (!sha256(bytes).equals(header.payloadSha256())) {
            throw new MentorException(file + ": SHA-256 differs from the header's (the file was changed after it was written)");
        }
        return new Artifact(header, decode(file, bytes, header));
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
            throw new MentorException(file + ": format is " + (h == null ? null : "'" + h.format() + "'") + ", expected '" + FORMAT + "'");
        }
        if (h.version() != VERSION) {
            throw new MentorException(file + ": version " + h.version() + " is not supported (expected " + VERSION + ")");
        }
        if (h.idKind() == null || h.count() < 0 || h.classes() < 2 || h.classNames() == null
                || h.classNames().size() != h.classes()) {
            throw new MentorException(file + ": id kind " + h.idKind() + ", count " + h.count() + ", " + h.classes()
                    + " classes and class names " + h.classNames() + " do not fit together");
        }
        if (!PAYLOAD.equals(h.payload()) || h.payloadSha256() == null || h.pool() == null) {
            throw new MentorException(file + ": payload must be '" + PAYLOAD + "' with its SHA-256 and pool, got '" + h.payload() + "'");
        }
        return h;
    }

    private static PseudoLabels decode(Path file, byte[] bytes, Header header) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int end = bytes.length - 8;
        if (end < MAGIC.length + 16) {
            throw new MentorException(file + ": too short for a pseudo-label file (" + bytes.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, end);
        if (in.getLong(end) != crc.getValue()) {
            throw new MentorException(file + ": checksum mismatch (corrupt)");
        }
        for (byte b : MAGIC) {
            if (in.get() != b) {
                throw new MentorException(file + ": wrong magic, not a pseudo-label file");
            }
        }
        int version = in.getInt();
        int kind = in.getInt();
        int count = in.getInt();
        int classes = in.getInt();
        if (version != VERSION || kind != header.idKind().ordinal() || count != header.count() || classes != header.classes()) {
            throw new MentorException(file + ": version " + version + ", id kind " + kind + ", count " + count + ", classes "
                    + classes + " disagree with the header (" + header.version() + ", " + header.idKind().ordinal() + ", "
                    + header.count() + ", " + header.classes() + ")");
        }
        long smallest = (header.idKind() == IdKind.INDEX ? 4L : 5L) + 12 + 4L * classes;
        if (count < 0 || (long) count * smallest > end - in.position()) {
            throw new MentorException(file + ": " + count + " records of " + classes + " classes cannot fit in its "
                    + (end - in.position()) + " bytes (truncated, or a forged count)");
        }
        List<String> ids = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        float[] probabilities = new float[Math.multiplyExact(count, classes)];
        for (int i = 0; i < count; i++) {
            String where = file + ": record " + i;
            String id = readId(in, end, header, where);
            where += " (id " + id + ")";
            if (!seen.add(id)) {
                throw new MentorException(where + ": the id appears twice");
            }
            need(in, end, 12 + 4 * classes, where);
            int label = in.getInt();
            float confidence = in.getFloat();
            float entropy = in.getFloat();
            in.asFloatBuffer().get(probabilities, i * classes, classes);
            in.position(in.position() + 4 * classes);
            checkRecord(where, probabilities, i * classes, classes, label, confidence, entropy);
            ids.add(id);
        }
        if (in.position() != end) {
            throw new MentorException(file + ": " + (end - in.position()) + " bytes after the last record");
        }
        return new PseudoLabels(ids, probabilities, classes);
    }

    private static String readId(ByteBuffer in, int end, Header header, String where) {
        need(in, end, 4, where);
        int value = in.getInt();
        if (header.idKind() == IdKind.INDEX) {
            if (value < 0 || value >= header.pool().baseSize()) {
                throw new MentorException(where + ": index " + value + " is outside the training set of " + header.pool().baseSize());
            }
            return Integer.toString(value);
        }
        if (value <= 0 || value > MAX_PATH_BYTES) {
            throw new MentorException(where + ": path length " + value + " is not in 1.." + MAX_PATH_BYTES);
        }
        need(in, end, value, where);
        byte[] path = new byte[value];
        in.get(path);
        String id = new String(path, StandardCharsets.UTF_8);
        try {
            return checkRelative(id);
        } catch (MentorException e) {
            throw new MentorException(where + ": " + e.getMessage());
        }
    }

    private static void need(ByteBuffer in, int end, int bytes, String where) {
        if (in.position() + (long) bytes > end) {
            throw new MentorException(where + ": runs past the end of the file (truncated)");
        }
    }

    private static void checkRecord(String where, float[] p, int offset, int classes, int label, float confidence, float entropy) {
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

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
