package org.smmubench.scenario;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One YAML document of a scenario file as a JSON tree, plus where each value and each key
 * was written. Paths are lists of property names (String) and array indices (Integer), the
 * same shape as the schema validator's instance locations, so an error found on the tree
 * can be pointed back at the text.
 */
record YamlDocument(JsonNode root, SourcePos start, Map<List<Object>, SourcePos> valuePos,
                    Map<List<Object>, SourcePos> keyPos) {

    /** Where the value at {@code path} starts; falls back to the nearest enclosing value. */
    SourcePos valueAt(List<Object> path) {
        for (int n = path.size(); n > 0; n--) {
            SourcePos p = valuePos.get(path.subList(0, n));
            if (p != null) return p;
        }
        return start;
    }

    /** Where the key that names the value at {@code path} is; falls back to the value itself. */
    SourcePos keyAt(List<Object> path) {
        SourcePos p = keyPos.get(path);
        return p != null ? p : valueAt(path);
    }
}
