package dev.mentor.spark;

import dev.mentor.io.Json;
import dev.mentor.teacher.PseudoLabelFile;
import dev.mentor.teacher.PseudoLabels;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compares a Spark artifact with the single-process {@code mentor pseudo-label} artifact of the same pool
 * and teacher, image by image, and prints the result as JSON: images in both, top-1 labels equal,
 * confidences bit-identical, distributions bit-identical (to the stored precision: an fp16 value against
 * the single-process float rounded to half) and the largest absolute difference of a probability.
 *
 * <pre>  java -cp ... dev.mentor.spark.CompareArtifacts SINGLE_PROCESS_DIR SPARK_DIR</pre>
 */
public final class CompareArtifacts {
    private CompareArtifacts() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: CompareArtifacts SINGLE_PROCESS_DIR SPARK_DIR");
            System.exit(2);
        }
        System.out.println(Json.line(compare(Path.of(args[0]), Path.of(args[1]))));
    }

    static Map<String, Object> compare(Path single, Path spark) {
        PseudoLabels reference = PseudoLabelFile.read(single).labels();
        Map<String, Integer> rows = new HashMap<>();
        for (int i = 0; i < reference.size(); i++) {
            rows.put(reference.ids().get(i), i);
        }
        SparkArtifact artifact = SparkArtifact.open(spark);
        boolean half = artifact.manifest().get("distribution").asText().equals("fp16");
        boolean top = artifact.manifest().get("distribution").asText().startsWith("top-");
        long[] counts = new long[5]; // spark rows, matched, labels equal, confidences identical, distributions identical
        double[] maxDifference = {0};
        artifact.forEach(row -> {
            counts[0]++;
            Integer i = rows.get(row.id());
            if (i == null) {
                return;
            }
            counts[1]++;
            counts[2] += row.label() == reference.label(i) ? 1 : 0;
            counts[3] += Float.floatToIntBits(row.confidence()) == Float.floatToIntBits(reference.confidence(i)) ? 1 : 0;
            boolean identical = true;
            for (int c = 0; c < reference.classes(); c++) {
                float expected = reference.probability(i, c);
                float stored = row.distribution()[c];
                if (top && stored == 0) {
                    continue; // a class not among the top K
                }
                float rounded = half ? Half.toFloat(Half.fromFloat(expected)) : expected;
                identical &= Float.floatToIntBits(rounded) == Float.floatToIntBits(stored);
                maxDifference[0] = Math.max(maxDifference[0], Math.abs(expected - stored));
            }
            counts[4] += identical ? 1 : 0;
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("single_process_images", reference.size());
        result.put("spark_images", counts[0]);
        result.put("matched", counts[1]);
        result.put("labels_equal", counts[2]);
        result.put("confidences_bit_identical", counts[3]);
        result.put("distributions_bit_identical_at_stored_precision", counts[4]);
        result.put("max_abs_probability_difference", maxDifference[0]);
        result.put("distribution", artifact.manifest().get("distribution").asText());
        return result;
    }
}
