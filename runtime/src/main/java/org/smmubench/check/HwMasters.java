package org.smmubench.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuStream;

/**
 * The probed masters (in StreamID order) and what a physical address is in their CD tables.
 * The hardware invariants watch raw stores, so they need to know which CD or L1CD a store
 * hits; the driver's own cd_table bookkeeping says where the tables are.
 */
final class HwMasters {
    private HwMasters() {}

    /** Every live master that owns at least one probed StreamID, ordered by its first SID. */
    static List<ArmSmmuMaster> all(World w) {
        Set<ArmSmmuMaster> out = new LinkedHashSet<>();
        for (ArmSmmuStream s : w.driver.smmu.streams.values()) out.add(s.master());
        return new ArrayList<>(out);
    }

    /** The master's StreamIDs without PCI alias duplicates. */
    static List<Integer> sids(ArmSmmuMaster m) {
        return m.streams.stream().map(ArmSmmuStream::id).distinct().sorted().toList();
    }

    /**
     * One 64-bit word of a CD table: a CD dword ({@code l1} false: {@code index} is the SSID)
     * or an L1 descriptor ({@code l1} true: {@code index} is the L1 index).
     */
    record CdWord(ArmSmmuMaster master, boolean l1, int index, int dword, long cdBase) {}

    static Optional<CdWord> locate(World w, long pa) {
        return CdTableIndex.of(w).locate(w, pa);
    }

}
