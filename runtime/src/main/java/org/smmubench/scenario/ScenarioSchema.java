package org.smmubench.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped JSON Schema (the same file editors use), and validation of one document
 * against it. Errors come back located and worded by {@link SchemaMessages}.
 */
final class ScenarioSchema {
    static final String RESOURCE = "/org/smmubench/scenario/scenario.schema.json";

    /** The schema is immutable once built and validation is thread-safe, so one per JVM is enough. */
    private static final class Holder {
        static final ScenarioSchema INSTANCE = new ScenarioSchema();
    }

    private final JsonNode schemaTree;
    private final Schema schema;

    private ScenarioSchema() {
        try (InputStream in = ScenarioSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            schemaTree = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaTree);
    }

    static ScenarioSchema get() { return Holder.INSTANCE; }

    JsonNode tree() { return schemaTree; }

    List<InputError> validate(YamlDocument doc) {
        List<InputError> out = new ArrayList<>();
        SchemaMessages messages = new SchemaMessages(schemaTree, doc);
        List<com.networknt.schema.Error> errors = schema.validate(doc.root());
        for (com.networknt.schema.Error e : errors) {
            if (SchemaMessages.otherBranch(e, errors)) continue;
            InputError err = messages.describe(e, path(e.getInstanceLocation()));
            if (err != null) out.add(err);
        }
        return out;
    }

    static List<Object> path(NodePath p) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < p.getNameCount(); i++) {
            Object el = p.getElement(i);
            out.add(el instanceof Number ? (Object) ((Number) el).intValue() : el.toString());
        }
        return out;
    }
}
