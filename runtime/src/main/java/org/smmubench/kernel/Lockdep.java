package org.smmubench.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lock-class dependency graph, learned as lockdep learns it: taking B while A is the
 * most recently taken held lock adds A -> B. A new edge that closes a cycle is a possible
 * deadlock, proven without the racing interleaving ever happening. Each cycle is reported
 * once. Two locks of one class nested never reach here: {@link Locking} reports them as
 * recursive locking first, as check_deadlock does before the graph is consulted; a subclass
 * (mutex_lock_nested) is a class of its own.
 */
final class Lockdep {
    /** Edge from -> to: "to" was taken (in toAt, with this trace) while "from" was held. */
    record Dep(String from, String to, String fromAt, String toAt, List<String> trace) {}

    // Insertion-ordered so the path found (and thus the report) is deterministic.
    private final Map<String, LinkedHashMap<String, Dep>> edges = new LinkedHashMap<>();
    private final Map<String, LockKind> kinds = new HashMap<>();
    private final Set<String> reportedCycles = new HashSet<>();

    void learnKind(String cls, LockKind kind) { kinds.putIfAbsent(cls, kind); }

    LockKind kindOf(String cls) { return kinds.getOrDefault(cls, LockKind.SPINLOCK); }

    boolean hasEdge(String from, String to) {
        var out = edges.get(from);
        return out != null && out.containsKey(to);
    }

    /**
     * Records the edge. Returns the existing chain dep.to -> ... -> dep.from (as edges) when
     * the edge closes a cycle not reported before.
     */
    Optional<List<Dep>> add(Dep dep) {
        if (dep.from().equals(dep.to()) || hasEdge(dep.from(), dep.to())) {
            return Optional.empty();
        }
        List<Dep> path = path(dep.to(), dep.from());
        edges.computeIfAbsent(dep.from(), k -> new LinkedHashMap<>()).put(dep.to(), dep);
        if (path == null || !reportedCycles.add(cycleKey(path))) {
            return Optional.empty();
        }
        return Optional.of(path);
    }

    /** Breadth-first shortest dependency path start -> ... -> goal, or null. */
    private List<Dep> path(String start, String goal) {
        Map<String, Dep> via = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        queue.add(start);
        Set<String> seen = new HashSet<>(Set.of(start));
        while (!queue.isEmpty()) {
            String cur = queue.poll();
            if (cur.equals(goal)) {
                List<Dep> out = new ArrayList<>();
                for (String n = goal; !n.equals(start); n = via.get(n).from()) {
                    out.add(via.get(n));
                }
                Collections.reverse(out);
                return out;
            }
            for (Dep d : edges.getOrDefault(cur, new LinkedHashMap<>()).values()) {
                if (seen.add(d.to())) {
                    via.put(d.to(), d);
                    queue.add(d.to());
                }
            }
        }
        return null;
    }

    /** The cycle's classes rotated to start at the smallest name: one key per cycle. */
    private static String cycleKey(List<Dep> path) {
        List<String> nodes = new ArrayList<>();
        for (Dep d : path) {
            nodes.add(d.from());
        }
        int min = 0;
        for (int i = 1; i < nodes.size(); i++) {
            if (nodes.get(i).compareTo(nodes.get(min)) < 0) {
                min = i;
            }
        }
        Collections.rotate(nodes, -min);
        return String.join(" -> ", nodes);
    }
}
