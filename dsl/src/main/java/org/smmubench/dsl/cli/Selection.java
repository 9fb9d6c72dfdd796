package org.smmubench.dsl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.cucumber.tagexpressions.Expression;

import org.smmubench.bench.ScenarioFileRunner;
import org.smmubench.bench.ScenarioInfo;
import org.smmubench.bench.Shard;

/**
 * Which scenarios of the checked files run: those whose name matches {@code --name} (a
 * regular expression, found anywhere in the name) and whose tags satisfy {@code --tags} (a
 * Cucumber tag expression), then, with {@code --shard K/N}, the K-th contiguous block of
 * what is left. Per file, ascending scenario indexes.
 */
final class Selection {
    private Selection() {}

    static List<List<Integer>> of(List<ScenarioFileRunner.Prepared> files, Pattern name, Expression tags, Shard shard) {
        List<List<Integer>> picked = new ArrayList<>();
        int total = 0;
        for (ScenarioFileRunner.Prepared p : files) {
            List<Integer> mine = new ArrayList<>();
            List<ScenarioInfo> infos = p.scenarios();
            for (int i = 0; i < infos.size(); i++) {
                ScenarioInfo s = infos.get(i);
                if (name != null && !name.matcher(s.name()).find()) continue;
                if (tags != null && !tags.evaluate(s.tags())) continue;
                mine.add(i);
            }
            picked.add(mine);
            total += mine.size();
        }
        if (shard == null) return picked;
        int from = shard.from(total), to = shard.to(total), at = 0;
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> mine : picked) {
            List<Integer> kept = new ArrayList<>();
            for (int i : mine) {
                if (at >= from && at < to) kept.add(i);
                at++;
            }
            out.add(kept);
        }
        return out;
    }
}
