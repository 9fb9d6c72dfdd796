package org.smmubench.explore;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.bench.BenchParts;
import org.smmubench.scenario.Scenario;

/**
 * Decides what a scenario shows on a driver tree. With no reference tree, every violation is
 * a finding. With one ({@code --against}), only what the reference does not also give: a
 * violation (by invariant and function) it does not raise, or a step whose result differs.
 */
final class Oracle {
    private final BenchParts driver;
    private final BenchParts against;
    private long runs;

    Oracle(BenchParts driver, BenchParts against) {
        this.driver = driver;
        this.against = against;
    }

    String driverId() { return driver.driverId(); }

    /** Scenario runs made so far (a reference run counts as one more). */
    long runs() { return runs; }

    List<FindingKey> findings(Scenario s) {
        Observation o = Observation.of(s, driver);
        runs++;
        if (against == null) return o.keys();
        Observation ref = Observation.of(s, against);
        runs++;
        List<FindingKey> refKeys = ref.keys();
        List<FindingKey> out = new ArrayList<>();
        for (FindingKey k : o.keys()) if (!refKeys.contains(k)) out.add(k);
        for (int i = 0; i < o.results().size(); i++) {
            String mine = o.results().get(i);
            String theirs = ref.results().get(i);
            if (mine.equals(theirs)) continue;
            String text = s.steps().get(i).text();
            int sp = text.indexOf(' ');
            FindingKey k = FindingKey.stepResult(sp < 0 ? text : text.substring(0, sp), mine, theirs);
            if (!out.contains(k)) out.add(k);
        }
        if (!o.branchResults().equals(ref.branchResults())) {
            FindingKey k = FindingKey.stepResult("parallel", o.branchResults().toString(), ref.branchResults().toString());
            if (!out.contains(k)) out.add(k);
        }
        return out;
    }

    boolean shows(Scenario s, FindingKey key) { return findings(s).contains(key); }
}
