package org.smmubench.bench;

import java.util.List;

/**
 * The modelled machine as a graph at one moment, for the report's topology picture: the
 * SMMU, its stream table, STEs, CD tables (L1 and leaves), CDs, PASIDs and processes as the
 * hardware would read them from memory, plus the iommu core's groups and domains and the
 * devices. Node ids are stable across steps (derived from names and addresses), so two
 * snapshots of one run, or of two trees, can be compared node by node.
 */
public record Topology(List<Node> nodes, List<Edge> edges) {
    public Topology {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * {@code kind}: smmu, strtab, ste, cdtab, leaf, cd, pasid, process, device, group, domain.
     * {@code detail}: decoded fields, one per line. {@code problem}: non-empty when the
     * snapshot saw something wrong with this node (e.g. a CD whose TTB0 is no live mm's pgd).
     */
    public record Node(String id, String kind, String label, String detail, String problem) {}

    public record Edge(String from, String to, String label) {}
}
