package org.smmubench.kernel;

/**
 * A kernel pointer return: either a value or an errno (the kernel's ERR_PTR). Errors are
 * negative errno values, as the kernel passes them around.
 */
public final class ErrPtr<T> {
    private final T value;
    private final int err;

    private ErrPtr(T value, int err) {
        this.value = value;
        this.err = err;
    }

    public static <T> ErrPtr<T> of(T value) { return new ErrPtr<>(value, 0); }

    /** {@code err} is a negative errno, e.g. {@code -Errno.ENOMEM}. */
    public static <T> ErrPtr<T> err(int err) {
        if (err >= 0) throw new IllegalArgumentException("ERR_PTR needs a negative errno, got " + err);
        return new ErrPtr<>(null, err);
    }

    public boolean isErr() { return err != 0; }

    /** PTR_ERR: the negative errno. */
    public int err() { return err; }

    public T get() {
        if (err != 0) throw new IllegalStateException("dereferencing ERR_PTR(" + err + ")");
        return value;
    }
}
