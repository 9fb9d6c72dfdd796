package org.smmubench.dsl.repl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smmubench.driver.tree.DriverVariants;

/** What a kernel engineer asked to see at the prompt, and what used to confuse them. */
class ReplHardwareViewsTest {
    private static final String TOPOLOGY = """
            pci 'nic0', sid: 0x100
            process 'proc1', pasid: 1024, mappings: [[va: 0x400000, size: 0x10000, prot: 'rw']]
            """;

    private static String run(String session) {
        return ReplHarness.run(DriverVariants.FIXED, session, LiveBench::real);
    }

    @Test
    void showSmmuDecodesTheRegistersAndQueues() {
        String out = run(TOPOLOGY + "show smmu\n");
        assertTrue(out.contains("CR0 = 0xd  SMMUEN=0x1 EVTQEN=0x1 CMDQEN=0x1"), out);
        assertTrue(out.contains("STRTAB_BASE_CFG = "), out);
        assertTrue(out.contains("CMDQ: base 0x"), out);
        assertTrue(out.contains("EVTQ: base 0x"), out);
    }

    @Test
    void showCachesMarksACachedCdThatMemoryNoLongerHolds() {
        // The DMA fills the CD cache; unbind clears the CD in memory and invalidates it, so the
        // entry goes: nothing is stale. The cache view lists what is cached either way.
        String out = run(TOPOLOGY + """
                bind 'nic0', 'proc1'
                dma 'nic0', 'proc1', va: 0x400000, access: 'write'
                show caches
                """);
        assertTrue(out.contains("configuration cache: "), out);
        assertTrue(out.contains("CD sid=0x100 index=0x400"), out);
        assertTrue(out.contains("TLB: 1 entry"), out);
        assertFalse(out.contains("STALE"), "a correct driver leaves nothing stale: " + out);
    }

    @Test
    void showEventsListsWhatTheSmmuRecorded() {
        String out = run(TOPOLOGY + "dma 'nic0', pasid: 9, va: 0x1000, access: 'read'\nshow events\n");
        assertTrue(out.contains("  #1 C_BAD"), out);
        assertTrue(run(TOPOLOGY + "show events\n").contains("no events recorded"));
    }

    @Test
    void showProcessSummarisesPagesAsRanges() {
        String out = run("process 'p', mappings: [[va: 0x400000, size: 0x100000, prot: 'rw'], [va: 0x800000, size: 0x1000, prot: 'r']]\nshow p\n");
        assertTrue(out.contains("  0x400000-0x4fffff  256 pages  rw -> pa "), out);
        assertTrue(out.contains("  0x800000  1 page  r -> pa "), out);
        assertFalse(out.contains("0x401000 ->"), "no page-by-page listing: " + out);
    }

    @Test
    void afterAFailedBindShowSaysNoDeviceWasGivenThePasid() {
        String out = run("""
                pci 'nic0', sid: 0x100
                process 'p'
                fail 'kzalloc.bond'
                bind 'nic0', 'p', expect: 'ENOMEM'
                show p
                """);
        assertTrue(out.contains("PASID 0x1 (mm->pasid, allocated by a bind that failed; no device was given it"), out);
    }

    @Test
    void anUnknownViewOrArgumentGetsADidYouMean() {
        String out = run(TOPOLOGY + "show smu\ndma 'nic0', 'proc1', va: 0x400000, acess: 'write'\n");
        assertTrue(out.contains("(did you mean 'smmu'?)"), out);
        assertTrue(out.contains("unknown argument 'acess' (did you mean 'access'?)"), out);
    }

    @Test
    void exitWithUnsavedStatementsWarnsOnceAndSaveClearsIt(@TempDir Path dir) {
        String out = run(TOPOLOGY + "exit\nexit\nviolations\n");
        assertTrue(out.contains("the session has 2 unsaved statements"), out);
        assertFalse(out.contains("no violations so far"), "the second exit left: " + out);
        String saved = run(TOPOLOGY + "save " + dir.resolve("s.yaml") + "\nexit\nviolations\n");
        assertFalse(saved.contains("unsaved"), saved);
        assertFalse(saved.contains("no violations so far"), saved);
        String other = run(TOPOLOGY + "exit\nviolations\nexit\n");
        assertTrue(other.contains("no violations so far"), "another command in between: still in the session: " + other);
        assertTrue(other.lines().filter(l -> l.contains("the session has 2 unsaved statements")).count() == 2, other);
        assertTrue(other.contains("left with 2 unsaved statements"), "the input ended: " + other);
    }

    @Test
    void anSmmuWithFewerAsidBitsThanTheCpuSaysWhyBindsFail() {
        String out = ReplHarness.run(DriverVariants.FIXED, """
                smmu asidBits: 8
                pci 'nic0', sid: 0x100
                process 'p'
                bind 'nic0', 'p', expect: 'ENODEV'
                process 'q', asid: 300
                """, LiveBench::real);
        assertTrue(out.contains("SVA is not enabled on nic0, because the SMMU cannot do SVA (arm_smmu_sva_supported() failed:"
                + " its 8-bit ASIDs cannot hold the CPU's 16-bit ASIDs"), out);
        assertTrue(out.contains("the kernel-warn is the core's rollback of the failed attach"), out);
        assertTrue(out.contains("asid 300 does not fit the SMMU's 8-bit ASIDs"), out);
    }
}
