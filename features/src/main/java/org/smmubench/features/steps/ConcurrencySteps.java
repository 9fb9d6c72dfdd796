package org.smmubench.features.steps;

import static org.smmubench.features.StepDoc.Section.CONCURRENCY;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import org.smmubench.bench.RunResult;
import org.smmubench.features.ExpectationFailed;
import org.smmubench.features.ScenarioWorld;
import org.smmubench.features.StepDoc;

/**
 * Concurrent steps, as YAML's {@code parallel:}: the actions after {@code in task N:} are
 * collected into task N instead of running, and {@code the tasks run concurrently} runs the
 * tasks as one parallel step. The actions keep their usual phrasing, so a task reads like
 * any other part of a scenario and every action can race.
 */
public final class ConcurrencySteps {
    private final ScenarioWorld world;

    public ConcurrencySteps(ScenarioWorld world) { this.world = world; }

    @When("in task {int}:")
    @StepDoc(section = CONCURRENCY, example = """
            When in task 1:
            And "proc1" is unbound from "nic0"
            When in task 2:
            And "proc1" exits""",
            value = "Starts task N (1, then 2, ...): the actions that follow are collected into it, not run, until the"
                    + " next task or `the tasks run concurrently`. An action's expected result (`is bound to`, `fails"
                    + " with`) is checked in every interleaving.")
    public void task(int n) { world.openTask(n); }

    @When("the tasks run concurrently")
    @StepDoc(section = CONCURRENCY, example = "When the tasks run concurrently",
            value = "Runs the collected tasks as one parallel step, each as its own kernel task: first every"
                    + " interleaving within two preemptions (each on a fresh bench that replays the scenario so far),"
                    + " then, on this scenario's bench, the first interleaving that raised a new violation or failed a"
                    + " step (else the one that runs the tasks in order). The Then steps that follow see that one; the"
                    + " step fails if one of its actions did not give its expected result there.")
    public void runConcurrently() { world.runTasks(); }

    @Then("{int} interleavings were run")
    @StepDoc(section = CONCURRENCY, example = "Then 3 interleavings were run",
            value = "How many interleavings the last `the tasks run concurrently` explored.")
    public void interleavings(int n) {
        RunResult r = world.lastConcurrent();
        if (r.schedules() != n)
            throw new ExpectationFailed(String.valueOf(n), String.valueOf(r.schedules()),
                    r.schedules() + " interleavings were run, not " + n);
    }

    @Then("the interleaving shown is {string}")
    @StepDoc(section = CONCURRENCY, example = "Then the interleaving shown is \"t2:* t1:*\"",
            value = "The schedule the bench ran after exploring (tN:K runs task N for K schedule points, * to its end),"
                    + " as `run` prints it and a YAML `schedule:` key pins it; `none failed` when every interleaving passed.")
    public void shown(String schedule) {
        RunResult r = world.lastConcurrent();
        String shown = r.schedule() == null ? "none failed" : r.schedule();
        if (!shown.equals(schedule))
            throw new ExpectationFailed(schedule, shown, "the interleaving shown is " + shown + ", not " + schedule);
    }
}
