package org.smmubench.features.steps;

import static org.smmubench.features.StepDoc.Section.ASSERTIONS;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.cucumber.java.en.Then;

import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.StepOutcome;
import org.smmubench.features.ExpectationFailed;
import org.smmubench.features.Render;
import org.smmubench.features.ScenarioWorld;
import org.smmubench.features.StepDoc;
import org.smmubench.scenario.Step;

/**
 * The expectations of a Gherkin scenario: the violated invariants (as YAML's {@code expect:}),
 * the call chain of a violation, a DMA's result and a CD's validity.
 */
public final class AssertionSteps {
    private final ScenarioWorld world;
    private final ParameterTypes names;

    public AssertionSteps(ScenarioWorld world, ParameterTypes names) {
        this.world = world;
        this.names = names;
    }

    @Then("no invariant is violated")
    @StepDoc(section = ASSERTIONS, example = "Then no invariant is violated",
            value = "No invariant has been violated so far; checked again after the end-of-run checks (leaks).")
    public void none() { exactly(Set.of()); }

    @Then("the invariant {invariant} is violated")
    @StepDoc(section = ASSERTIONS, example = "Then the invariant \"atomic-sleep\" is violated",
            value = "This invariant has been violated at least once so far (others may be too).")
    public void violated(String id) {
        world.claimViolated(id);
        if (!world.violated().contains(id))
            throw new ExpectationFailed(id, String.join(", ", world.violated()),
                    "expected \"" + id + "\" to be violated; violated so far: " + ids(world.violated())
                            + "\n" + Render.violations(world.violations()));
    }

    @Then("the invariant {invariant} is not violated")
    @StepDoc(section = ASSERTIONS, example = "Then the invariant \"dma-leak\" is not violated",
            value = "This invariant has not been violated so far; checked again after the end-of-run checks.")
    public void notViolated(String id) {
        world.claimNotViolated(id);
        if (world.violated().contains(id))
            throw new ExpectationFailed("not " + id, id, "\"" + id + "\" was violated" + atSteps(id) + "\n"
                    + Render.violations(world.violations().stream().filter(v -> v.invariant().equals(id)).toList()));
    }

    @Then("only the invariant {invariant} is violated")
    @StepDoc(section = ASSERTIONS, example = "Then only the invariant \"atomic-sleep\" is violated",
            value = "Exactly this one invariant has been violated (the YAML `expect: {violations: [id]}`).")
    public void only(String id) { exactly(Set.of(id)); }

    @Then("the violated invariants are:")
    @StepDoc(section = ASSERTIONS, example = """
            Then the violated invariants are:
              | cd-placement       |
              | group-pasid-atomic |""",
            value = "Exactly these invariants have been violated (one id per row; the YAML `expect: {violations: [...]}`).")
    public void exactlyThese(List<String> ids) {
        Set<String> set = new TreeSet<>();
        for (String id : ids) set.add(names.invariant(id.strip()));
        exactly(set);
    }

    @Then("{invariant} was raised in {function} called from {function}")
    @StepDoc(section = ASSERTIONS,
            example = "Then \"atomic-sleep\" was raised in \"arm_smmu_alloc_cd_leaf_table\" called from \"arm_smmu_mmu_notifier_get\"",
            value = "A violation of this invariant has both functions in its call trace, the second one an"
                    + " (indirect) caller of the first.")
    public void raisedInCalledFrom(String id, String function, String caller) { raised(id, function, caller); }

    @Then("{invariant} was raised in {function}")
    @StepDoc(section = ASSERTIONS, example = "Then \"atomic-sleep\" was raised in \"arm_smmu_mmu_notifier_get\"",
            value = "A violation of this invariant has this function in its call trace.")
    public void raisedIn(String id, String function) { raised(id, function, null); }

    @Then("the DMA succeeds")
    @StepDoc(section = ASSERTIONS, example = "Then the DMA succeeds",
            value = "The last action was a DMA and it was translated (the `translation` invariant checks the address).")
    public void dmaSucceeds() { dmaResult("ok", lastDma().result().equals("ok")); }

    @Then("the DMA faults")
    @StepDoc(section = ASSERTIONS, example = "Then the DMA faults",
            value = "The last action was a DMA and it was aborted, for any reason.")
    public void dmaFaults() { dmaResult("fault", !lastDma().result().equals("ok")); }

    @Then("the DMA faults with {event}")
    @StepDoc(section = ASSERTIONS, example = "Then the DMA faults with C_BAD_SUBSTREAMID",
            value = "The last action was a DMA that aborted and the SMMU recorded this event (C_BAD_CD,"
                    + " C_BAD_SUBSTREAMID, F_TRANSLATION, F_PERMISSION, ...).")
    public void dmaFaultsWith(String event) { dmaResult(event, lastDma().result().equals(event)); }

    @Then("the CD for {process} on {device} is valid")
    @StepDoc(section = ASSERTIONS, example = "Then the CD for \"proc1\" on \"nic0\" is valid",
            value = "The context descriptor at the process's PASID in the device's CD table (read from"
                    + " simulated memory, as the SMMU would) has V=1.")
    public void cdValid(String process, String device) { cd(process, device, true); }

    @Then("the CD for {process} on {device} is invalid")
    @StepDoc(section = ASSERTIONS, example = "Then the CD for \"proc1\" on \"nic0\" is invalid",
            value = "There is no valid context descriptor at the process's PASID in the device's CD table"
                    + " (also true when the process has no PASID or the table has no leaf there).")
    public void cdInvalid(String process, String device) { cd(process, device, false); }

    private void exactly(Set<String> ids) {
        world.claimExactly(ids);
        Set<String> actual = world.violated();
        if (!actual.equals(ids))
            throw new ExpectationFailed(String.join(", ", ids), String.join(", ", actual),
                    "expected " + (ids.isEmpty() ? "no violations" : "exactly " + ids) + ", got "
                            + (actual.isEmpty() ? "none" : actual) + "\n" + Render.violations(world.violations()));
    }

    private void raised(String id, String function, String caller) {
        world.claimViolated(id);
        List<RecordedViolation> of = world.violations().stream().filter(v -> v.invariant().equals(id)).toList();
        for (RecordedViolation v : of) {
            List<String> bt = v.violation().backtrace();   // innermost first
            int at = bt.indexOf(function);
            if (at < 0) continue;
            if (caller == null || bt.subList(at + 1, bt.size()).contains(caller)) return;
        }
        String chain = caller == null ? function : function + " called from " + caller;
        throw new ExpectationFailed(id + " in " + chain, of.isEmpty() ? "not raised" : "other call traces",
                of.isEmpty() ? "\"" + id + "\" was not raised; violated so far: " + ids(world.violated())
                        + "\n" + Render.violations(world.violations())
                        : "no \"" + id + "\" was raised in " + chain + "; it was raised in: " + String.join("; ",
                        of.stream().map(v -> String.join(" <- ", v.violation().backtrace())).distinct().toList())
                        + "\n" + Render.violations(of));
    }

    // The first line of a failure message is what the reports keep: it must be whole.
    private static String ids(Set<String> ids) { return ids.isEmpty() ? "none" : String.join(", ", ids); }

    private String atSteps(String id) {
        List<Integer> steps = world.violations().stream().filter(v -> v.invariant().equals(id))
                .map(RecordedViolation::step).distinct().toList();
        return " at step" + (steps.size() == 1 ? " " : "s ") + String.join(", ", steps.stream().map(String::valueOf).toList());
    }

    private StepOutcome lastDma() {
        if (!(world.lastStep("DMA") instanceof Step.Dma))
            throw new IllegalStateException("the last action was \"" + world.last("DMA").stepText() + "\", not a DMA");
        return world.last("DMA");
    }

    private void dmaResult(String expected, boolean ok) {
        StepOutcome o = lastDma();
        if (!ok)
            throw new ExpectationFailed(expected, o.result(), "expected the DMA to " + (expected.equals("ok") ? "succeed"
                    : expected.equals("fault") ? "fault" : "fault with " + expected) + "; it gave " + o.result()
                    + (o.detail() == null || o.detail().isBlank() ? "" : " (" + o.detail() + ")"));
    }

    private void cd(String process, String device, boolean valid) {
        boolean actual = world.cdValid(process, device);
        if (actual != valid)
            throw new ExpectationFailed(valid ? "valid" : "invalid", actual ? "valid" : "invalid",
                    "the CD for \"" + process + "\" on \"" + device + "\" is " + (actual ? "valid" : "invalid")
                            + ", expected " + (valid ? "valid" : "invalid"));
    }

}
