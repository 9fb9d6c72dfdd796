package org.smmubench.features;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.smmubench.bench.RecordedViolation;

import org.smmubench.check.Checking;
import org.smmubench.scenario.SourcePos;

/**
 * What one Cucumber run shares between the result collector (a plugin) and the scenario
 * worlds (glue): the driver override, tracing, how feature URIs are shown to the user, the
 * Gherkin step being run, and the record each world leaves when its scenario ends.
 * One per run, never static: two runs in one JVM share nothing.
 */
public final class RunContext {
    private final String driverOverride;
    private final boolean trace;
    private final boolean record;
    private final Map<URI, String> displayNames;
    private final boolean collect;
    private final Checking checking;
    private final Map<String, ScenarioRecord> records = new HashMap<>();
    private SourcePos currentStep;
    private Supplier<List<RecordedViolation>> violations = List::of;

    /** {@code driverOverride}: a canonical driver id from {@code --driver}, or null. */
    public RunContext(String driverOverride, boolean trace, Map<URI, String> displayNames) {
        this(driverOverride, trace, false, displayNames, Checking.defaultMode());
    }

    /**
     * {@code record}: benches record their runs for the bench's HTML report ({@code Bench#startRecording});
     * {@code checking}: how the whole-state invariants are checked.
     */
    public RunContext(String driverOverride, boolean trace, boolean record, Map<URI, String> displayNames, Checking checking) {
        this.driverOverride = driverOverride;
        this.trace = trace;
        this.record = record;
        this.displayNames = Map.copyOf(displayNames);
        this.collect = true;
        this.checking = checking;
    }

    private RunContext() {
        this.driverOverride = null;
        this.trace = false;
        this.record = false;
        this.displayNames = Map.of();
        this.collect = false;
        this.checking = Checking.defaultMode();
    }

    /** For runs Cucumber starts by itself (the JUnit Platform suite): no override, no collector. */
    public static RunContext standalone() { return new RunContext(); }

    public Optional<String> driverOverride() { return Optional.ofNullable(driverOverride); }

    public boolean trace() { return trace; }

    public boolean record() { return record; }
    public Checking checking() { return checking; }

    /** The feature file as the user named it; the URI itself when the run did not start from a path. */
    public String display(URI uri) {
        String s = displayNames.get(uri);
        if (s != null) return s;
        if ("file".equals(uri.getScheme())) return java.nio.file.Path.of(uri).toString();
        return uri.toString();
    }

    /** Set by the collector when Cucumber starts a Gherkin step, so bench steps carry its location. */
    void currentStep(SourcePos pos) { this.currentStep = pos; }

    public Optional<SourcePos> currentStep() { return Optional.ofNullable(currentStep); }

    /** Set by each scenario's world when it begins: the violations of its run so far (for --steps). */
    void violationsSource(Supplier<List<RecordedViolation>> source) { this.violations = source; }

    List<RecordedViolation> violationsSoFar() { return violations.get(); }

    void record(String testCaseId, ScenarioRecord record) {
        if (collect) records.put(testCaseId, record);
    }

    Optional<ScenarioRecord> takeRecord(String testCaseId) { return Optional.ofNullable(records.remove(testCaseId)); }
}
