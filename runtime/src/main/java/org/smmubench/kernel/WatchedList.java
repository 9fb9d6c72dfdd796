package org.smmubench.kernel;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.BiConsumer;

/**
 * A kernel list (a list_head the model keeps as a Java list) that tells its watchers every
 * element added, removed or replaced, so the invariants can judge only what changed instead
 * of walking the whole list after every step (a master's bond list holds one entry per bound
 * process). The driver uses it as any list; every mutation, through the list, an iterator or
 * a sub-list, ends in {@link #add(int, Object)}, {@link #set} or {@link #remove(int)}, which
 * report. Watching changes nothing the list holds or returns.
 */
public final class WatchedList<E> extends AbstractList<E> implements RandomAccess {
    private final ArrayList<E> items = new ArrayList<>();
    private final List<BiConsumer<? super E, Boolean>> watchers = new ArrayList<>(1);

    /** From now on, {@code watcher} is told each element that joins (true) or leaves (false) the list. */
    public void watch(BiConsumer<? super E, Boolean> watcher) { watchers.add(watcher); }

    @Override
    public E get(int index) { return items.get(index); }

    @Override
    public int size() { return items.size(); }

    @Override
    public void add(int index, E element) {
        items.add(index, element);
        modCount++;
        tell(element, true);
    }

    @Override
    public E set(int index, E element) {
        E old = items.set(index, element);
        tell(old, false);
        tell(element, true);
        return old;
    }

    @Override
    public E remove(int index) {
        E old = items.remove(index);
        modCount++;
        tell(old, false);
        return old;
    }

    private void tell(E element, boolean joined) {
        for (BiConsumer<? super E, Boolean> w : watchers) w.accept(element, joined);
    }
}
