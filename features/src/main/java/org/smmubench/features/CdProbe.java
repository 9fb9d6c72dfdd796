package org.smmubench.features;

import org.smmubench.bench.Bench;
import org.smmubench.check.World;
import org.smmubench.hw.CdView;
import org.smmubench.mm.Mm;
import org.smmubench.scenario.DeviceSpec;

/**
 * A CD's validity as the SMMU would read it: the process's PASID (its mm's, as the driver
 * writes it) looked up in the device's CD table in simulated memory, bypassing the caches.
 * All streams of a master share one CD table, so the first stream ID stands for the device.
 */
final class CdProbe {
    private CdProbe() {}

    static boolean valid(Bench bench, String process, String device) {
        World w = bench.world();
        Mm mm = w.mms.find(process);
        if (mm == null || mm.pasid < 0) return false;   // no PASID: nothing can be installed for it
        DeviceSpec d = bench.devices().stream().filter(x -> x.name().equals(device)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown device \"" + device + "\""));
        CdView cd = w.hw.readCdFromMemory(d.sids().get(0), mm.pasid);
        return cd.valid();
    }
}
