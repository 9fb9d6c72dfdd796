package org.smmubench.features;

import java.util.List;

/**
 * The errno names a bind or unbind can be expected to fail with: those the modelled kernel
 * knows (org.smmubench.kernel.Errno), listed so a typo in a feature file is an input error
 * naming them. ErrnosTest keeps the two in step.
 */
public final class Errnos {
    public static final List<String> NAMES = List.of(
            "E2BIG", "EAGAIN", "EBUSY", "EEXIST", "EFAULT", "EINVAL", "EIO", "ENODEV", "ENOENT", "ENOMEM",
            "ENOSPC", "EOPNOTSUPP", "EOVERFLOW", "EPERM", "ERANGE", "ESRCH");

    private Errnos() {}
}
