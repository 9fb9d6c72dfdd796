package org.smmubench.bench;

import java.util.List;

/**
 * What the CLI needs to know about one scenario before running it, to filter
 * ({@code --name}, {@code --tags}), shard and count: its name, its tags (each with its
 * leading {@code @}, as Cucumber spells them), and the trees it names itself (canonical
 * ids; empty when it names none). An Outline row is one scenario.
 */
public record ScenarioInfo(String name, List<String> tags, List<String> ownTrees) {
    public ScenarioInfo {
        tags = List.copyOf(tags);
        ownTrees = List.copyOf(ownTrees);
    }
}
