package org.smmubench.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-width, left-aligned text table: columns are as wide as their widest cell, two
 * spaces apart, trailing spaces trimmed (so output diffs cleanly). Used for the result
 * matrix and the CLI's catalogue listings.
 */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    public TextTable row(List<String> cells) {
        if (cells.size() != header.size())
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header " + header.size());
        rows.add(List.copyOf(cells));
        return this;
    }

    /** The rendered table, one {@code \n}-terminated line per row, header underlined with dashes. */
    public String render() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) width[c] = Math.max(width[c], r.get(c).length());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        List<String> rule = new ArrayList<>();
        for (int w : width) rule.add("-".repeat(w));
        line(sb, rule, width);
        for (List<String> r : rows) line(sb, r, width);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) l.append("  ");
            l.append(cells.get(c));
            if (c < cells.size() - 1) l.append(" ".repeat(width[c] - cells.get(c).length()));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
