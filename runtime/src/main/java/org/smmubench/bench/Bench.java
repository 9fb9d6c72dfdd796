package org.smmubench.bench;

import java.util.List;

import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.Step;

/**
 * The live world: one modelled machine (SMMUv3 hardware, iommu core, one arm-smmu-v3 driver
 * variant, processes) that every front-end drives. Not thread-safe; benches share nothing.
 *
 * <p>API CONTRACT (implementation in progress by the lead):
 * <ul>
 * <li>{@code new Bench(driverId, smmu)}: driverId canonical (see DriverVariants.resolve).
 *     Boots the SMMU and probes nothing yet.</li>
 * <li>{@link #addDevice}: probes the device (driver probe_device, default DMA domain attach).
 *     Throws ScenarioException (with the spec's pos) for duplicate names/SIDs, a group on PCI.
 *     Violations raised during probe are recorded with step 0.</li>
 * <li>{@link #addProcess}: creates the mm with its mappings.</li>
 * <li>{@link #run}: executes one step, then runs the whole-state invariant checks; returns
 *     the outcome (never throws for model-level failures; ScenarioException for unknown
 *     device/process/site names). Step numbers count from 1 in the order run() is called.</li>
 * </ul>
 */
public final class Bench implements AutoCloseable {
    public Bench(String driverId, SmmuOptions smmu) {
        throw new UnsupportedOperationException("Bench is under construction");
    }

    public String driverId() { throw new UnsupportedOperationException(); }

    public SmmuOptions smmu() { throw new UnsupportedOperationException(); }

    public void addDevice(DeviceSpec device) { throw new UnsupportedOperationException(); }

    public void addProcess(ProcessSpec process) { throw new UnsupportedOperationException(); }

    public StepOutcome run(Step step) { throw new UnsupportedOperationException(); }

    /** Every violation so far, in the order raised. */
    public List<RecordedViolation> violations() { throw new UnsupportedOperationException(); }

    public List<DeviceSpec> devices() { throw new UnsupportedOperationException(); }

    public List<ProcessSpec> processes() { throw new UnsupportedOperationException(); }

    /** When on, each StepOutcome carries the modelled call trace and the commands queued. */
    public void setTrace(boolean on) { throw new UnsupportedOperationException(); }

    /** The device's STE(s) and CD table decoded from simulated memory, valid entries only. */
    public List<String> showDevice(String name) { throw new UnsupportedOperationException(); }

    /** The process: PASID, CPU ASID, mappings, bonds, notifier state. */
    public List<String> showProcess(String name) { throw new UnsupportedOperationException(); }

    /**
     * Ends the run: unbinds nothing by itself, but runs the end-of-run checks (leaks of
     * allocations still owned by nobody, notifier lists at quiescence) and returns every
     * violation. Idempotent.
     */
    public List<RecordedViolation> finish() { throw new UnsupportedOperationException(); }

    @Override
    public void close() {}
}
