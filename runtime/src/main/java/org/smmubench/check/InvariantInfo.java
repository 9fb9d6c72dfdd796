package org.smmubench.check;

/** An invariant's stable id (docs/invariants.md), what it checks, and its number in the bench's
 * invariant catalogue (I1.., HW I1..: driver and hardware invariants; shown by {@code smmu-bench invariants}). */
public record InvariantInfo(String id, String description, String reference) {}
