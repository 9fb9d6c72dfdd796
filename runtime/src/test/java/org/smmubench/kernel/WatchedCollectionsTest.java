package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every way the driver could change a watched list or map reaches the watchers (the incremental checks rely on it). */
class WatchedCollectionsTest {
    @Test
    void everyListChangeIsReportedWithItsDirection() {
        WatchedList<String> l = new WatchedList<>();
        List<String> seen = new ArrayList<>();
        l.watch((e, joined) -> seen.add((joined ? "+" : "-") + e));
        l.add("a");
        l.add(0, "b");
        l.addAll(List.of("c", "d"));
        l.remove("a");
        l.remove(0);
        l.set(0, "e");
        Iterator<String> it = l.iterator();
        it.next();
        it.remove();
        l.addAll(List.of("f", "g", "h"));
        l.removeIf(x -> x.equals("f"));
        l.subList(0, 1).clear();
        l.clear();
        assertEquals(List.of("+a", "+b", "+c", "+d", "-a", "-b", "-c", "+e", "-e", "+f", "+g", "+h", "-f", "-d", "-g", "-h"), seen);
        assertEquals(List.of(), l);
    }

    @Test
    void everyMapChangeIsReportedAndTheViewsAreReadOnly() {
        WatchedTreeMap<String> m = new WatchedTreeMap<>();
        List<Integer> seen = new ArrayList<>();
        m.watch(seen::add);
        m.put(1, "a");
        m.putIfAbsent(2, "b");
        m.putIfAbsent(2, "x"); // present: no change
        m.computeIfAbsent(3, k -> "c");
        m.computeIfPresent(3, (k, v) -> v + "c");
        m.compute(4, (k, v) -> "d");
        m.merge(4, "d", String::concat);
        m.replace(1, "aa");
        m.replace(2, "b", "bb");
        m.putAll(Map.of(5, "e"));
        m.remove(9); // absent: no change
        m.remove(5);
        m.pollFirstEntry();
        m.pollLastEntry();
        m.replaceAll((k, v) -> v + "!");
        m.clear();
        assertEquals(List.of(1, 2, 3, 3, 4, 4, 1, 2, 5, 5, 1, 4, 2, 3, 2, 3), seen);
        m.put(7, "g");
        assertThrows(UnsupportedOperationException.class, () -> m.keySet().remove(7));
        assertThrows(UnsupportedOperationException.class, () -> m.entrySet().iterator().next().setValue("h"));
        assertThrows(UnsupportedOperationException.class, () -> m.values().clear());
        assertThrows(UnsupportedOperationException.class, () -> m.headMap(9).clear());
        assertThrows(UnsupportedOperationException.class, () -> m.descendingMap().remove(7));
        assertEquals(Map.of(7, "g"), m);
    }
}
