package org.smmubench.kernel;

import java.util.Map;

/**
 * The errno values the modelled kernel returns. Kernel functions return them negated
 * ({@code -ENOMEM}); {@link #name(int)} accepts either sign so reports can print what the
 * driver returned without the caller normalising it first.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EIO = 5;
    public static final int E2BIG = 7;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int ERANGE = 34;
    public static final int EOVERFLOW = 75;
    public static final int EOPNOTSUPP = 95;

    // Unordered; listings sort the names so error messages are deterministic.
    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("EPERM", EPERM), Map.entry("ENOENT", ENOENT), Map.entry("ESRCH", ESRCH),
            Map.entry("EIO", EIO), Map.entry("E2BIG", E2BIG), Map.entry("EAGAIN", EAGAIN),
            Map.entry("ENOMEM", ENOMEM), Map.entry("EFAULT", EFAULT), Map.entry("EBUSY", EBUSY),
            Map.entry("EEXIST", EEXIST), Map.entry("ENODEV", ENODEV), Map.entry("EINVAL", EINVAL),
            Map.entry("ENOSPC", ENOSPC), Map.entry("ERANGE", ERANGE),
            Map.entry("EOVERFLOW", EOVERFLOW), Map.entry("EOPNOTSUPP", EOPNOTSUPP));

    private Errno() {}

    /** "ENOMEM" for 12, "-ENOMEM" for -12, "0" for 0, the number itself when unknown. */
    public static String name(int errno) {
        int abs = Math.abs(errno);
        for (var e : BY_NAME.entrySet()) {
            if (e.getValue() == abs && abs != 0) {
                return (errno < 0 ? "-" : "") + e.getKey();
            }
        }
        return Integer.toString(errno);
    }

    /**
     * Parses "ENOMEM" (12), "-ENOMEM" (-12) or a decimal number, keeping the sign given, so
     * scenario expectations can be written the way the kernel prints them.
     */
    public static int parse(String text) {
        String t = text.strip();
        boolean negative = t.startsWith("-");
        String body = negative ? t.substring(1) : t;
        Integer v = BY_NAME.get(body);
        if (v == null) {
            try {
                v = Integer.parseInt(body);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unknown errno '" + text + "'; known: "
                        + BY_NAME.keySet().stream().sorted().toList());
            }
        }
        return negative ? -v : v;
    }
}
