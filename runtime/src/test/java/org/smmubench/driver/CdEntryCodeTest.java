package org.smmubench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.smmubench.hw.CdView;
import org.smmubench.hw.HwConfig;
import org.smmubench.hw.PhysMemory;
import org.smmubench.hw.Smmu;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Opcode;
import org.smmubench.hw.field.Ste;
import org.smmubench.iommu.Bus;
import org.smmubench.iommu.Device;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.Violation;

/**
 * The 6.10+ CD functions on a probed driver and the SMMU model: the non-allocating lookup,
 * the allocating path, and write_cd_entry's CFGI_CD+CMD_SYNC rounds for the SVA CD's life
 * (install 2, release 2, clear 2, ASID change 1), read back through the hardware decode.
 */
class CdEntryCodeTest {
    static final int SID = 0x100;
    static final int PASID = 0x400;
    static final CdMake.CpuMmu CPU = new CdMake.CpuMmu(5, 48, 4096, 0x000000ff_440c0400L);

    final PhysMemory mem = new PhysMemory();
    final Kernel k = new Kernel(mem);
    final List<Violation> violations = new ArrayList<>();
    final Smmu hw = new Smmu(HwConfig.defaults(), mem);
    final ArmSmmuV3 drv;
    final ArmSmmuMaster master;
    final List<Opcode> commands = new ArrayList<>();

    CdEntryCodeTest() {
        k.setViolationSink(violations::add);
        drv = new ArmSmmuV3(k, hw);
        Device dev = new Device("nic0", Bus.PCI, List.of(SID), 20, false, null);
        drv.probeDevice(dev);
        master = ArmSmmuV3.master(dev);
        hw.addCommandListener(c -> commands.add(c.opcode()));
    }

    long syncsDuring(Runnable r) {
        long before = hw.syncCount();
        r.run();
        return hw.syncCount() - before;
    }

    long[] svaCd(long pgd, int asid) {
        long[] cd = new long[Cd.DWORDS];
        CdMake.makeSvaCd(cd, EntryMaster.of(master), pgd == 0 ? null : pgd, CPU, asid);
        return cd;
    }

    @Test
    void arm_smmu_get_cd_ptr_never_allocates_and_arm_smmu_alloc_cd_ptr_publishes_the_leaf_once() {
        CdEntryCode cds = new CdEntryCode(k, drv.cdCode, EntryGeneration.V6_10);
        assertEquals(0, cds.getCdPtr(master, PASID), "no CD table yet");
        long allocations = mem.allocationCount();
        assertEquals(0, cds.getCdPtr(master, PASID));
        assertEquals(allocations, mem.allocationCount(), "arm_smmu_get_cd_ptr allocated");

        long syncs = syncsDuring(() -> assertNotEquals(0, cds.allocCdPtr(master, PASID)));
        assertEquals(1, syncs, "one non-leaf CFGI_CD round for the new L1CD");
        assertTrue(commands.contains(Opcode.CFGI_CD));
        long cdptr = cds.getCdPtr(master, PASID);
        assertNotEquals(0, cdptr);
        assertEquals(cdptr, cds.allocCdPtr(master, PASID), "second call finds the leaf");
        assertEquals(0, cds.getCdPtr(master, 2 * PASID), "another leaf is not allocated by a lookup");
        assertTrue(violations.isEmpty(), violations.toString());
    }

    @ParameterizedTest
    @EnumSource(EntryGeneration.class)
    void arm_smmu_write_cd_entry_rounds_for_an_sva_cd_life(EntryGeneration gen) {
        CdEntryCode cds = new CdEntryCode(k, drv.cdCode, gen);
        StrtabEntryCode stes = new StrtabEntryCode(k, gen);
        long cdptr = cds.allocCdPtr(master, PASID);
        long[] cdtable = new long[Ste.DWORDS];
        SteMake.makeCdtableSte(gen, cdtable, EntryMaster.of(master), false, Ste.S1DSS_SSID0);
        long steSyncs = syncsDuring(() -> stes.writeSte(master, SID, StrtabCode.getStepForSid(drv.smmu, SID), cdtable));
        assertEquals(2, steSyncs, "abort -> cdtable STE (as KUnit abort_to_cdtable)");

        long pgd = mem.alloc(4096, 4096);
        long[] bound = svaCd(pgd, 1997);
        assertEquals(2, syncsDuring(() -> cds.writeCdEntry(master, PASID, cdptr, bound)), "install (sva_clear)");
        assertEquals(gen.cdUsedSsids ? 1 : 0, master.cdTable.usedSsids);
        CdView v = hw.readCdFromMemory(SID, PASID);
        assertTrue(v.usable(), v.configuration());
        assertEquals(1997, v.asid());
        assertEquals(pgd, v.ttb0());

        long[] otherAsid = svaCd(pgd, 778);
        assertEquals(1, syncsDuring(() -> cds.writeCdEntry(master, PASID, cdptr, otherAsid)), "ASID change");

        long[] released = svaCd(0, 778);
        assertEquals(2, syncsDuring(() -> cds.writeCdEntry(master, PASID, cdptr, released)), "release (sva_release)");
        v = hw.readCdFromMemory(SID, PASID);
        assertTrue(v.valid() && v.epd0() && !v.record(), v.configuration());

        assertEquals(2, syncsDuring(() -> cds.clearCd(master, PASID)), "clear");
        assertEquals(0, master.cdTable.usedSsids);
        assertTrue(!hw.readCdFromMemory(SID, PASID).valid());
        assertTrue(violations.isEmpty(), violations.toString());
    }

    @Test
    void arm_smmu_init_initial_stes_writes_abort_stes_the_smmu_decodes_as_abort() {
        long base = mem.alloc(4L * Ste.BYTES, 64);
        mem.writeWords(base + Ste.BYTES, new long[] {-1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L});
        StrtabEntryCode.initInitialStes(mem, base, 4);
        long[] abort = new long[Ste.DWORDS];
        SteMake.makeAbortSte(abort);
        for (int i = 0; i < 4; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(abort, mem.readWords(base + (long) i * Ste.BYTES, Ste.DWORDS));
        }
        assertEquals(0, abort[1], "no SHCFG in qword 1, unlike 6.8's init");
    }

    @Test
    void arm_smmu_clear_cd_warns_when_the_leaf_is_missing() {
        CdEntryCode cds = new CdEntryCode(k, drv.cdCode, EntryGeneration.V6_11);
        cds.allocCdPtr(master, PASID);
        cds.clearCd(master, 4 * PASID);
        assertEquals(1, violations.size(), violations.toString());
        assertEquals("kernel-warn", violations.get(0).invariant());
    }
}
