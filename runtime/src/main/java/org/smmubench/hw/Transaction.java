package org.smmubench.hw;

import java.util.OptionalInt;

/**
 * One DMA transaction as the SMMU receives it.
 *
 * @param sid         StreamID
 * @param ssid        SubstreamID (PASID) when the transaction carries one (SSV=1)
 * @param va          input address
 * @param write       RnW = 0
 * @param privileged  PnU = 1 (PCIe: the PASID prefix's privileged bit)
 * @param instruction InD = 1
 * @param ats         the endpoint uses ATS: it looks in its ATC first and on a miss sends a
 *                    translation request whose result it caches
 */
public record Transaction(int sid, OptionalInt ssid, long va, boolean write, boolean privileged,
                          boolean instruction, boolean ats) {

    public Transaction {
        ssid = ssid == null ? OptionalInt.empty() : ssid;
    }

    /** Without ATS (the shape of the team contract). */
    public Transaction(int sid, OptionalInt ssid, long va, boolean write, boolean privileged, boolean instruction) {
        this(sid, ssid, va, write, privileged, instruction, false);
    }

    public static Transaction read(int sid, long va) {
        return new Transaction(sid, OptionalInt.empty(), va, false, false, false, false);
    }

    public static Transaction write(int sid, long va) {
        return new Transaction(sid, OptionalInt.empty(), va, true, false, false, false);
    }

    public static Transaction read(int sid, int ssid, long va) {
        return new Transaction(sid, OptionalInt.of(ssid), va, false, false, false, false);
    }

    public static Transaction write(int sid, int ssid, long va) {
        return new Transaction(sid, OptionalInt.of(ssid), va, true, false, false, false);
    }

    public Transaction withAts(boolean v) {
        return new Transaction(sid, ssid, va, write, privileged, instruction, v);
    }

    public Transaction withPrivileged(boolean v) {
        return new Transaction(sid, ssid, va, write, v, instruction, ats);
    }

    public Transaction withInstruction(boolean v) {
        return new Transaction(sid, ssid, va, write, privileged, v, ats);
    }

    public boolean ssv() {
        return ssid.isPresent();
    }

    @Override
    public String toString() {
        return String.format("%s sid=0x%x%s va=0x%x%s%s%s", write ? "write" : "read", sid,
                ssid.isPresent() ? String.format(" ssid=0x%x", ssid.getAsInt()) : "", va,
                privileged ? " priv" : "", instruction ? " insn" : "", ats ? " ats" : "");
    }
}
