package org.smmubench.hw.field;

import java.util.List;

/**
 * MMIO register offsets and register field declarations (smmuv3-arch §1). Registers are
 * decoded through {@link Field}s at dword 0; 32-bit registers use the low half.
 * Page-1 registers (event/PRI queue pointers) are at 0x10000 + offset, as Linux uses them.
 */
public final class Regs {
    private Regs() {
    }

    public static final int PAGE1 = 0x10000;

    public static final int IDR0 = 0x00;
    public static final int IDR1 = 0x04;
    public static final int IDR2 = 0x08;
    public static final int IDR3 = 0x0C;
    public static final int IDR4 = 0x10;
    public static final int IDR5 = 0x14;
    public static final int IIDR = 0x18;
    public static final int AIDR = 0x1C;
    public static final int CR0 = 0x20;
    public static final int CR0ACK = 0x24;
    public static final int CR1 = 0x28;
    public static final int CR2 = 0x2C;
    public static final int STATUSR = 0x40;
    public static final int GBPA = 0x44;
    public static final int IRQ_CTRL = 0x50;
    public static final int IRQ_CTRLACK = 0x54;
    public static final int GERROR = 0x60;
    public static final int GERRORN = 0x64;
    public static final int GERROR_IRQ_CFG0 = 0x68;
    public static final int GERROR_IRQ_CFG1 = 0x70;
    public static final int GERROR_IRQ_CFG2 = 0x74;
    public static final int STRTAB_BASE = 0x80;
    public static final int STRTAB_BASE_CFG = 0x88;
    public static final int CMDQ_BASE = 0x90;
    public static final int CMDQ_PROD = 0x98;
    public static final int CMDQ_CONS = 0x9C;
    public static final int EVTQ_BASE = 0xA0;
    public static final int EVTQ_PROD = PAGE1 + 0xA8;
    public static final int EVTQ_CONS = PAGE1 + 0xAC;
    public static final int EVTQ_IRQ_CFG0 = 0xB0;
    public static final int EVTQ_IRQ_CFG1 = 0xB8;
    public static final int EVTQ_IRQ_CFG2 = 0xBC;
    public static final int PRIQ_BASE = 0xC0;
    public static final int PRIQ_PROD = PAGE1 + 0xC8;
    public static final int PRIQ_CONS = PAGE1 + 0xCC;
    public static final int PRIQ_IRQ_CFG0 = 0xD0;
    public static final int PRIQ_IRQ_CFG1 = 0xD8;
    public static final int PRIQ_IRQ_CFG2 = 0xDC;

    /** Registers that are 64 bits wide (the rest are 32). */
    public static boolean is64(int offset) {
        return switch (offset) {
            case GERROR_IRQ_CFG0, STRTAB_BASE, CMDQ_BASE, EVTQ_BASE, EVTQ_IRQ_CFG0, PRIQ_BASE,
                    PRIQ_IRQ_CFG0 -> true;
            default -> false;
        };
    }

    public static final class Idr0 {
        private Idr0() {
        }

        public static final int TTF_AARCH64 = 2;
        public static final int TTENDIAN_LE = 2;
        public static final int STALL_MODEL_STALL_TERM = 0;
        public static final int STALL_MODEL_TERM_ONLY = 1;
        public static final int STALL_MODEL_FORCE = 2;
        public static final int ST_LEVEL_LINEAR = 0;
        public static final int ST_LEVEL_2LVL = 1;

        public static final Field S2P = Field.bit("S2P", 0, 0);
        public static final Field S1P = Field.bit("S1P", 0, 1);
        public static final Field TTF = Field.bits("TTF", 0, 3, 2);
        public static final Field COHACC = Field.bit("COHACC", 0, 4);
        public static final Field BTM = Field.bit("BTM", 0, 5);
        public static final Field HTTU = Field.bits("HTTU", 0, 7, 6);
        public static final Field DORMHINT = Field.bit("DORMHINT", 0, 8);
        public static final Field HYP = Field.bit("HYP", 0, 9);
        public static final Field ATS = Field.bit("ATS", 0, 10);
        public static final Field NS1ATS = Field.bit("NS1ATS", 0, 11);
        public static final Field ASID16 = Field.bit("ASID16", 0, 12);
        public static final Field MSI = Field.bit("MSI", 0, 13);
        public static final Field SEV = Field.bit("SEV", 0, 14);
        public static final Field ATOS = Field.bit("ATOS", 0, 15);
        public static final Field PRI = Field.bit("PRI", 0, 16);
        public static final Field VMW = Field.bit("VMW", 0, 17);
        public static final Field VMID16 = Field.bit("VMID16", 0, 18);
        public static final Field CD2L = Field.bit("CD2L", 0, 19);
        public static final Field VATOS = Field.bit("VATOS", 0, 20);
        public static final Field TTENDIAN = Field.bits("TTENDIAN", 0, 22, 21);
        public static final Field ATSRECERR = Field.bit("ATSRECERR", 0, 23);
        public static final Field STALL_MODEL = Field.bits("STALL_MODEL", 0, 25, 24);
        public static final Field TERM_MODEL = Field.bit("TERM_MODEL", 0, 26);
        public static final Field ST_LEVEL = Field.bits("ST_LEVEL", 0, 28, 27);
        public static final Field RME_IMPL = Field.bit("RME_IMPL", 0, 30);

        public static final List<Field> FIELDS = List.of(S2P, S1P, TTF, COHACC, BTM, HTTU, DORMHINT,
                HYP, ATS, NS1ATS, ASID16, MSI, SEV, ATOS, PRI, VMW, VMID16, CD2L, VATOS, TTENDIAN,
                ATSRECERR, STALL_MODEL, TERM_MODEL, ST_LEVEL, RME_IMPL);
    }

    public static final class Idr1 {
        private Idr1() {
        }

        public static final Field SIDSIZE = Field.bits("SIDSIZE", 0, 5, 0);
        public static final Field SSIDSIZE = Field.bits("SSIDSIZE", 0, 10, 6);
        public static final Field PRIQS = Field.bits("PRIQS", 0, 15, 11);
        public static final Field EVTQS = Field.bits("EVTQS", 0, 20, 16);
        public static final Field CMDQS = Field.bits("CMDQS", 0, 25, 21);
        public static final Field ATTR_PERMS_OVR = Field.bit("ATTR_PERMS_OVR", 0, 26);
        public static final Field ATTR_TYPES_OVR = Field.bit("ATTR_TYPES_OVR", 0, 27);
        public static final Field REL = Field.bit("REL", 0, 28);
        public static final Field QUEUES_PRESET = Field.bit("QUEUES_PRESET", 0, 29);
        public static final Field TABLES_PRESET = Field.bit("TABLES_PRESET", 0, 30);
        public static final Field ECMDQ = Field.bit("ECMDQ", 0, 31);

        public static final List<Field> FIELDS = List.of(SIDSIZE, SSIDSIZE, PRIQS, EVTQS, CMDQS,
                ATTR_PERMS_OVR, ATTR_TYPES_OVR, REL, QUEUES_PRESET, TABLES_PRESET, ECMDQ);
    }

    public static final class Idr3 {
        private Idr3() {
        }

        public static final Field HAD = Field.bit("HAD", 0, 2);
        public static final Field PBHA = Field.bit("PBHA", 0, 3);
        public static final Field XNX = Field.bit("XNX", 0, 4);
        public static final Field PPS = Field.bit("PPS", 0, 5);
        public static final Field MPAM = Field.bit("MPAM", 0, 7);
        public static final Field FWB = Field.bit("FWB", 0, 8);
        public static final Field STT = Field.bit("STT", 0, 9);
        public static final Field RIL = Field.bit("RIL", 0, 10);
        public static final Field BBML = Field.bits("BBML", 0, 12, 11);
        public static final Field E0PD = Field.bit("E0PD", 0, 13);
        public static final Field PTWNNC = Field.bit("PTWNNC", 0, 14);
        public static final Field DPT = Field.bit("DPT", 0, 15);

        public static final List<Field> FIELDS = List.of(HAD, PBHA, XNX, PPS, MPAM, FWB, STT, RIL,
                BBML, E0PD, PTWNNC, DPT);
    }

    public static final class Idr5 {
        private Idr5() {
        }

        /** OAS encoding: 0=32, 1=36, 2=40, 3=42, 4=44, 5=48, 6=52 bits (also CD.IPS). */
        public static final int[] OAS_BITS = {32, 36, 40, 42, 44, 48, 52};

        public static final Field OAS = Field.bits("OAS", 0, 2, 0);
        public static final Field GRAN4K = Field.bit("GRAN4K", 0, 4);
        public static final Field GRAN16K = Field.bit("GRAN16K", 0, 5);
        public static final Field GRAN64K = Field.bit("GRAN64K", 0, 6);
        public static final Field VAX = Field.bits("VAX", 0, 11, 10);
        public static final Field STALL_MAX = Field.bits("STALL_MAX", 0, 31, 16);

        public static final List<Field> FIELDS = List.of(OAS, GRAN4K, GRAN16K, GRAN64K, VAX, STALL_MAX);

        /** The OAS/IPS encoding for a number of address bits, or -1 if not architected. */
        public static int encodeBits(int bits) {
            for (int i = 0; i < OAS_BITS.length; i++) {
                if (OAS_BITS[i] == bits) {
                    return i;
                }
            }
            return -1;
        }
    }

    public static final class Cr0 {
        private Cr0() {
        }

        public static final Field SMMUEN = Field.bit("SMMUEN", 0, 0);
        public static final Field PRIQEN = Field.bit("PRIQEN", 0, 1);
        public static final Field EVTQEN = Field.bit("EVTQEN", 0, 2);
        public static final Field CMDQEN = Field.bit("CMDQEN", 0, 3);
        public static final Field ATSCHK = Field.bit("ATSCHK", 0, 4);
        public static final Field VMW = Field.bits("VMW", 0, 8, 6);

        public static final List<Field> FIELDS = List.of(SMMUEN, PRIQEN, EVTQEN, CMDQEN, ATSCHK, VMW);
    }

    public static final class Cr1 {
        private Cr1() {
        }

        public static final Field QUEUE_IC = Field.bits("QUEUE_IC", 0, 1, 0);
        public static final Field QUEUE_OC = Field.bits("QUEUE_OC", 0, 3, 2);
        public static final Field QUEUE_SH = Field.bits("QUEUE_SH", 0, 5, 4);
        public static final Field TABLE_IC = Field.bits("TABLE_IC", 0, 7, 6);
        public static final Field TABLE_OC = Field.bits("TABLE_OC", 0, 9, 8);
        public static final Field TABLE_SH = Field.bits("TABLE_SH", 0, 11, 10);

        public static final List<Field> FIELDS = List.of(QUEUE_IC, QUEUE_OC, QUEUE_SH, TABLE_IC, TABLE_OC, TABLE_SH);
    }

    public static final class Cr2 {
        private Cr2() {
        }

        public static final Field E2H = Field.bit("E2H", 0, 0);
        public static final Field RECINVSID = Field.bit("RECINVSID", 0, 1);
        public static final Field PTM = Field.bit("PTM", 0, 2);

        public static final List<Field> FIELDS = List.of(E2H, RECINVSID, PTM);
    }

    public static final class Gbpa {
        private Gbpa() {
        }

        public static final Field SHCFG = Field.bits("SHCFG", 0, 13, 12);
        public static final Field ABORT = Field.bit("ABORT", 0, 20);
        public static final Field UPDATE = Field.bit("UPDATE", 0, 31);

        public static final List<Field> FIELDS = List.of(SHCFG, ABORT, UPDATE);
    }

    public static final class IrqCtrl {
        private IrqCtrl() {
        }

        public static final Field GERROR_IRQEN = Field.bit("GERROR_IRQEN", 0, 0);
        public static final Field PRIQ_IRQEN = Field.bit("PRIQ_IRQEN", 0, 1);
        public static final Field EVTQ_IRQEN = Field.bit("EVTQ_IRQEN", 0, 2);

        public static final List<Field> FIELDS = List.of(GERROR_IRQEN, PRIQ_IRQEN, EVTQ_IRQEN);
    }

    /** GERROR and GERRORN share this layout; an error is active while the two bits differ. */
    public static final class Gerror {
        private Gerror() {
        }

        public static final int ERR_MASK = 0x1FD;

        public static final Field CMDQ_ERR = Field.bit("CMDQ_ERR", 0, 0);
        public static final Field EVTQ_ABT_ERR = Field.bit("EVTQ_ABT_ERR", 0, 2);
        public static final Field PRIQ_ABT_ERR = Field.bit("PRIQ_ABT_ERR", 0, 3);
        public static final Field MSI_CMDQ_ABT_ERR = Field.bit("MSI_CMDQ_ABT_ERR", 0, 4);
        public static final Field MSI_EVTQ_ABT_ERR = Field.bit("MSI_EVTQ_ABT_ERR", 0, 5);
        public static final Field MSI_PRIQ_ABT_ERR = Field.bit("MSI_PRIQ_ABT_ERR", 0, 6);
        public static final Field MSI_GERROR_ABT_ERR = Field.bit("MSI_GERROR_ABT_ERR", 0, 7);
        public static final Field SFM_ERR = Field.bit("SFM_ERR", 0, 8);

        public static final List<Field> FIELDS = List.of(CMDQ_ERR, EVTQ_ABT_ERR, PRIQ_ABT_ERR,
                MSI_CMDQ_ABT_ERR, MSI_EVTQ_ABT_ERR, MSI_PRIQ_ABT_ERR, MSI_GERROR_ABT_ERR, SFM_ERR);
    }

    public static final class StrtabBase {
        private StrtabBase() {
        }

        public static final Field ADDR = Field.addr("ADDR", 0, 51, 6);
        public static final Field RA = Field.bit("RA", 0, 62);

        public static final List<Field> FIELDS = List.of(ADDR, RA);
    }

    public static final class StrtabBaseCfg {
        private StrtabBaseCfg() {
        }

        public static final int FMT_LINEAR = 0;
        public static final int FMT_2LVL = 1;
        /** The only split Linux uses: 256-STE (16 KiB) L2 tables. */
        public static final int SPLIT_LINUX = 8;

        public static final Field LOG2SIZE = Field.bits("LOG2SIZE", 0, 5, 0);
        public static final Field SPLIT = Field.bits("SPLIT", 0, 10, 6);
        public static final Field FMT = Field.bits("FMT", 0, 17, 16);

        public static final List<Field> FIELDS = List.of(LOG2SIZE, SPLIT, FMT);
    }

    /** CMDQ_BASE, EVTQ_BASE and PRIQ_BASE. */
    public static final class QBase {
        private QBase() {
        }

        public static final Field LOG2SIZE = Field.bits("LOG2SIZE", 0, 4, 0);
        public static final Field ADDR = Field.addr("ADDR", 0, 51, 5);
        /** RA for CMDQ, WA for EVTQ/PRIQ. */
        public static final Field RWA = Field.bit("RWA", 0, 62);

        public static final List<Field> FIELDS = List.of(LOG2SIZE, ADDR, RWA);
    }

    /**
     * Queue PROD/CONS pointers: index in [log2size-1:0], wrap bit at [log2size]. Their position
     * depends on the queue size, so they are built per queue by {@link #index}/{@link #wrap}.
     */
    public static final class QPtr {
        private QPtr() {
        }

        /** CMDQ_CONS error code (CERROR_*). */
        public static final Field ERR = Field.bits("ERR", 0, 30, 24);
        /** EVTQ/PRIQ PROD overflow flag, mirrored by CONS when acknowledged. */
        public static final Field OVFLG = Field.bit("OVFLG", 0, 31);

        public static final int CERROR_NONE = 0;
        public static final int CERROR_ILL = 1;
        public static final int CERROR_ABT = 2;
        public static final int CERROR_ATC_INV_SYNC = 3;

        public static Field index(int log2size) {
            return log2size == 0 ? Field.bits("IDX", 0, 0, 0) : Field.bits("IDX", 0, log2size - 1, 0);
        }

        public static Field wrap(int log2size) {
            return Field.bit("WRP", 0, log2size);
        }

        /** Index and wrap bit together (what advances modulo 2 * size). */
        public static Field indexAndWrap(int log2size) {
            return Field.bits("IDX_WRP", 0, log2size, 0);
        }
    }
}
