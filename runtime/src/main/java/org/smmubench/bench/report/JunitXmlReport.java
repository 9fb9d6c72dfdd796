package org.smmubench.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;

/**
 * The {@code --junit} report, in the Ant/Surefire JUnit XML dialect every CI system reads:
 * one {@code testsuite} per scenario file, one {@code testcase} per scenario x driver, a
 * {@code failure} naming what went wrong, and the splats in {@code system-out}. The suite
 * and {@code classname} are the file's dotted name ({@link #suiteName}): Jenkins-style tools
 * split a classname at its last dot into package and class, so a raw path
 * ("examples/seed/leaf-at-1024.yaml") would become class "yaml". The file itself is the
 * suite's {@code file} property and each testcase's {@code file} attribute (GitLab reads it).
 * Written by hand (no DOM) so the bytes are deterministic; only the {@code time} attributes vary.
 */
public final class JunitXmlReport {
    private JunitXmlReport() {}

    public static String toXml(List<RunResult> results) {
        Map<String, List<RunResult>> byFile = new LinkedHashMap<>();
        for (RunResult r : results) byFile.computeIfAbsent(r.file(), f -> new ArrayList<>()).add(r);

        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"smmu-bench\"").append(counts(results)).append(">\n");
        for (var e : byFile.entrySet()) {
            sb.append("  <testsuite name=\"").append(attr(suiteName(e.getKey()))).append('"')
                    .append(counts(e.getValue())).append(">\n");
            sb.append("    <properties>\n      <property name=\"file\" value=\"").append(attr(e.getKey()))
                    .append("\"/>\n    </properties>\n");
            for (RunResult r : e.getValue()) testcase(sb, r);
            sb.append("  </testsuite>\n");
        }
        sb.append("</testsuites>\n");
        return sb.toString();
    }

    public static void write(List<RunResult> results, Path file) throws IOException {
        AtomicFile.write(file, toXml(results));
    }

    private static void testcase(StringBuilder sb, RunResult r) {
        sb.append("    <testcase classname=\"").append(attr(suiteName(r.file()))).append("\" name=\"")
                .append(attr(r.scenario() + " [" + r.driver() + "]")).append("\" file=\"").append(attr(r.file()))
                .append("\" time=\"")
                .append(seconds(r.durationMs())).append('"');
        String splats = splats(r);
        if (r.passed() && splats.isEmpty()) {
            sb.append("/>\n");
            return;
        }
        sb.append(">\n");
        if (!r.passed()) {
            String reasons = ConsoleReport.reasons(r).replace(ConsoleReport.INDENT, "");
            String first = reasons.isEmpty() ? "failed" : reasons.lines().findFirst().orElse("failed");
            sb.append("      <failure type=\"scenario-failed\" message=\"").append(attr(first)).append("\">")
                    .append(text(reasons + violationLines(r))).append("</failure>\n");
        }
        if (!splats.isEmpty()) sb.append("      <system-out>").append(text(splats)).append("</system-out>\n");
        sb.append("    </testcase>\n");
    }

    private static String violationLines(RunResult r) {
        StringBuilder sb = new StringBuilder();
        for (RecordedViolation v : r.violations()) sb.append(ConsoleReport.violationLine(v)).append('\n');
        return sb.toString();
    }

    /**
     * A file's suite name: its path without the extension, one dot per directory, and any
     * dot inside a name made '_' so only directory boundaries split
     * ("examples/seed/leaf-at-1024.yaml" -> "examples.seed.leaf-at-1024"). Leading "./" and
     * "../" parts are dropped.
     */
    public static String suiteName(String file) {
        String f = file.replace('\\', '/');
        int slash = f.lastIndexOf('/');
        int dot = f.lastIndexOf('.');
        if (dot > slash + 1) f = f.substring(0, dot);
        List<String> parts = new ArrayList<>();
        for (String p : f.split("/")) {
            if (p.isEmpty() || p.equals(".") || p.equals("..")) continue;
            parts.add(p.replace('.', '_'));
        }
        return parts.isEmpty() ? "scenarios" : String.join(".", parts);
    }

    private static String splats(RunResult r) {
        StringBuilder sb = new StringBuilder();
        for (RecordedViolation v : r.violations()) {
            String s = v.violation().splat();
            if (s.isEmpty()) continue;
            sb.append(s);
            if (!s.endsWith("\n")) sb.append('\n');
        }
        return sb.toString();
    }

    private static String counts(List<RunResult> rs) {
        long failed = rs.stream().filter(r -> !r.passed()).count();
        long ms = rs.stream().mapToLong(RunResult::durationMs).sum();
        return " tests=\"" + rs.size() + "\" failures=\"" + failed + "\" errors=\"0\" skipped=\"0\" time=\""
                + seconds(ms) + "\"";
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    static String text(String s) {
        return escape(s, false);
    }

    static String attr(String s) {
        return escape(s, true);
    }

    // Characters XML 1.0 cannot carry at all (most C0 controls, unpaired surrogates) become '?';
    // a stray control byte in a message must not make the whole report unreadable.
    private static String escape(String s, boolean attribute) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                case '\r' -> sb.append("&#13;");
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('?');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
