package org.smmubench.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.smmubench.check.Invariants;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.kernel.FailureSites;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schema editors use (schema/ at the repository root) is the one the loader validates
 * with, and its name lists follow the bench's catalogues, so editors complete exactly what
 * the bench accepts.
 */
class SchemaFilesTest {
    /** Maven runs the tests in the runtime module's directory. */
    private static final Path EDITOR_COPY = Path.of("..", "schema", "smmu-bench-scenario.schema.json");

    private static byte[] shipped() throws Exception {
        try (InputStream in = SchemaFilesTest.class.getResourceAsStream(ScenarioSchema.RESOURCE)) {
            assertNotNull(in, "schema resource missing");
            return in.readAllBytes();
        }
    }

    @Test
    void theEditorCopyIsByteIdenticalToTheShippedSchema() throws Exception {
        assertArrayEquals(shipped(), Files.readAllBytes(EDITOR_COPY),
                "schema/smmu-bench-scenario.schema.json differs from runtime/src/main/resources/org/smmubench/scenario/scenario.schema.json: copy one over the other");
    }

    @Test
    void theSchemaIsDraft202012() {
        assertEquals("https://json-schema.org/draft/2020-12/schema", ScenarioSchema.get().tree().get("$schema").asString());
    }

    @Test
    void everyPropertyHasADescriptionForEditors() {
        List<String> missing = new ArrayList<>();
        collectMissingDescriptions(ScenarioSchema.get().tree(), "", missing);
        assertEquals(List.of(), missing);
    }

    private static void collectMissingDescriptions(JsonNode n, String at, List<String> missing) {
        if (n.isObject()) {
            JsonNode props = n.get("properties");
            if (props != null && props.isObject()) {
                for (Map.Entry<String, JsonNode> e : props.properties()) {
                    if (!e.getValue().has("description")) missing.add(at + "/properties/" + e.getKey());
                }
            }
            for (Map.Entry<String, JsonNode> e : n.properties()) collectMissingDescriptions(e.getValue(), at + "/" + e.getKey(), missing);
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) collectMissingDescriptions(n.get(i), at + "/" + i, missing);
        }
    }

    private static List<String> strings(String pointer) {
        List<String> out = new ArrayList<>();
        ScenarioSchema.get().tree().at(pointer).forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void invariantIdsFollowTheCatalogue() {
        assertEquals(Invariants.ids(), strings("/$defs/invariantId/enum"));
    }

    @Test
    void failureSitesFollowTheCatalogue() {
        assertEquals(FailureSites.names(), strings("/$defs/failureSite/enum"));
    }

    @Test
    void driverNamesFollowTheCommitDeclarations() {
        // Trees are open-ended (any mix of terms), so the schema offers the names 'all' runs as
        // examples and describes the rest; the loader checks every name.
        assertEquals(DriverVariants.names(), strings("/$defs/driverName/examples"));
        assertEquals(DriverVariants.schemaDescription(), ScenarioSchema.get().tree().at("/$defs/driverName/description").asString(),
                "the schema's driverName description is out of date: paste DriverVariants.schemaDescription() into both schema files");
    }

    @Test
    void theSchemaParsesAsJson() throws Exception {
        JsonNode tree = JsonMapper.builder().build().readTree(shipped());
        assertTrue(tree.has("$defs"));
    }
}
