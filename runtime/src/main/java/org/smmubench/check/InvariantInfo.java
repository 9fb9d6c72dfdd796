package org.smmubench.check;

/** An invariant's stable id (interface.md §2), what it checks, and its reference in kernel-sva.md / smmuv3-arch.md. */
public record InvariantInfo(String id, String description, String reference) {}
