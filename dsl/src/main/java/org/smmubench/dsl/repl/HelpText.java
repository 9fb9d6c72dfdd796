package org.smmubench.dsl.repl;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.dsl.script.Verbs;

/** What {@code help} prints: enough for a first session without the README. */
final class HelpText {
    private HelpText() {}

    static List<String> general(String driverId) {
        List<String> l = new ArrayList<>();
        l.add("smmu-bench REPL on driver " + driverId + ": every statement runs at once on a live bench and");
        l.add("prints what the driver did and any invariant it violated. Names go in quotes; Tab completes.");
        l.add("");
        l.add("A first session (the CD-leaf allocation under devices_lock, fixed by b5bf7778):");
        l.add("  driver pre-fix");
        l.add("  pci 'nic0', sid: 0x100");
        l.add("  process 'proc1', pasid: 1024, mappings: [[va: 0x400000, size: 0x10000, prot: 'rw']]");
        l.add("  bind 'nic0', 'proc1'                     // pre-fix: the atomic-sleep splat");
        l.add("  dma 'nic0', 'proc1', va: 0x400000, access: 'write'");
        l.add("  show nic0                                // its STE and CD table, decoded");
        l.add("  save leaf-at-1024.yaml                   // then: smmu-bench run leaf-at-1024.yaml");
        l.add("");
        l.add("Statements (the same as in *.groovy scenario files):");
        for (Verbs.Verb v : Verbs.all()) l.add("  " + v.usage());
        l.add("");
        l.add("Commands:");
        for (ReplCommands.Command c : ReplCommands.ALL) l.add(String.format("  %-28s %s", c.usage(), c.summary()));
        l.add("");
        l.add("Plain Groovy works too: loops, variables and closures, e.g.");
        l.add("  (1..3).each { pci \"nic$it\", sid: 0x100 + it }");
        l.add("Failure sites for `fail`: `smmu-bench sites`; invariants for `expect`: `smmu-bench invariants`.");
        return l;
    }

    static List<String> about(String word) {
        List<String> l = new ArrayList<>();
        Verbs.find(word).ifPresent(v -> { l.add("  " + v.usage()); l.add("    " + v.summary()); });
        ReplCommands.ALL.stream().filter(c -> c.name().equals(word))
                .forEach(c -> { l.add("  " + c.usage()); l.add("    " + c.summary()); });
        if (l.isEmpty()) l.add("no statement or command '" + word + "'; `help` lists them");
        return l;
    }
}
