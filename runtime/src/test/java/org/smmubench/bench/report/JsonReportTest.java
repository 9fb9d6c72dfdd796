package org.smmubench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonReportTest {
    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void keysAppearInTheDocumentedOrder() {
        JsonNode root = mapper.readTree(JsonReport.toJson(SampleResults.both(3)));
        assertEquals(List.of("results", "summary"), names(root));
        JsonNode run = root.get("results").get(0);
        assertEquals(List.of("scenario", "file", "driver", "status", "expected", "violated", "violations",
                "stepFailures", "durationMs"), names(run));
        assertEquals(List.of("invariant", "step", "stepText", "message", "backtrace", "locksHeld", "splat"),
                names(run.get("violations").get(0)));
    }

    @Test
    void valuesFollowTheInterfaceExample() {
        JsonNode root = mapper.readTree(JsonReport.toJson(SampleResults.both(3)));
        JsonNode run = root.get("results").get(0);
        assertEquals("v6.8-b5bf7778b722", run.get("driver").asString());
        assertEquals("passed", run.get("status").asString());
        assertEquals("atomic-sleep", run.get("expected").get(0).asString());
        JsonNode v = run.get("violations").get(0);
        assertEquals(1, v.get("step").asInt());
        assertEquals("dmam_alloc_coherent", v.get("backtrace").get(0).asString(), "innermost frame first");
        assertEquals("&smmu_domain->devices_lock", v.get("locksHeld").get(1).asString());
        assertEquals(SampleResults.SPLAT, v.get("splat").asString());
        assertEquals(3, run.get("durationMs").asLong());
        JsonNode failure = root.get("results").get(1).get("stepFailures").get(0);
        assertEquals("C_BAD_CD", failure.get("actual").asString());
        assertEquals(1, root.get("summary").get("passed").asInt());
        assertEquals(1, root.get("summary").get("failed").asInt());
    }

    @Test
    void identicalInputsGiveIdenticalReportsApartFromDuration() {
        String a = JsonReport.toJson(SampleResults.both(3)).replaceAll("\"durationMs\": \\d+", "\"durationMs\": 0");
        String b = JsonReport.toJson(SampleResults.both(97)).replaceAll("\"durationMs\": \\d+", "\"durationMs\": 0");
        assertEquals(a, b);
    }

    @Test
    void emptyRunHasAnEmptyResultsList() {
        JsonNode root = mapper.readTree(JsonReport.toJson(List.of()));
        assertEquals(0, root.get("results").size());
        assertEquals(0, root.get("summary").get("failed").asInt());
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.propertyNames().forEach(out::add);
        return out;
    }
}
