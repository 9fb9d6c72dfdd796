package org.smmubench.dsl.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.smmubench.bench.RecordedViolation;
import org.smmubench.bench.RunResult;
import org.smmubench.bench.Shard;
import org.smmubench.bench.StepFailure;
import org.smmubench.bench.report.JsonReport;
import org.smmubench.kernel.Violation;

/**
 * docs/ is the project's own contract. The generated pages equal what the code declares;
 * the hand-written ones name every key the schema and the JSON report have; every relative
 * link in docs/ and the README resolves.
 */
class ReferencePagesTest {
    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void theGeneratedPagesAreInSync() throws IOException {
        boolean update = Boolean.getBoolean("docs.update");
        for (Map.Entry<String, String> page : ReferencePages.all().entrySet()) {
            Path file = DOCS.resolve(page.getKey());
            if (update) Files.writeString(file, page.getValue());
            String hint = "docs/" + page.getKey() + " is out of date; run mvn -B -pl runtime,features,dsl test"
                    + " -Dtest=ReferencePagesTest -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.update=true";
            assertTrue(Files.exists(file), hint);
            assertEquals(page.getValue(), Files.readString(file), hint);
        }
    }

    @Test
    void theFormatPageNamesEveryKeyOfTheSchema() throws IOException {
        JsonNode schema = JsonMapper.builder().build().readTree(Files.readString(Path.of("..", "schema", "smmu-bench-scenario.schema.json")));
        String page = Files.readString(DOCS.resolve("format.md"));
        List<String> keys = new ArrayList<>();
        collectKeys(schema, keys);
        for (String k : keys) assertTrue(page.contains("`" + k + "`") || page.contains(k + ":"), "docs/format.md does not mention `" + k + "`");
    }

    // Every property name anywhere in the schema (top level, smmu, device, process, steps, expect).
    private static void collectKeys(JsonNode n, List<String> out) {
        if (n.isObject()) {
            JsonNode props = n.get("properties");
            if (props != null && props.isObject())
                for (var e : props.properties()) if (!out.contains(e.getKey())) out.add(e.getKey());
            for (var e : n.properties()) collectKeys(e.getValue(), out);
        } else if (n.isArray()) {
            for (JsonNode c : n) collectKeys(c, out);
        }
    }

    @Test
    void theReportPageNamesEveryJsonField() throws IOException {
        RecordedViolation v = new RecordedViolation(1, "bind nic0 p1", new Violation("atomic-sleep", "m",
                List.of("f"), List.of("l"), "BUG")).repeatedAt(2, "bind nic0 p2");
        RunResult r = new RunResult("s", "f.yaml", "v6.8-fixed", "failed", java.util.Set.of(), java.util.Set.of("atomic-sleep"),
                List.of(v), List.of(new StepFailure(1, "t", "ok", "ENOMEM", "m")), List.of(), 1);
        JsonNode root = JsonMapper.builder().build().readTree(JsonReport.toJson(List.of(r), new Shard(1, 2)));
        List<String> keys = new ArrayList<>();
        jsonKeys(root, keys);
        String page = Files.readString(DOCS.resolve("report.md"));
        for (String k : keys) assertTrue(page.contains("`" + k + "`"), "docs/report.md does not describe `" + k + "`");
    }

    private static void jsonKeys(JsonNode n, List<String> out) {
        if (n.isObject()) for (var e : n.properties()) {
            if (!out.contains(e.getKey())) out.add(e.getKey());
            jsonKeys(e.getValue(), out);
        }
        else if (n.isArray()) for (JsonNode c : n) jsonKeys(c, out);
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<Path> pages = new ArrayList<>();
        try (Stream<Path> s = Files.list(DOCS)) { s.filter(p -> p.toString().endsWith(".md")).forEach(pages::add); }
        pages.add(Path.of("..", "README.md"));
        pages.add(Path.of("..", "examples", "README.md"));
        Pattern link = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)");
        for (Path page : pages) {
            Matcher m = link.matcher(Files.readString(page));
            while (m.find()) {
                Path target = page.getParent().resolve(m.group(1)).normalize();
                assertTrue(Files.exists(target), page + " links to " + m.group(1) + ", which does not exist");
            }
        }
    }
}
