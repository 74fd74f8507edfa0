package dev.mentor.report;

import java.util.List;

/** A confusion matrix as an HTML table: each row (true class) in percent of its images, shaded by value, counts on hover. */
final class ConfusionTable {
    private ConfusionTable() {}

    static String html(long[][] counts, List<String> classNames) {
        int k = counts.length;
        StringBuilder s = new StringBuilder("<table class=\"confusion\">\n<thead><tr><th>true \\ predicted</th>");
        for (int j = 0; j < k; j++) {
            s.append("<th>").append(Html.escape(name(classNames, j))).append("</th>");
        }
        s.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < k; i++) {
            long total = 0;
            for (long v : counts[i]) {
                total += v;
            }
            s.append("<tr><th>").append(Html.escape(name(classNames, i))).append("</th>");
            for (int j = 0; j < k; j++) {
                double share = total == 0 ? 0 : (double) counts[i][j] / total;
                int light = (int) Math.round(255 - 180 * share);
                String colour = i == j ? String.format("rgb(%d,%d,255)", light, light) : String.format("rgb(255,%d,%d)", light, light);
                s.append(String.format("<td style=\"background:%s\" title=\"%d of %d\">%.1f</td>", colour, counts[i][j], total, 100 * share));
            }
            s.append("</tr>\n");
        }
        return s.append("</tbody></table>\n<p class=\"meta\">Rows: true class, in % of its test images; columns: predicted class.</p>\n")
                .toString();
    }

    private static String name(List<String> classNames, int i) {
        return i < classNames.size() ? classNames.get(i) : Integer.toString(i);
    }
}
