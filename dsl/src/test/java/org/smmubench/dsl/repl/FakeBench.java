package org.smmubench.dsl.repl;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.bench.Bench;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.StepOutcome;
import org.smmubench.kernel.Violation;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.Step;

/**
 * A stand-in for the model that tests the shell, not the driver: every step succeeds, and
 * on pre-fix a bind raises an atomic-sleep violation with a splat.
 */
final class FakeBench implements LiveBench {
    final String driver;
    final List<String> log = new ArrayList<>();
    private final List<RecordedViolation> violations = new ArrayList<>();
    private int step;

    FakeBench(String driver, SmmuOptions smmu) { this.driver = driver; }

    static final String SPLAT = "BUG: sleeping function called from invalid context at include/linux/sched/mm.h";

    @Override public void addDevice(DeviceSpec d) { log.add("device " + d.name()); }

    @Override public void addProcess(ProcessSpec p) { log.add("process " + p.name()); }

    @Override public StepOutcome run(Step s) {
        step++;
        log.add(s.text());
        List<RecordedViolation> raised = new ArrayList<>();
        if (s instanceof Step.Bind && driver.equals(DriverVariants.PRE_FIX)) {
            raised.add(new RecordedViolation(step, s.text(), new Violation("atomic-sleep",
                    "GFP_KERNEL allocation with IRQs disabled",
                    List.of("dmam_alloc_coherent", "arm_smmu_alloc_cd_leaf_table"),
                    List.of("&smmu_domain->devices_lock"), SPLAT + "\nCall trace:\n dmam_alloc_coherent")));
        }
        violations.addAll(raised);
        return new StepOutcome(step, s.text(), "ok", "fake", raised, null, List.of("arm_smmu_fake_trace"));
    }

    @Override public List<RecordedViolation> violations() { return List.copyOf(violations); }

    @Override public void setTrace(boolean on) { }

    @Override public List<String> showDevice(String name) { return List.of("STE " + name + " V=1", "CD[1024] V=1"); }

    @Override public List<String> showProcess(String name) { return List.of("process " + name); }

    @Override public Bench bench() { return null; }

    @Override public void close() { }
}
