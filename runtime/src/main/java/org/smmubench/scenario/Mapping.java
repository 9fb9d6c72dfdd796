package org.smmubench.scenario;

import org.smmubench.mm.Prot;

/** A range of a process's address space backed by fresh pages with the given protection. */
public record Mapping(long va, long size, Prot prot) {}
