package org.smmubench.kernel;

/** Numbers the way kernel developers read addresses, PASIDs and stream IDs: 0x-prefixed lowercase hex. */
public final class Hex {
    private Hex() {}

    public static String of(long v) { return "0x" + Long.toHexString(v); }
}
