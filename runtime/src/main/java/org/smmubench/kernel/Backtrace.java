package org.smmubench.kernel;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A task's modelled call stack at one moment, innermost first, as an unmodifiable list over
 * the frames themselves: frames never change once pushed, so taking a backtrace (every
 * allocation, free and lock does) costs one small object, not a copy of the stack. Equal to
 * any list of the same function names, like the copies it replaces.
 */
final class Backtrace extends AbstractList<String> {
    static final Backtrace EMPTY = new Backtrace(null);

    private final Frame innermost;

    private Backtrace(Frame innermost) { this.innermost = innermost; }

    static Backtrace of(Frame innermost) { return innermost == null ? EMPTY : new Backtrace(innermost); }

    @Override
    public int size() { return innermost == null ? 0 : innermost.depth() + 1; }

    @Override
    public String get(int index) {
        if (index < 0 || index >= size()) throw new IndexOutOfBoundsException(index);
        Frame f = innermost;
        for (int i = 0; i < index; i++) f = f.caller;
        return f.function();
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private Frame next = innermost;

            @Override
            public boolean hasNext() { return next != null; }

            @Override
            public String next() {
                if (next == null) throw new NoSuchElementException();
                String fn = next.function();
                next = next.caller;
                return fn;
            }
        };
    }

    /** The list to keep: this one as is (it cannot change), any other list copied. */
    static java.util.List<String> keep(java.util.List<String> bt) {
        return bt instanceof Backtrace ? bt : java.util.List.copyOf(bt);
    }
}
