/**
 * The invariants: each an {@link org.smmubench.check.Invariant} registered in
 * {@link org.smmubench.check.InvariantSet}, with its id in {@link org.smmubench.check.Invariants}.
 *
 * <h2>When checks run, and what they may cost</h2>
 * An invariant checks at three moments: during a step, from the memory-write and command
 * listeners it installs in {@code attach} (these see every store and every consumed
 * command, in order); after every step, in {@code afterStep}; and at teardown. Listener work
 * must not grow with the machine: find what a store hit through {@link org.smmubench.check.CdTableIndex}
 * (CD tables) and {@link org.smmubench.check.SteIndex} (STEs), and keep per-entry state only
 * for entries with something pending (see CdWriteOrder's {@code open} set), never by walking
 * every entry ever written.
 *
 * <h2>Whole-state checks: full walk or incremental</h2>
 * {@code afterStep(World, sink)} walks the whole machine. That is always correct and is what
 * {@code run --paranoid} runs; it is also what a new invariant gets by default. An invariant
 * whose walk would grow with the number of devices, PASIDs or processes should also implement
 * {@link org.smmubench.check.IncrementalInvariant}: {@code afterStep(World, StepScope, sink)}
 * checks only what {@link org.smmubench.check.StepScope} says the step touched
 * ({@code liveMasters()}, {@code groups()}, {@code devices()}, {@code domains()},
 * {@code notifiers()}), or everything when {@code scope.everything()}. To opt in:
 * <ol>
 * <li>Split the full walk into a {@code check(units..., sink)} over the units it visits
 *     (masters, groups, domains...), called with the whole machine's units by the full form
 *     and with the scope's by the incremental one. The scope returns units in the order
 *     the full walks use (probe order, group order, domain id), so the reports are the same.</li>
 * <li>Make sure every input of a unit's verdict changes only in steps that touch the unit.
 *     If an input is global (an mm's PASID, say), either let the scope see its change or fall
 *     back to the full walk when it changes.</li>
 * <li>If a unit holds many entries (a master's live PASIDs, a group's pasid_array), judge
 *     only those {@code scope.pasids(master)} or {@code scope.pasidArrayChanges(group)} name
 *     (null: all of them), and when one of those breaks the rule, run the unit's full check
 *     so the messages and their order stay the full walk's (see CdPlacement).</li>
 * <li>Keep bookkeeping idempotent within a step (both forms run in cross-check mode); work
 *     that must happen once per step is cached by {@link org.smmubench.check.World#stepSerial()}
 *     (see SteWriteOrder.reportStepEnd).</li>
 * </ol>
 * An invariant that does not opt in keeps working unchanged: it is walked in full after every
 * step, which is correct but costs the machine's size. While the after-step checks run the
 * machine is frozen ({@link org.smmubench.check.World#frozen()}), so SvaState's walks are
 * shared between invariants within a step.
 *
 * <h2>Proof that the two agree</h2>
 * The test suite runs every bench in {@link org.smmubench.check.Checking#CROSS_CHECK} mode
 * (set by surefire): both forms run after every step and the bench throws if the incremental
 * one missed a new violation or invented one (above 512 devices, on one step in devices/64:
 * see Checking). The dsl module's CheckingModesAgreeTest also runs
 * every shipped scenario incremental and paranoid and compares the reports byte for byte.
 */
package org.smmubench.check;
