package org.smmubench.driver;

import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.Opcode;
import org.smmubench.kernel.Hex;

/**
 * struct arm_smmu_cmdq_ent: one command as the driver describes it, and its encoding
 * (arm_smmu_cmdq_build_cmd) through the shared command field declarations.
 */
public record CmdqEnt(Opcode opcode, int sid, int ssid, boolean substreamValid, boolean leaf,
                      int asid, int vmid, long addr, int tg, int ttl, int num, int scale, int size) {

    public static CmdqEnt cfgiSte(int sid, boolean leaf) {
        return new CmdqEnt(Opcode.CFGI_STE, sid, 0, false, leaf, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public static CmdqEnt cfgiCd(int sid, int ssid, boolean leaf) {
        return new CmdqEnt(Opcode.CFGI_CD, sid, ssid, false, leaf, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public static CmdqEnt cfgiAll() {
        return new CmdqEnt(Opcode.CFGI_ALL, 0, 0, false, false, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public static CmdqEnt prefetchCfg(int sid) {
        return new CmdqEnt(Opcode.PREFETCH_CONFIG, sid, 0, false, false, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public static CmdqEnt tlbiAsid(Opcode op, int asid) {
        return new CmdqEnt(op, 0, 0, false, false, asid, 0, 0, 0, 0, 0, 0, 0);
    }

    public static CmdqEnt tlbiVa(Opcode op, int asid, long addr, boolean leaf, int tg, int ttl, int num, int scale) {
        return new CmdqEnt(op, 0, 0, false, leaf, asid, 0, addr, tg, ttl, num, scale, 0);
    }

    public static CmdqEnt tlbiAll(Opcode op) {
        return new CmdqEnt(op, 0, 0, false, false, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public static CmdqEnt atcInv(int sid, int ssid, boolean substreamValid, long addr, int size) {
        return new CmdqEnt(Opcode.ATC_INV, sid, ssid, substreamValid, false, 0, 0, addr, 0, 0, 0, 0, size);
    }

    public static CmdqEnt sync() {
        return new CmdqEnt(Opcode.CMD_SYNC, 0, 0, false, false, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public CmdqEnt withSid(int s) {
        return new CmdqEnt(opcode, s, ssid, substreamValid, leaf, asid, vmid, addr, tg, ttl, num, scale, size);
    }

    public CmdqEnt withRange(long a, int n, int sc) {
        return new CmdqEnt(opcode, sid, ssid, substreamValid, leaf, asid, vmid, a, tg, ttl, n, sc, size);
    }

    /** arm_smmu_cmdq_build_cmd. */
    public long[] build() {
        long[] c = Cmd.of(opcode);
        switch (opcode) {
            case PREFETCH_CONFIG -> Cmd.SID.set(c, Integer.toUnsignedLong(sid));
            case CFGI_STE -> {
                Cmd.SID.set(c, Integer.toUnsignedLong(sid));
                Cmd.LEAF.set(c, leaf);
            }
            case CFGI_CD -> {
                Cmd.SID.set(c, Integer.toUnsignedLong(sid));
                Cmd.SSID.set(c, ssid);
                Cmd.LEAF.set(c, leaf);
            }
            case CFGI_ALL -> { }
            case TLBI_NH_ASID, TLBI_EL2_ASID -> Cmd.ASID.set(c, asid);
            case TLBI_NH_VA, TLBI_EL2_VA -> {
                // FIELD_PREP of the u8 num and scale: bits that do not fit are dropped, as in the
                // kernel (a num of 0 minus 1 lands as NUM=31, a scale of __ffs(0)=64 as SCALE=0).
                Cmd.NUM.prep(c, num & 0xff);
                Cmd.SCALE.prep(c, scale & 0xff);
                Cmd.ASID.set(c, asid);
                Cmd.VMID.set(c, vmid);
                Cmd.LEAF.set(c, leaf);
                Cmd.TTL.set(c, ttl);
                // FIELD_PREP of the u8 tg: a leaf size of 2^64 (a domain without pgsize_bitmap)
                // gives (64 - 10) / 2 = 27, which lands in the 2-bit TG as 3 (64K).
                Cmd.TG.prep(c, tg & 0xff);
                Cmd.ADDR.setAddress(c, addr);
            }
            case TLBI_NH_ALL, TLBI_NSNH_ALL, TLBI_EL2_ALL -> { }
            case ATC_INV -> {
                Cmd.SSV.set(c, substreamValid);
                Cmd.SSID.set(c, ssid);
                Cmd.SID.set(c, Integer.toUnsignedLong(sid));
                Cmd.SIZE.set(c, size);
                Cmd.ADDR.setAddress(c, addr);
            }
            case CMD_SYNC -> Cmd.CS.set(c, Cmd.SYNC_CS_SEV);
            default -> throw new IllegalStateException("the modelled driver never builds " + opcode);
        }
        return c;
    }

    /** The line the trace shows for this command. */
    public String describe() {
        String n = opcode == Opcode.CMD_SYNC ? "CMD_SYNC" : "CMD_" + opcode.name();
        return switch (opcode) {
            case PREFETCH_CONFIG -> n + " sid=" + Hex.of(sid);
            case CFGI_STE -> n + " sid=" + Hex.of(sid) + " leaf=" + (leaf ? 1 : 0);
            case CFGI_CD -> n + " sid=" + Hex.of(sid) + " ssid=" + Hex.of(ssid) + " leaf=" + (leaf ? 1 : 0);
            case TLBI_NH_ASID, TLBI_EL2_ASID -> n + " asid=" + asid;
            case TLBI_NH_VA, TLBI_EL2_VA -> n + " asid=" + asid + " addr=" + Hex.of(addr) + " leaf=" + (leaf ? 1 : 0)
                    + (tg != 0 ? " tg=" + tg + " num=" + num + " scale=" + scale : "");
            case ATC_INV -> n + " sid=" + Hex.of(sid) + (substreamValid ? " ssid=" + Hex.of(ssid) : "")
                    + " addr=" + Hex.of(addr) + " size=" + size;
            default -> n;
        };
    }
}
