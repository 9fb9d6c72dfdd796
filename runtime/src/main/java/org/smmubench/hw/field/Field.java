package org.smmubench.hw.field;

/**
 * One bit field of a register or an in-memory structure, declared once and used for
 * encoding, decoding and dumping. {@code dword} is the index of the 64-bit word inside the
 * entry (0 for 32-bit registers), {@code hi}/{@code lo} the inclusive bit range inside it.
 *
 * <p>{@code address} marks fields that hold an address "in place" (e.g. S1ContextPtr[51:6]
 * holds PA bits 51:6). For those, {@link #getAddress}/{@link #setAddress} read and write the
 * address itself, while {@link #get}/{@link #set} work on the shifted field value like every
 * other field. Dumps print address fields as the address.
 */
public record Field(String name, int dword, int hi, int lo, boolean address) {

    public Field {
        if (lo < 0 || hi > 63 || hi < lo || dword < 0) {
            throw new IllegalArgumentException("bad field " + name + " dword " + dword + " [" + hi + ":" + lo + "]");
        }
    }

    /** A plain value field. */
    public Field(String name, int dword, int hi, int lo) {
        this(name, dword, hi, lo, false);
    }

    public static Field bits(String name, int dword, int hi, int lo) {
        return new Field(name, dword, hi, lo, false);
    }

    public static Field bit(String name, int dword, int bit) {
        return new Field(name, dword, bit, bit, false);
    }

    /** An address field: the stored bits are the address bits [hi:lo] at their own position. */
    public static Field addr(String name, int dword, int hi, int lo) {
        return new Field(name, dword, hi, lo, true);
    }

    /** Byte offset of this field's 64-bit word inside the entry (the word a single store writes). */
    public int byteOffset() {
        return dword * 8;
    }

    public int width() {
        return hi - lo + 1;
    }

    /** Mask of the value once shifted down to bit 0. */
    public long valueMask() {
        return width() == 64 ? -1L : (1L << width()) - 1;
    }

    /** Mask of the field's bits in place inside its word. */
    public long mask() {
        return valueMask() << lo;
    }

    public long extract(long word) {
        return (word >>> lo) & valueMask();
    }

    /** Returns {@code word} with this field replaced by {@code v}; rejects values that do not fit. */
    public long insert(long word, long v) {
        if ((v & ~valueMask()) != 0) {
            throw new IllegalArgumentException(String.format("value 0x%x does not fit %s[%d:%d]", v, name, hi, lo));
        }
        return (word & ~mask()) | (v << lo);
    }

    /** {@code v} shifted into position (like the kernel's FIELD_PREP); rejects values that do not fit. */
    public long maskedValue(long v) {
        return insert(0, v);
    }

    public long get(long[] entry) {
        return extract(entry[dword]);
    }

    public void set(long[] entry, long v) {
        entry[dword] = insert(entry[dword], v);
    }

    /**
     * ORs FIELD_PREP(field, v) into the entry: like the kernel macro with a run-time value, bits
     * of {@code v} that do not fit are dropped rather than rejected (the KUnit fixture's
     * s1cdmax of 0xFF lands in the 5-bit S1CDMax as 0x1F). Make functions, which start from a
     * zeroed entry, use it where the kernel uses FIELD_PREP.
     */
    public void prep(long[] entry, long v) {
        entry[dword] |= (v << lo) & mask();
    }

    public boolean isSet(long[] entry) {
        return get(entry) != 0;
    }

    public boolean isSet(long word) {
        return extract(word) != 0;
    }

    public void set(long[] entry, boolean v) {
        set(entry, v ? 1 : 0);
    }

    /** The address held in place by this field (bits outside [hi:lo] are zero). */
    public long getAddress(long[] entry) {
        return entry[dword] & mask();
    }

    public long extractAddress(long word) {
        return word & mask();
    }

    /** Stores address bits [hi:lo] of {@code pa}; the address must be aligned and in range. */
    public void setAddress(long[] entry, long pa) {
        entry[dword] = insertAddress(entry[dword], pa);
    }

    public long insertAddress(long word, long pa) {
        if ((pa & ~mask()) != 0) {
            throw new IllegalArgumentException(String.format("address 0x%x not representable in %s[%d:%d]", pa, name, hi, lo));
        }
        return (word & ~mask()) | pa;
    }

    /** The value as a dump shows it: the address for address fields, else the field value. */
    public long display(long[] entry) {
        return address ? getAddress(entry) : get(entry);
    }
}
