package dev.mentor.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every op against torchvision 0.14's {@code _apply_op} on PIL images (fixtures from
 * {@code make_golden.py}): Fashion-MNIST digits and RGB images of non-square sizes, each op over a range
 * of magnitudes with both signs. Required: at least 99% of the values within ±1 grey level in every
 * case; the table printed gives per op the worst case's rates.
 */
class TorchvisionParityTest {
    private static final double REQUIRED = 0.99;

    private record Stats(int cases, int exactCases, double worstWithinOne, double worstExact, String worstCase) {
        Stats add(double withinOne, double exact, String name) {
            boolean worse = withinOne < worstWithinOne || (withinOne == worstWithinOne && exact < worstExact);
            return new Stats(cases + 1, exactCases + (exact == 1.0 ? 1 : 0), Math.min(worstWithinOne, withinOne),
                    Math.min(worstExact, exact), worse ? name : worstCase);
        }
    }

    @Test
    void everyOpMatchesTorchvisionOnEveryCase() {
        Map<String, Stats> perOp = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Golden.Case c : Golden.CASES) {
            Image input = Golden.INPUTS.get(c.input());
            Image actual = ImageOp.byName(c.op()).apply(input, c.value());
            assertEquals(input.channels(), actual.channels(), c.toString());
            assertEquals(input.height(), actual.height(), c.toString());
            assertEquals(input.width(), actual.width(), c.toString());
            byte[] a = actual.pixelsReadOnly();
            byte[] e = c.expected().pixelsReadOnly();
            int withinOne = 0;
            int exact = 0;
            for (int i = 0; i < a.length; i++) {
                int d = Math.abs((a[i] & 0xFF) - (e[i] & 0xFF));
                withinOne += d <= 1 ? 1 : 0;
                exact += d == 0 ? 1 : 0;
            }
            double w = (double) withinOne / a.length;
            double x = (double) exact / a.length;
            String name = c.input() + " " + c.op() + "(" + c.value() + ")";
            perOp.merge(c.op(), new Stats(1, x == 1.0 ? 1 : 0, w, x, name), (s, t) -> s.add(w, x, name));
            if (w < REQUIRED) {
                failures.add(String.format("%s: %.2f%% within ±1", name, 100 * w));
            }
        }
        System.out.println("parity with torchvision 0.14 (PIL): per op, worst case over inputs and magnitudes");
        System.out.printf("%-13s %6s %7s %12s %10s  %s%n", "op", "cases", "exact", "min ±1 rate", "min exact", "worst case");
        perOp.forEach((op, s) -> System.out.printf("%-13s %6d %7d %11.4f%% %9.4f%%  %s%n", op, s.cases, s.exactCases,
                100 * s.worstWithinOne, 100 * s.worstExact, s.worstExact == 1.0 ? "-" : s.worstCase));
        assertEquals(15, perOp.size(), "ops covered: " + perOp.keySet());
        assertTrue(failures.isEmpty(), failures.size() + " cases below 99% within ±1: " + failures);
    }
}
