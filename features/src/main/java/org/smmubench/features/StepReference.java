package org.smmubench.features;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cucumber.java.ParameterType;

import org.smmubench.features.steps.ParameterTypes;

/**
 * Writes the step reference page (features/STEPS.md) from the step library itself, so
 * users can write features without reading Java. StepReferenceTest fails when the page
 * and the library differ; {@code mvn -pl features test -Dsteps.update=true} rewrites it.
 */
public final class StepReference {
    /** What each parameter type accepts, in the words of a feature writer. */
    static final Map<String, String[]> PARAMETERS = parameters();

    private StepReference() {}

    private static String treesWithAliases() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (var v : org.smmubench.driver.tree.DriverVariants.all())
            out.add(v.aliases().isEmpty() ? v.id() : v.id() + " (" + String.join(", ", v.aliases()) + ")");
        return String.join(", ", out);
    }

    private static Map<String, String[]> parameters() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("driver", new String[] {"\"pre-fix\"", "a kernel tree or alias in quotes: " + treesWithAliases() + "; `smmu-bench drivers` lists the commits a tree can revert or apply"});
        m.put("newDevice", new String[] {"\"nic0\"", "the name of a device this step declares: letters, digits, `_`, `.`, `-`"});
        m.put("newProcess", new String[] {"\"proc1\"", "the name of a process this step declares"});
        m.put("device", new String[] {"\"nic0\"", "a device declared by an earlier step"});
        m.put("process", new String[] {"\"proc1\"", "a process declared by an earlier step"});
        m.put("number", new String[] {"1024, 0x400", "a number, decimal or 0x hex"});
        m.put("ordinal", new String[] {"2nd", "1st, 2nd, 3rd, 4th, ...: which hit of a failure site"});
        m.put("errno", new String[] {"ENOMEM", "an errno name: " + String.join(", ", Errnos.NAMES)});
        m.put("invariant", new String[] {"\"atomic-sleep\"", "an invariant id in quotes (`smmu-bench invariants` lists them)"});
        m.put("site", new String[] {"\"kzalloc.bond\"", "a failure-injection site in quotes (`smmu-bench sites` lists them)"});
        m.put("function", new String[] {"\"arm_smmu_mmu_notifier_get\"", "a modelled kernel function, by its kernel name, in quotes"});
        m.put("event", new String[] {"C_BAD_CD", "an SMMU event name (C_BAD_CD, C_BAD_SUBSTREAMID, F_TRANSLATION, F_PERMISSION, ...)"});
        m.put("access", new String[] {"write", "read or write"});
        m.put("prot", new String[] {"rw", "r, rw, rx or rwx"});
        m.put("tableFormat", new String[] {"two-level", "two-level or linear"});
        m.put("string", new String[] {"\"dsp\"", "any text in quotes (Cucumber's own type)"});
        return m;
    }

    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Gherkin step reference\n\n")
          .append("Every step phrasing of the smmu-bench step library. Generated from the library\n")
          .append("(`org.smmubench.features.steps`) by `StepReference`; a test keeps this page in sync\n")
          .append("(regenerate with `mvn -B -pl features test -Dsteps.update=true`). Do not edit by hand.\n\n")
          .append("Write a `.feature` file with these steps and run it with `scripts/smmu-bench run FILE.feature`\n")
          .append("(or a directory). No glue code is needed. Each Gherkin scenario is one result on one driver:\n")
          .append("the one its `Given the … driver` step names (default `fixed`), or each `--driver` given on the\n")
          .append("command line. Given/When/Then are interchangeable for matching; `And`/`But` continue the last.\n")
          .append("Configuration steps come before the first device, process or action. An action whose\n")
          .append("expected result differs, and a Then step that does not hold, fail the scenario; invariant\n")
          .append("violations fail it only through Then steps (`Then no invariant is violated`, ...).\n")
          .append("Copyable examples: `examples/features/`.\n\n")
          .append("## Parameters\n\n| parameter | example | accepts |\n|---|---|---|\n");
        for (var e : PARAMETERS.entrySet())
            sb.append("| `{").append(e.getKey()).append("}` | `").append(e.getValue()[0]).append("` | ")
              .append(e.getValue()[1]).append(" |\n");
        for (StepDoc.Section section : StepDoc.Section.values()) {
            sb.append("\n## ").append(section.title).append("\n");
            for (Phrasings.Phrasing p : Phrasings.all()) {
                if (p.doc() == null || p.doc().section() != section) continue;
                sb.append("\n### `").append(p.display()).append("`\n\n")
                  .append(p.doc().value()).append("\n\n```gherkin\n").append(p.doc().example().stripTrailing())
                  .append("\n```\n");
            }
        }
        return sb.toString();
    }

    /** Parameter types the library declares; the test checks each has a line above. */
    static java.util.List<String> declaredParameterTypes() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Method m : ParameterTypes.class.getDeclaredMethods()) {
            ParameterType t = m.getAnnotation(ParameterType.class);
            if (t != null) out.add(t.name());
        }
        return out;
    }

    /** Writes the page: {@code StepReference PATH} (default STEPS.md). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "STEPS.md");
        Files.writeString(out, markdown());
    }
}
