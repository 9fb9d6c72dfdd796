package org.smmubench.driver.tree;

import java.util.List;

/** The public face of a kernel tree: its canonical name, its old aliases and what it models. */
public record DriverVariantInfo(String id, List<String> aliases, String description) {
    public DriverVariantInfo {
        aliases = List.copyOf(aliases);
    }
}
