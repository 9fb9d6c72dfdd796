package org.smmubench.features.steps;

import java.util.Locale;

import io.cucumber.java.ParameterType;

import org.smmubench.check.Invariants;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.features.Errnos;
import org.smmubench.features.Names;
import org.smmubench.features.ScenarioWorld;
import org.smmubench.kernel.FailureSites;
import org.smmubench.scenario.Access;
import org.smmubench.mm.Prot;

/**
 * The step library's vocabulary. Each type checks its value where the step is written, so a
 * typo reads "unknown device "nci0"; did you mean "nic0"?" instead of a null deeper down.
 * Names are quoted; numbers are decimal or 0x hex, as in the YAML format.
 */
public final class ParameterTypes {
    static final String QUOTED = "\"([^\"]*)\"";
    private static final String NAME = "[A-Za-z0-9_.-]+";

    private final ScenarioWorld world;

    public ParameterTypes(ScenarioWorld world) { this.world = world; }

    @ParameterType(name = "number", value = "0[xX][0-9a-fA-F]+|[0-9]+", useForSnippets = false)
    public Long number(String text) {
        try {
            return Long.decode(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text + " does not fit in 64 bits");
        }
    }

    @ParameterType(name = "ordinal", value = "([0-9]+)(st|nd|rd|th)", useForSnippets = false)
    public Integer ordinal(String n, String suffix) {
        int v;
        try {
            v = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the hit number " + n + suffix + " is too large");
        }
        if (v < 1) throw new IllegalArgumentException("the hit number counts from 1st, not " + n + suffix);
        // "2st" is a typo for 2nd or 21st: say so rather than guess.
        String right = suffix(v);
        if (!right.equals(suffix)) throw new IllegalArgumentException("'" + n + suffix + "' is not an ordinal; did you mean " + v + right + "?");
        return v;
    }

    /** The check that needs the whole "2nd" as one string (the step checker's dry run). */
    public Integer ordinal(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+)(st|nd|rd|th)").matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not an ordinal (1st, 2nd, 3rd, 4th, ...)");
        return ordinal(m.group(1), m.group(2));
    }

    private static String suffix(int v) {
        if (v % 100 >= 11 && v % 100 <= 13) return "th";
        return switch (v % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /** A kernel tree name or alias; resolved to the canonical tree name. */
    @ParameterType(name = "driver", value = QUOTED, useForSnippets = false)
    public String driver(String name) {
        if (name.equals("all"))
            throw new IllegalArgumentException("a Gherkin scenario runs on one driver; to run it on every"
                    + " driver use a Scenario Outline with an Examples row per driver");
        return DriverVariants.resolve(name).orElseThrow(() -> new IllegalArgumentException(DriverVariants.problem(name).orElseGet(() ->
                Names.unknown("driver", name, DriverVariants.names().stream().filter(n -> !n.equals("all")).toList()))));
    }

    /** A device this step declares. */
    @ParameterType(name = "newDevice", value = QUOTED, useForSnippets = false)
    public String newDevice(String name) { return checkName("device", name); }

    /** A process this step declares. */
    @ParameterType(name = "newProcess", value = QUOTED, useForSnippets = false)
    public String newProcess(String name) { return checkName("process", name); }

    /** A device declared by an earlier step of the scenario. */
    @ParameterType(name = "device", value = QUOTED, useForSnippets = false)
    public String device(String name) {
        if (!world.devices().contains(name)) throw new IllegalArgumentException(Names.unknown("device", name, world.devices()));
        return name;
    }

    /** A process declared by an earlier step of the scenario. */
    @ParameterType(name = "process", value = QUOTED, useForSnippets = false)
    public String process(String name) {
        if (!world.processes().contains(name)) throw new IllegalArgumentException(Names.unknown("process", name, world.processes()));
        return name;
    }

    @ParameterType(name = "errno", value = "-?E[A-Z0-9]+", useForSnippets = false)
    public String errno(String name) {
        String n = name.startsWith("-") ? name.substring(1) : name;
        if (!Errnos.NAMES.contains(n)) throw new IllegalArgumentException(Names.unknown("errno", name, Errnos.NAMES));
        return n;
    }

    @ParameterType(name = "invariant", value = QUOTED, useForSnippets = false)
    public String invariant(String id) {
        if (Invariants.find(id).isEmpty()) throw new IllegalArgumentException(Names.unknown("invariant", id, Invariants.ids()));
        return id;
    }

    @ParameterType(name = "site", value = QUOTED, useForSnippets = false)
    public String site(String name) {
        if (FailureSites.find(name).isEmpty()) throw new IllegalArgumentException(Names.unknown("failure site", name, FailureSites.names()));
        return name;
    }

    /** A modelled kernel function, by its kernel name. */
    @ParameterType(name = "function", value = QUOTED, useForSnippets = false)
    public String function(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*"))
            throw new IllegalArgumentException("\"" + name + "\" is not a kernel function name");
        return name;
    }

    /** An SMMU event name (smmuv3-arch: C_BAD_CD, F_TRANSLATION, ...). */
    @ParameterType(name = "event", value = "[CF]_[A-Z0-9_]+", useForSnippets = false)
    public String event(String name) { return name; }

    @ParameterType(name = "access", value = "read|write", useForSnippets = false)
    public Access access(String a) { return Access.valueOf(a.toUpperCase(Locale.ROOT)); }

    @ParameterType(name = "prot", value = "rwx|rw|rx|r", useForSnippets = false)
    public Prot prot(String p) { return Prot.parse(p); }

    /** Whether a table is two-level: "two-level" or "linear". */
    @ParameterType(name = "tableFormat", value = "two-level|linear", useForSnippets = false)
    public Boolean tableFormat(String f) { return f.equals("two-level"); }

    private static String checkName(String kind, String name) {
        if (!name.matches(NAME))
            throw new IllegalArgumentException("a " + kind + " name is letters, digits, '_', '.' and '-'; got \"" + name + "\"");
        return name;
    }
}
