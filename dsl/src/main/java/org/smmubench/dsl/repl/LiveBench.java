package org.smmubench.dsl.repl;

import java.util.List;

import org.smmubench.bench.Bench;
import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.StepOutcome;
import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.SmmuOptions;
import org.smmubench.scenario.Step;

/**
 * The part of {@link Bench} the REPL drives. An interface so the shell's mechanics
 * (reading, completion, errors, save) are tested without depending on what the model
 * does; {@link #real} is what users get.
 */
public interface LiveBench extends AutoCloseable {
    void addDevice(DeviceSpec device);

    void addProcess(ProcessSpec process);

    StepOutcome run(Step step);

    List<RecordedViolation> violations();

    void setTrace(boolean on);

    List<String> showDevice(String name);

    List<String> showProcess(String name);

    /** {@code show smmu|caches|events}: the hardware views of the underlying Bench. */
    default List<String> showHardware(String view) {
        Bench b = bench();
        if (b == null) throw new org.smmubench.dsl.script.DslError("show " + view + ": not available on this bench");
        return switch (view) {
            case "smmu" -> b.showSmmu();
            case "caches" -> b.showCaches();
            case "events" -> b.showEvents();
            default -> throw new IllegalArgumentException(view);
        };
    }

    /** The underlying Bench, for the JShell session (null for test doubles). */
    Bench bench();

    @Override
    void close();

    /** Opens a bench on a canonical driver id. */
    interface Factory {
        LiveBench open(String driverId, SmmuOptions smmu);
    }

    static LiveBench real(String driverId, SmmuOptions smmu) {
        Bench b = new Bench(driverId, smmu);
        return new LiveBench() {
            @Override public void addDevice(DeviceSpec d) { b.addDevice(d); }
            @Override public void addProcess(ProcessSpec p) { b.addProcess(p); }
            @Override public StepOutcome run(Step s) { return b.run(s); }
            @Override public List<RecordedViolation> violations() { return b.violations(); }
            @Override public void setTrace(boolean on) { b.setTrace(on); }
            @Override public List<String> showDevice(String n) { return b.showDevice(n); }
            @Override public List<String> showProcess(String n) { return b.showProcess(n); }
            @Override public Bench bench() { return b; }
            @Override public void close() { b.close(); }
        };
    }
}
