package org.smmubench.kernel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * An index -> entry map the model keeps sorted (a group's pasid_array) that tells its
 * watchers the index of every store and erase, as {@link XArray} does, so the invariants
 * re-judge only the PASIDs a step changed. Every mutating method of TreeMap is routed through
 * {@link #put} or {@link #remove}; the views it hands out are read-only, so nothing changes
 * the map behind its watchers' back.
 */
public final class WatchedTreeMap<V> extends TreeMap<Integer, V> {
    private final List<IntConsumer> watchers = new ArrayList<>(1);

    /** From now on, {@code watcher} is told each index stored or erased. */
    public void watch(IntConsumer watcher) { watchers.add(watcher); }

    private void tell(Object key) {
        if (!(key instanceof Integer i)) return;
        for (IntConsumer w : watchers) w.accept(i);
    }

    @Override
    public V put(Integer key, V value) {
        V old = super.put(key, value);
        tell(key);
        return old;
    }

    @Override
    public V remove(Object key) {
        boolean had = containsKey(key);
        V old = super.remove(key);
        if (had) tell(key);
        return old;
    }

    @Override
    public void clear() {
        for (Integer k : List.copyOf(keySet())) remove(k);
    }

    @Override
    public void putAll(Map<? extends Integer, ? extends V> map) {
        for (Map.Entry<? extends Integer, ? extends V> e : map.entrySet()) put(e.getKey(), e.getValue());
    }

    @Override
    public V putIfAbsent(Integer key, V value) {
        V old = get(key);
        if (old == null) put(key, value);
        return old;
    }

    @Override
    public V computeIfAbsent(Integer key, Function<? super Integer, ? extends V> f) {
        V old = get(key);
        if (old != null) return old;
        V v = f.apply(key);
        if (v != null) put(key, v);
        return v;
    }

    @Override
    public V computeIfPresent(Integer key, BiFunction<? super Integer, ? super V, ? extends V> f) {
        V old = get(key);
        if (old == null) return null;
        return store(key, f.apply(key, old));
    }

    @Override
    public V compute(Integer key, BiFunction<? super Integer, ? super V, ? extends V> f) {
        return store(key, f.apply(key, get(key)));
    }

    @Override
    public V merge(Integer key, V value, BiFunction<? super V, ? super V, ? extends V> f) {
        V old = get(key);
        return store(key, old == null ? value : f.apply(old, value));
    }

    private V store(Integer key, V v) {
        if (v == null) remove(key);
        else put(key, v);
        return v;
    }

    @Override
    public V replace(Integer key, V value) {
        return containsKey(key) ? put(key, value) : null;
    }

    @Override
    public boolean replace(Integer key, V oldValue, V newValue) {
        if (!containsKey(key) || !java.util.Objects.equals(get(key), oldValue)) return false;
        put(key, newValue);
        return true;
    }

    @Override
    public void replaceAll(BiFunction<? super Integer, ? super V, ? extends V> f) {
        for (Integer k : List.copyOf(keySet())) put(k, f.apply(k, get(k)));
    }

    @Override
    public Map.Entry<Integer, V> pollFirstEntry() {
        Map.Entry<Integer, V> e = firstEntry();
        if (e != null) remove(e.getKey());
        return e;
    }

    @Override
    public Map.Entry<Integer, V> pollLastEntry() {
        Map.Entry<Integer, V> e = lastEntry();
        if (e != null) remove(e.getKey());
        return e;
    }

    /** A plain copy: a clone sharing this map's watchers would report its own changes as this map's. */
    @Override
    public Object clone() { return new TreeMap<>(this); }

    // Read-only views: a removal through one would bypass the watchers.

    /** Through an unmodifiable map over the whole range, so the entries' setValue is refused too. */
    @Override
    public Set<Map.Entry<Integer, V>> entrySet() {
        return Collections.unmodifiableNavigableMap(super.tailMap(Integer.MIN_VALUE, true)).entrySet();
    }

    @Override
    public Set<Integer> keySet() { return Collections.unmodifiableSet(super.keySet()); }

    @Override
    public Collection<V> values() { return Collections.unmodifiableCollection(super.values()); }

    @Override
    public NavigableSet<Integer> navigableKeySet() { return Collections.unmodifiableNavigableSet(super.navigableKeySet()); }

    @Override
    public NavigableSet<Integer> descendingKeySet() { return Collections.unmodifiableNavigableSet(super.descendingKeySet()); }

    @Override
    public NavigableMap<Integer, V> descendingMap() { return Collections.unmodifiableNavigableMap(super.descendingMap()); }

    @Override
    public NavigableMap<Integer, V> subMap(Integer from, boolean fromIn, Integer to, boolean toIn) {
        return Collections.unmodifiableNavigableMap(super.subMap(from, fromIn, to, toIn));
    }

    @Override
    public NavigableMap<Integer, V> headMap(Integer to, boolean in) { return Collections.unmodifiableNavigableMap(super.headMap(to, in)); }

    @Override
    public NavigableMap<Integer, V> tailMap(Integer from, boolean in) { return Collections.unmodifiableNavigableMap(super.tailMap(from, in)); }

    @Override
    public SortedMap<Integer, V> subMap(Integer from, Integer to) { return subMap(from, true, to, false); }

    @Override
    public SortedMap<Integer, V> headMap(Integer to) { return headMap(to, false); }

    @Override
    public SortedMap<Integer, V> tailMap(Integer from) { return tailMap(from, true); }
}
