package org.smmubench.bench.report;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.bench.Corpus;
import org.smmubench.driver.tree.Commit;

/**
 * The corpus as a table: per fix its hash, title and Fixes: tag (from the commit's
 * declaration), what the tree without it shows (violations and wrong step results) and what
 * the tree with it shows, and whether it needs a race. {@code smmu-bench corpus} prints the
 * text form; the README carries the Markdown form (CorpusTableTest keeps it in sync).
 */
public final class CorpusTable {
    private CorpusTable() {}

    private static final List<String> HEADER = List.of("hash", "title", "Fixes:", "without the fix", "with the fix", "schedule");

    public static String text(List<Corpus.Entry> entries) {
        TextTable t = new TextTable(HEADER.stream().map(String::toUpperCase).toList());
        for (Corpus.Entry e : entries) t.row(cells(e));
        return t.render();
    }

    public static String markdown(List<Corpus.Entry> entries) {
        StringBuilder sb = new StringBuilder("| " + String.join(" | ", HEADER) + " |\n");
        sb.append("|---".repeat(HEADER.size())).append("|\n");
        for (Corpus.Entry e : entries) {
            List<String> c = cells(e).stream().map(x -> x.replace("|", "\\|")).toList();
            sb.append("| `").append(c.get(0)).append("` | ").append(String.join(" | ", c.subList(1, c.size()))).append(" |\n");
        }
        return sb.toString();
    }

    private static List<String> cells(Corpus.Entry e) {
        String title = e.commit().map(Commit::title).orElse("(not a modelled commit)");
        String fixes = e.commit().map(Commit::fixes).orElse("");
        return List.of(e.hash(), title, fixes, outcome(e, e.unfixed(), e.stepDifferences()), outcome(e, e.fixed(), List.of()),
                e.schedule());
    }

    private static String outcome(Corpus.Entry e, String tree, List<String> steps) {
        List<String> parts = new ArrayList<>(e.expectedViolations(tree));
        parts.addAll(steps);
        return tree + " -> " + (parts.isEmpty() ? "green" : String.join(", ", parts));
    }
}
