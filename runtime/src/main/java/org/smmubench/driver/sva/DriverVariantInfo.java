package org.smmubench.driver.sva;

import java.util.List;

/** The public face of a driver variant (docs/trees.md): id, aliases and what it models. */
public record DriverVariantInfo(String id, List<String> aliases, String description) {
    public DriverVariantInfo {
        aliases = List.copyOf(aliases);
    }
}
