package org.smmubench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CFGI_CD+CMD_SYNC rounds an SVA CD's life costs, read from the {@code --trace} command
 * log of examples/exit: a round is one or more leaf CFGI_CDs for the PASID's CD followed by a
 * CMD_SYNC. v6.8's arm_smmu_write_ctx_desc installs with 2 rounds and quiesces or clears with
 * 1; the 6.10 entry writer needs 2 for each of bind, exit and unbind (hitless: unused bits,
 * then the critical qword, then the now-unused bits), and 1 for share_asid's ASID change of CD
 * 0 (only the ASID qword changes). v6.11 has the same 2 rounds for bind (arm_smmu_set_pasid),
 * exit (mm_release's release CD) and unbind (arm_smmu_clear_cd in remove_dev_pasid), and no
 * ASID change at all: the SVA domain has its own ASID, nothing takes the CPU's. v6.18 keeps
 * those counts: its unbind clears the CD in arm_smmu_blocking_set_dev_pasid, the blocked
 * domain's set_dev_pasid that iommu_remove_dev_pasid calls, with the same arm_smmu_clear_cd.
 */
class CdSyncRoundsTraceTest {
    static final Path EXIT = Path.of("../examples/exit/exit-while-bound.yaml");

    private static String trace(String driver) {
        List<RunResult> rs = new YamlFileRunner().prepare(EXIT).run(List.of(driver), true);
        assertEquals(1, rs.size());
        assertTrue(rs.get(0).passed(), rs.get(0).toString());
        return String.join("\n", rs.get(0).trace());
    }

    private static String step(String trace, int n) {
        int from = trace.indexOf("== step " + n + ":");
        int to = trace.indexOf("== step " + (n + 1) + ":");
        assertTrue(from >= 0, "no step " + n + " in\n" + trace);
        return trace.substring(from, to < 0 ? trace.length() : to);
    }

    /** Leaf CFGI_CD rounds for {@code ssid} in {@code text}, counting only inside (or only outside) arm_smmu_share_asid. */
    static int rounds(String text, int ssid, boolean inShareAsid) {
        int rounds = 0;
        boolean pending = false, inShare = false;
        for (String line : text.split("\n")) {
            String l = line.trim();
            if (l.equals("-> arm_smmu_share_asid")) inShare = true;
            if (l.equals("<- arm_smmu_share_asid")) inShare = false;
            if (inShare != inShareAsid) continue;
            if (l.startsWith("CMD_CFGI_CD ") && l.contains("ssid=0x" + Integer.toHexString(ssid) + " ") && l.endsWith("leaf=1")) {
                pending = true;
            } else if (l.equals("CMD_SYNC") && pending) {
                rounds++;
                pending = false;
            }
        }
        return rounds;
    }

    @ParameterizedTest(name = "{0}: bind {1}, ASID change {2}, exit {3}, unbind {4}")
    @CsvSource({
            "v6.8,  2, 1, 1, 1",
            "v6.10, 2, 1, 2, 2",
            "v6.11, 2, 0, 2, 2",
            "v6.18, 2, 0, 2, 2",
    })
    void cfgiCdRoundsPerStep(String driver, int bind, int asidChange, int exit, int unbind) {
        String t = trace(driver);
        int pasid = 1;
        assertEquals(bind, rounds(step(t, 1), pasid, false), driver + " bind");
        assertEquals(asidChange, rounds(step(t, 1), 0, true), driver + " share_asid moving the DMA domain's ASID (CD 0)");
        assertEquals(exit, rounds(step(t, 3), pasid, false), driver + " exit (arm_smmu_mm_release)");
        assertEquals(unbind, rounds(step(t, 5), pasid, false), driver + " unbind");
    }
}
