package org.smmubench.features;

import java.util.List;

import org.smmubench.bench.RecordedViolation;

/** Violations as assertion messages print them: what, at which step, and the kernel's call chain. */
public final class Render {
    private Render() {}

    public static String violations(List<RecordedViolation> vs) {
        if (vs.isEmpty()) return "  (no violations)";
        StringBuilder sb = new StringBuilder();
        for (RecordedViolation v : vs) {
            sb.append("  ").append(v.invariant()).append(" at step ").append(v.step());
            if (v.stepText() != null && !v.stepText().isEmpty()) sb.append(" (").append(v.stepText()).append(')');
            sb.append(": ").append(v.violation().message()).append('\n');
            if (!v.violation().backtrace().isEmpty())
                sb.append("    call trace: ").append(String.join(" <- ", v.violation().backtrace())).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
