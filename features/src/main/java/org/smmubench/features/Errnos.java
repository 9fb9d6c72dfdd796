package org.smmubench.features;

import java.util.List;

/**
 * The errno names a bind or unbind can be expected to fail with (interface.md §3 plus the
 * two the core returns for unsupported/absent state). Kept here so a typo in a feature file
 * is an input error naming the known ones.
 */
public final class Errnos {
    public static final List<String> NAMES = List.of(
            "E2BIG", "EBUSY", "EINVAL", "ENODEV", "ENOENT", "ENOMEM", "ENOSPC", "EOPNOTSUPP",
            "EOVERFLOW", "ESRCH");

    private Errnos() {}
}
