package org.smmubench.bench.report;

import java.util.List;

import org.smmubench.driver.tree.Commit;
import org.smmubench.driver.tree.Commits;
import org.smmubench.driver.tree.DriverVariantInfo;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.driver.tree.KernelTrees;
import org.smmubench.driver.tree.Release;
import org.smmubench.driver.tree.Releases;

/**
 * The modelled kernel trees and commits as tables, from the commits' one declaration: the
 * text {@code smmu-bench drivers} prints and the Markdown the README carries (a test keeps
 * the README's copy equal to {@link #markdown()}).
 */
public final class CommitTable {
    private CommitTable() {}

    /** The text listing: the trees 'all' runs, then each base's commits in full. */
    public static String text() {
        StringBuilder sb = new StringBuilder();
        TextTable trees = new TextTable(List.of("TREE", "ALIASES", "MODELS"));
        for (DriverVariantInfo v : DriverVariants.all()) trees.row(List.of(v.id(), String.join(", ", v.aliases()), v.description()));
        sb.append(trees.render());
        for (String base : KernelTrees.BASES) {
            Release release = Releases.of(base);
            sb.append('\n').append(base).append(": ").append(release.title()).append('\n');
            if (!release.files().isEmpty()) {
                sb.append("    its versions of: ").append(String.join(", ", release.files().stream()
                        .map(p -> p.host().getSimpleName() + " -> " + p.versions().getSimpleName()).toList())).append('\n');
            }
            for (String r : release.read()) sb.append("    read: ").append(r).append('\n');
            sb.append('\n').append("Commits a ").append(base).append(" tree can revert (-) or apply (+):")
                    .append(Commits.of(base).isEmpty() ? " none modelled yet\n" : "\n");
            for (Commit c : Commits.of(base)) {
                sb.append('\n').append(c.term()).append("  ").append(c.title()).append('\n');
                sb.append("    Fixes:     ").append(fixes(c)).append('\n');
                sb.append("    files:     ").append(String.join(", ", c.files())).append('\n');
                sb.append("    functions: ").append(String.join(", ", c.functions())).append('\n');
                sb.append("    ").append(c.note()).append('\n');
            }
        }
        sb.append("\nA tree is a base then any number of -HASH/+HASH terms (8 to 12 hex digits), e.g. ")
                .append(KernelTrees.BASES.get(0)).append("-b5bf7778b722; 'all' runs the trees listed above;")
                .append(" the default is ").append(DriverVariants.DEFAULT).append(".\n");
        return sb.toString();
    }

    /** The Markdown table of modelled commits, one row each. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| term | title | Fixes: | files | functions |\n");
        sb.append("|---|---|---|---|---|\n");
        for (String base : KernelTrees.BASES)
            for (Commit c : Commits.of(base))
                sb.append("| `").append(base).append(c.term()).append("` | ").append(c.title()).append(" | ")
                        .append(fixes(c)).append(" | ").append(code(c.files())).append(" | ").append(code(c.functions())).append(" |\n");
        return sb.toString();
    }

    /** The Fixes: tag, or a dash for a commit whose message has none. */
    private static String fixes(Commit c) { return c.fixes().isEmpty() ? "(none in the commit message)" : c.fixes(); }

    private static String code(List<String> names) {
        return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
    }
}
