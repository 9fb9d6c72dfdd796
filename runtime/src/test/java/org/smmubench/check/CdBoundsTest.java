package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.CdCode;
import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.Feature;
import org.smmubench.hw.field.Cd;
import org.smmubench.kernel.Errno;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;

/** cd-bounds (I5): no CD write at or beyond 1 << s1cdmax goes through. */
class CdBoundsTest {
    static final String ID = "cd-bounds";

    /**
     * Without 2-level CD tables a master's ssid_bits is capped at 10, but the core's max_pasids
     * still comes from the SMMU's 20 bits, so PASID 0x400 reaches arm_smmu_write_ctx_desc: the
     * real 6.8 driver WARNs and returns -E2BIG there.
     */
    static final String LINEAR_AT_0X400 = """
            scenario: PASID 0x400 on a linear CD table of 0x400 CDs
            smmu: {cd-table: linear}
            devices:
              - {name: dsp0, bus: platform, sid: 0x10}
              - {name: dsp1, bus: platform, sid: 0x11}
            """ + Flows.PROC1 + """
            steps:
              - bind: {device: dsp0, process: proc1, expect: E2BIG}
            """;

    /** arm_smmu_write_ctx_desc without its E2BIG check: the pointer runs past the linear table. */
    static final class NoBoundsCheck extends CdCode {
        NoBoundsCheck(Kernel k) { super(k); }

        @Override
        public int writeCtxDesc(ArmSmmuMaster master, int ssid, CtxDesc cd) {
            try (Frame f = k.enter("arm_smmu_write_ctx_desc")) {
                if (master.cdTable.cdtab == null) return -Errno.E2BIG;
                long cdptr = getCdPtr(master, ssid);
                if (cdptr == 0) return -Errno.ENOMEM;
                var mem = master.smmu.mem;
                long val = mem.read64(cdptr);
                boolean live = Cd.V.isSet(val);
                if (cd == null) {
                    val = 0;
                } else if (cd == quietCd) {
                    val |= Cd.EPD0.maskedValue(1);
                    if (!master.smmu.has(Feature.STALL_FORCE)) val &= ~(Cd.S.mask() | Cd.R.mask());
                } else if (live) {
                    val = Cd.ASID.insert(val, cd.asid);
                } else {
                    mem.write64(cdptr + 8, Cd.TTB0.insertAddress(0, cd.ttbr & Cd.TTB0.mask()));
                    mem.write64(cdptr + 16, 0);
                    mem.write64(cdptr + 24, cd.mair);
                    syncCd(master, ssid, true);
                    val = cd.tcr | Cd.R.maskedValue(1) | Cd.A.maskedValue(1) | (cd.mm != null ? 0 : Cd.ASET.maskedValue(1))
                            | Cd.AA64.maskedValue(1) | Cd.ASID.maskedValue(cd.asid) | Cd.V.maskedValue(1);
                }
                mem.write64(cdptr, val);
                syncCd(master, ssid, true);
                return 0;
            }
        }
    }

    @Test
    void firesWhenTheE2bigCheckIsSkipped() {
        String yaml = LINEAR_AT_0X400.replace("expect: E2BIG", "expect: ok");
        RunResult r = Flows.run(yaml, Flows.parts("v6.8-fixed", p -> p.withCdCode(NoBoundsCheck::new)));
        // Past dsp0's 64 KiB linear table lies dsp1's memory: the write silently corrupts it.
        assertEquals(List.of("dsp0: CD written at SSID 0x400, beyond the 0x400 CDs of its table (1 << s1cdmax)"
                + " (the store went to PA 0x80020000, outside every CD table); expected -E2BIG and no write"),
                Flows.messages(r, ID), Flows.dump(r));
        assertTrue(Flows.violations(r, ID).get(0).violation().backtrace().containsAll(
                List.of("arm_smmu_sync_cd", "arm_smmu_write_ctx_desc", "__arm_smmu_sva_bind")));
    }

    @Test
    void silentWhenTheDriverRefusesTheOutOfRangePasid() {
        for (String driver : Flows.DRIVERS) {
            RunResult r = Flows.run(LINEAR_AT_0X400, Flows.parts(driver, p -> p.withInvariants(() -> List.of(new CdBounds()))));
            assertEquals(List.of(), Flows.messages(r, ID), driver + Flows.dump(r));
            assertEquals(List.of(), r.stepFailures(), driver);
            assertTrue(Flows.messages(r, "kernel-warn").get(0).startsWith("arm_smmu_write_ctx_desc: ssid 0x400 >= 1 << s1cdmax (10)"),
                    driver + Flows.dump(r));
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runCorrect(flow, driver, CdBounds::new);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
    }
}
