package org.smmubench.bench.jmh;

import java.util.List;

import org.smmubench.bench.Bench;
import org.smmubench.bench.BenchParts;
import org.smmubench.bench.StepOutcome;
import org.smmubench.check.InvariantSet;
import org.smmubench.scenario.Access;
import org.smmubench.iommu.Bus;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.Mapping;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.mm.Prot;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.SourcePos;
import org.smmubench.scenario.Step;

/**
 * The machine the benchmarks drive: {@code n} SVA-capable PCI devices {@code dev0..}
 * at StreamIDs 0x100+i (each its own iommu_group, as PCI requires) and one process
 * {@code proc1} with 64 KiB of RW memory at {@link #VA}. Shared by the JMH benchmark and
 * the memory-footprint main so both measure the same thing.
 */
final class BenchTopology {
    static final SourcePos POS = new SourcePos("jmh", 0, 0);
    static final String PROCESS = "proc1";
    static final long VA = 0x400000L;
    static final int FIRST_SID = 0x100;

    private BenchTopology() {}

    static String deviceName(int i) { return "dev" + i; }

    /** A fresh bench with the devices probed and the process created, nothing bound. */
    static Bench build(String driverId, boolean invariants, int devices) {
        BenchParts parts = BenchParts.of(driverId);
        if (!invariants) parts = parts.withInvariants(InvariantSet::none);
        Bench bench = new Bench(parts, SmmuOptions.defaults());
        for (int i = 0; i < devices; i++) {
            bench.addDevice(new DeviceSpec(deviceName(i), Bus.PCI, List.of(FIRST_SID + i), null, false, true, null, POS));
        }
        bench.addProcess(new ProcessSpec(PROCESS, null, null, List.of(new Mapping(VA, 0x10000, Prot.RW)), POS));
        return bench;
    }

    /**
     * A fresh bench with {@code devices} SVA-capable platform devices in one iommu_group
     * ({@code grp}, one DMA domain for all of them), the process created, nothing bound.
     */
    static Bench buildGroup(String driverId, boolean invariants, int devices) {
        BenchParts parts = BenchParts.of(driverId);
        if (!invariants) parts = parts.withInvariants(InvariantSet::none);
        Bench bench = new Bench(parts, SmmuOptions.defaults());
        for (int i = 0; i < devices; i++) {
            bench.addDevice(new DeviceSpec(deviceName(i), Bus.PLATFORM, List.of(FIRST_SID + i), null, false, true, "grp", POS));
        }
        bench.addProcess(new ProcessSpec(PROCESS, null, null, List.of(new Mapping(VA, 0x10000, Prot.RW)), POS));
        return bench;
    }

    /** bind, DMA write at VA, unbind: the three steps of one device's cycle (built once, reused). */
    static Step[] cycle(int device) {
        String d = deviceName(device);
        return new Step[] {
                new Step.Bind(d, PROCESS, "ok", POS),
                new Step.Dma(d, PROCESS, null, VA, Access.WRITE, "ok", POS),
                new Step.Unbind(d, PROCESS, "ok", POS),
        };
    }

    /** A step that did not do what the cycle needs would make the figures meaningless: stop. */
    static StepOutcome checked(StepOutcome o) {
        if (o.failure() != null) throw new IllegalStateException(o.failure().toString());
        return o;
    }

    static String memory(Bench bench) {
        var mem = bench.world().mem;
        return "residentPages=" + mem.residentPages() + " (" + (mem.residentPages() * 4L) + " KiB backed)"
                + " allocatedBytes=" + mem.allocatedBytes();
    }
}
