package org.smmubench.scenario;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Test helpers: load test resources and inline YAML, collect errors, compare without positions. */
final class Loading {
    static final String FILE = "t.yaml";

    private Loading() {}

    static String resourceText(String name) {
        try (InputStream in = Loading.class.getResourceAsStream("/scenarios/" + name)) {
            if (in == null) throw new IllegalArgumentException("no test resource scenarios/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a test resource; positions name it "scenarios/NAME". */
    static List<Scenario> resource(String name) {
        return ScenarioLoader.parse("scenarios/" + name, resourceText(name));
    }

    static Scenario one(String yaml) {
        List<Scenario> all = ScenarioLoader.parse(FILE, yaml);
        if (all.size() != 1) throw new AssertionError("expected one scenario, got " + all.size());
        return all.get(0);
    }

    /** The errors the loader reports for {@code yaml}, each as "t.yaml:L:C: message". */
    static List<String> errors(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(FILE, yaml));
        return e.errors().stream().map(InputError::toString).collect(Collectors.toList());
    }

    /** Asserts one reported error is at {@code lineCol} ("3:5") and contains {@code fragment}. */
    static void assertError(String yaml, String lineCol, String fragment) {
        List<String> errors = errors(yaml);
        String prefix = FILE + ":" + lineCol + ": ";
        assertTrue(errors.stream().anyMatch(s -> s.startsWith(prefix) && s.contains(fragment)),
                () -> "no error at " + lineCol + " containing \"" + fragment + "\"; got:\n" + String.join("\n", errors));
    }

    static Scenario withoutPositions(Scenario s) {
        SourcePos u = SourcePos.UNKNOWN;
        return new Scenario(s.name(), s.description(), s.drivers(), s.smmu(),
                s.devices().stream().map(d -> new DeviceSpec(d.name(), d.bus(), d.sids(), d.pasidBits(), d.ats(), d.sva(), d.group(), d.defaultDomain(), u)).toList(),
                s.processes().stream().map(p -> new ProcessSpec(p.name(), p.pasid(), p.asid(), p.mappings(), u)).toList(),
                s.steps().stream().map(Loading::withoutPosition).toList(),
                s.expect(), u);
    }

    static Step withoutPosition(Step st) {
        SourcePos u = SourcePos.UNKNOWN;
        if (st instanceof Step.Bind) { Step.Bind s = (Step.Bind) st; return new Step.Bind(s.device(), s.process(), s.expect(), s.expectByTree(), u); }
        if (st instanceof Step.Unbind) { Step.Unbind s = (Step.Unbind) st; return new Step.Unbind(s.device(), s.process(), s.expect(), s.expectByTree(), u); }
        if (st instanceof Step.Dma) { Step.Dma s = (Step.Dma) st; return new Step.Dma(s.device(), s.process(), s.pasid(), s.va(), s.access(), s.expect(), s.expectByTree(), u); }
        if (st instanceof Step.Map) { Step.Map s = (Step.Map) st; return new Step.Map(s.process(), s.va(), s.size(), s.prot(), u); }
        if (st instanceof Step.Unmap) { Step.Unmap s = (Step.Unmap) st; return new Step.Unmap(s.process(), s.va(), s.size(), u); }
        if (st instanceof Step.Attach s) return new Step.Attach(s.device(), s.domain(), s.expect(), s.expectByTree(), u);
        if (st instanceof Step.CpuWrite s) return new Step.CpuWrite(s.process(), s.va(), u);
        if (st instanceof Step.Fail) { Step.Fail s = (Step.Fail) st; return new Step.Fail(s.site(), s.nth(), s.device(), u); }
        Step.Exit s = (Step.Exit) st;
        return new Step.Exit(s.process(), u);
    }
}
