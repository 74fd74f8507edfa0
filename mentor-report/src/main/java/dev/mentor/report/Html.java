package dev.mentor.report;

import java.util.List;

/** Small pieces of HTML: escaping, tables and figures. */
final class Html {
    private Html() {}

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    /** A table with a header row; cells are escaped text. */
    static String table(String cssClass, List<String> header, List<List<String>> rows) {
        StringBuilder s = new StringBuilder("<table class=\"" + cssClass + "\">\n<thead><tr>");
        header.forEach(h -> s.append("<th>").append(escape(h)).append("</th>"));
        s.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            s.append("<tr>");
            row.forEach(cell -> s.append("<td>").append(escape(cell)).append("</td>"));
            s.append("</tr>\n");
        }
        return s.append("</tbody></table>\n").toString();
    }

    static String figure(Figure figure, String caption) {
        return "<figure><img class=\"chart\" src=\"" + figure.dataUri() + "\" alt=\"" + escape(figure.alt()) + "\" width=\""
                + figure.width() + "\" height=\"" + figure.height() + "\"><figcaption>" + escape(caption) + "</figcaption></figure>\n";
    }

    static String note(String text) {
        return "<p class=\"note\">" + escape(text) + "</p>\n";
    }
}
