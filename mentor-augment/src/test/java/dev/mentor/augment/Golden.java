package dev.mentor.augment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The parity fixtures written by {@code src/test/python/make_golden.py}: input images and
 * torchvision's outputs for every (input, op, value) case.
 */
final class Golden {
    record Case(String input, String op, double value, Image expected) {}

    static final Map<String, Image> INPUTS;
    static final List<Case> CASES;

    static {
        byte[] inputBytes = bytes("inputs.bin", false);
        Map<String, Image> inputs = new LinkedHashMap<>();
        for (String[] row : csv("inputs.csv")) {
            int c = Integer.parseInt(row[1]);
            int h = Integer.parseInt(row[2]);
            int w = Integer.parseInt(row[3]);
            int offset = Integer.parseInt(row[4]);
            inputs.put(row[0], Image.wrap(c, h, w, Arrays.copyOfRange(inputBytes, offset, offset + c * h * w)));
        }
        INPUTS = inputs;
        byte[] outputs = bytes("outputs.bin.gz", true);
        List<Case> cases = new ArrayList<>();
        for (String[] row : csv("cases.csv")) {
            Image in = inputs.get(row[0]);
            int offset = Integer.parseInt(row[3]);
            byte[] pixels = Arrays.copyOfRange(outputs, offset, offset + in.size());
            cases.add(new Case(row[0], row[1], Double.parseDouble(row[2]), Image.wrap(in.channels(), in.height(), in.width(), pixels)));
        }
        CASES = List.copyOf(cases);
    }

    private Golden() {}

    /** Rows of a CSV fixture without its header. */
    static List<String[]> csv(String name) {
        String text = new String(bytes(name, false), StandardCharsets.UTF_8);
        return text.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
    }

    static byte[] bytes(String name, boolean gzip) {
        try (InputStream raw = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (raw == null) {
                throw new IllegalStateException("missing fixture golden/" + name + " (run src/test/python/make_golden.py)");
            }
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
