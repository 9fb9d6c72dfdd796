package org.smmubench.hw;

/**
 * Told about every store to simulated memory. {@code pa} is the 8-byte aligned word address;
 * a 32-bit store reports the whole containing 64-bit word before and after.
 */
@FunctionalInterface
public interface MemoryWriteListener {
    void onWrite(long pa, long oldValue, long newValue);
}
