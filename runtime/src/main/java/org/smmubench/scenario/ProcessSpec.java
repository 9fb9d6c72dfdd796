package org.smmubench.scenario;

import java.util.List;

/**
 * A process (an mm). {@code pasid}: the PASID it gets at its first bind (null: lowest free
 * from 1). {@code asid}: its CPU ASID (null: lowest free from 1).
 */
public record ProcessSpec(String name, Integer pasid, Integer asid, List<Mapping> mappings,
                          SourcePos pos) {
    public ProcessSpec {
        mappings = List.copyOf(mappings);
    }
}
