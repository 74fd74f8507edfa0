package dev.mentor.spark;

/** The most probable classes of a distribution, most probable first, the lower index first on ties. */
final class TopK {
    private TopK() {}

    /** The {@code min(k, classes)} most probable classes of {@code p[offset, offset + classes)}. */
    static int[] of(float[] p, int offset, int classes, int k) {
        int n = Math.min(k, classes);
        int[] top = new int[n];
        boolean[] taken = new boolean[classes];
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (!taken[c] && (best < 0 || p[offset + c] > p[offset + best])) {
                    best = c;
                }
            }
            taken[best] = true;
            top[i] = best;
        }
        return top;
    }
}
