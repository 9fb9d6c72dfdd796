package org.smmubench.dsl.cli;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.driver.tree.DriverVariants;

import picocli.CommandLine;

/** Checks {@code --driver} values (kernel trees, aliases, {@code all}) and turns them into canonical tree names. */
final class DriverOption {
    private DriverOption() {}

    /**
     * Canonical ids for the names given (empty when none). An unknown name is a usage
     * error (exit 2) that lists every name the user could have typed.
     */
    static List<String> canonical(List<String> names, CommandLine cmd, boolean allowAll) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            boolean known = DriverVariants.resolve(n).isPresent() || (allowAll && n.equals("all"));
            if (!known) {
                List<String> choices = new ArrayList<>(DriverVariants.names());
                if (!allowAll) choices.remove("all");
                throw new CommandLine.ParameterException(cmd, DriverVariants.problem(n).orElseGet(() ->
                        "unknown driver '" + n + "' (known: " + String.join(", ", choices) + ")"));
            }
            for (String id : DriverVariants.expand(List.of(n))) if (!out.contains(id)) out.add(id);
        }
        return out;
    }
}
