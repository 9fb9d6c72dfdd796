package org.smmubench.check;

import static org.smmubench.check.HwFlows.assertSome;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.smmubench.bench.Bench;
import org.smmubench.bench.BenchParts;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.CmdqEnt;
import org.smmubench.driver.StrtabCode;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.hw.field.Ste;
import org.smmubench.kernel.Frame;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.Step;

/**
 * ste-write-order (I15). arm_smmu_write_strtab_ent is static in the model, so the broken
 * writers here are test-only routines run as the driver would (inside a kernel frame, through
 * the driver's command queue) against a live bench after a bind.
 */
class SteWriteOrderTest {
    static final String ID = SteWriteOrder.ID;
    static final int SID = 0x100;
    static final String FLOW = """
            scenario: ste
            devices: [{name: nic0, bus: pci, sid: 0x100}]
            processes: [{name: proc1, pasid: 5, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}]
            steps:
              - bind: {device: nic0, process: proc1}
              - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
            """;

    /** Runs FLOW, then {@code broken} as arm_smmu_write_strtab_ent, then its DMA again; returns the messages of ID. */
    private static List<String> afterBrokenWrite(Consumer<World> broken) {
        return afterBrokenWrite(broken, 1);
    }

    /** Runs FLOW, then {@code broken} as arm_smmu_write_strtab_ent, then FLOW's step {@code next} again. */
    private static List<String> afterBrokenWrite(Consumer<World> broken, int next) {
        Scenario s = HwFlows.scenario(FLOW);
        Bench b = new Bench(BenchParts.of(DriverVariants.FIXED), s.smmu());
        s.devices().forEach(b::addDevice);
        s.processes().forEach(b::addProcess);
        s.steps().forEach(b::run);
        World w = b.world();
        try (Frame f = w.kernel.enter("arm_smmu_write_strtab_ent")) {
            broken.accept(w);
        }
        b.run(s.steps().get(next));
        return b.violations().stream().filter(v -> v.invariant().equals(ID)).map(v -> v.violation().message()).toList();
    }

    private static long ste(World w) { return StrtabCode.getStepForSid(w.driver.smmu, SID); }

    private static void cfgiSteSync(World w) { w.driver.smmu.cmdq.issueCmdWithSync(CmdqEnt.cfgiSte(SID, true)); }

    private static long abort() { return Ste.V.maskedValue(1) | Ste.CONFIG.maskedValue(Ste.CONFIG_ABORT); }

    @Test
    void liveToLiveSwitchIsCaught() {
        List<String> m = afterBrokenWrite(w -> {
            long a = ste(w);
            long d0 = w.mem.read64(a);
            w.mem.write64(a + 16, 0);
            cfgiSteSync(w);
            w.mem.write64(a, Ste.CONFIG.insert(d0, Ste.CONFIG_S2_TRANS));
            cfgiSteSync(w);
        });
        assertSome(m, "nic0 (SID 0x100): STE at 0x", "dword 0 rewritten from live Config=S1_TRANS S1ContextPtr=0x",
                "straight to Config=S2_TRANS", "expected the STE to go through abort or bypass first");
    }

    @Test
    void dword0BeforeTheBodyIsSyncedIsCaught() {
        List<String> m = afterBrokenWrite(w -> {
            long a = ste(w);
            long d0 = w.mem.read64(a);
            long d1 = w.mem.read64(a + 8);
            w.mem.write64(a, abort());
            cfgiSteSync(w);
            w.mem.write64(a + 8, d1);
            w.mem.write64(a + 16, 0);
            w.mem.write64(a, d0);
            cfgiSteSync(w);
        });
        assertSome(m, "nic0 (SID 0x100): STE at 0x", "translating dword 0 stored (Config=S1_TRANS",
                "expected CFGI_STE(SID 0x100)+CMD_SYNC between body and dword 0; found no CFGI_STE for SID 0x100");
    }

    @Test
    void unsyncedAbortIsCaughtAtStepEnd() {
        List<String> m = afterBrokenWrite(w -> {
            long a = ste(w);
            w.mem.write64(a, abort());
            w.mem.write64(a + 8, Ste.SHCFG.maskedValue(Ste.SHCFG_INCOMING));
        });
        assertSome(m, "nic0 (SID 0x100): STE at 0x", "dword 1 stored (0x", "step ended with no CFGI_STE for SID 0x100");
    }

    @Test
    void s1FieldsThatDisagreeWithTheCdTableAreCaught() {
        List<String> m = afterBrokenWrite(w -> {
            // A driver that moved its CD table without rewriting the STE.
            var master = ArmSmmuV3.master(w.core.devices().get(0));
            master.cdTable.cdtab = w.kernel.dmamAllocCoherent(null, "nic0", master.cdTable.cdtab.size(), org.smmubench.kernel.Gfp.GFP_KERNEL);
        }, 0); // then a second bind: a step that runs driver code for nic0, as the move would have
        assertSome(m, "nic0 (SID 0x100): live S1 STE that does not match the master's cd_table (expected vs found): S1ContextPtr 0x");
    }

    @Test
    void silentOnCorrectFlows() {
        HwFlows.assertSilent(ID);
    }
}
