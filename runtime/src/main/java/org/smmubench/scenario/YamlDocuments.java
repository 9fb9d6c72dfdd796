package org.smmubench.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads the YAML documents of one file into JSON trees while recording the line and column
 * of every key and value. We build the tree from the token stream ourselves because the
 * validator's location-aware nodes know where values are but not where keys are, and an
 * "unknown key" error must point at the key.
 */
final class YamlDocuments {
    private static final Pattern DOC_MARKER = Pattern.compile("(?m)^---(?=\\s|$)");

    private final String file;
    private final String text;
    private final List<InputError> errors = new ArrayList<>();

    private YamlDocuments(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** The parsed documents (empty documents skipped); duplicate keys and syntax errors go to {@code errors}. */
    static List<YamlDocument> read(String file, String text, List<InputError> errors) {
        YamlDocuments r = new YamlDocuments(file, text);
        List<YamlDocument> docs = r.readAll();
        errors.addAll(r.errors);
        return docs;
    }

    private List<YamlDocument> readAll() {
        List<YamlDocument> docs = new ArrayList<>();
        List<Integer> markerLines = markerLines();
        int previousEndLine = 0;
        try (JsonParser p = YAMLMapper.builder().build().createParser(new SurrogateSafeReader(text))) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                Map<List<Object>, SourcePos> values = new HashMap<>();
                Map<List<Object>, SourcePos> keys = new HashMap<>();
                SourcePos rootPos = pos(p.currentTokenLocation());
                JsonNode root = readValue(p, t, new ArrayList<>(), values, keys);
                if (t == JsonToken.VALUE_NULL) continue;   // an empty document, e.g. after a trailing ---
                SourcePos start = documentStart(markerLines, previousEndLine, rootPos, docs.isEmpty());
                docs.add(new YamlDocument(root, start, values, keys));
                // The parser reports a document's closing token where the next one begins, so a
                // document ends at the last key or value it holds.
                previousEndLine = lastLine(values, keys);
            }
        } catch (JacksonException e) {
            errors.add(syntaxError(e));
        }
        return docs;
    }

    private JsonNode readValue(JsonParser p, JsonToken t, List<Object> path,
                               Map<List<Object>, SourcePos> values, Map<List<Object>, SourcePos> keys) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        SourcePos at = pos(p.currentTokenLocation());
        last = at;
        values.put(List.copyOf(path), at);
        // An alias would be read as the anchor's name, silently; expanding it instead would
        // let a few lines grow without bound (billion laughs). A scenario is short: refuse it.
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            errors.add(new InputError(at, "YAML aliases (*" + p.getString() + ") are not supported in scenarios;"
                    + " write the value out"));
            return f.nullNode();
        }
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = f.objectNode();
                Map<String, SourcePos> seen = new HashMap<>();
                while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    SourcePos keyPos = pos(p.currentTokenLocation());
                    path.add(name);
                    SourcePos first = seen.putIfAbsent(name, keyPos);
                    if (first != null) {
                        // Keep the first value and its locations; report the repeat where it is.
                        errors.add(new InputError(keyPos, "duplicate key '" + name + "' (first at line " + first.line() + ")"));
                        readValue(p, p.nextToken(), path, new HashMap<>(), new HashMap<>());
                    } else {
                        keys.put(List.copyOf(path), keyPos);
                        o.set(name, readValue(p, p.nextToken(), path, values, keys));
                    }
                    path.remove(path.size() - 1);
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = f.arrayNode();
                int i = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    path.add(i++);
                    a.add(readValue(p, t, path, values, keys));
                    path.remove(path.size() - 1);
                }
                return a;
            }
            case VALUE_STRING:
                return f.stringNode(p.getString());
            case VALUE_NUMBER_INT:
                return f.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT: {
                // Nothing in a scenario is fractional; reading 1.0 as "absent" or as 1 would
                // each hide what was meant. Quote text that only looks like a number.
                String raw = p.getText();
                errors.add(new InputError(at, "expected a whole number (decimal or 0x hex), found " + raw
                        + " (quote it if it is text: '" + raw + "')"));
                return f.stringNode(raw);
            }
            case VALUE_TRUE:
                return f.booleanNode(true);
            case VALUE_FALSE:
                return f.booleanNode(false);
            case VALUE_NULL:
                return f.nullNode();
            default:
                // Binary/embedded values (e.g. !!binary) have no meaning in a scenario.
                return f.stringNode(p.getString());
        }
    }

    /** Where the reader was last; the nesting limit's error carries no location of its own. */
    private SourcePos last;

    private InputError syntaxError(JacksonException e) {
        String raw = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        SourcePos at = pos(e.getLocation());
        if (raw.contains("nesting depth")) {
            return new InputError(last != null ? last : new SourcePos(file, 1, 1),
                    "nesting deeper than 500 levels (lists and maps inside each other); a scenario needs a handful");
        }
        String message = syntaxMessage(raw);
        // SnakeYAML gives up on a key after 1,024 characters and points past it; the key is
        // where the scan started.
        if (raw.contains("while scanning a simple key") && raw.contains("could not find expected ':'")) {
            Matcher m = Pattern.compile("line (\\d+), column (\\d+)").matcher(raw);
            if (m.find()) at = new SourcePos(file, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            message += " (a key longer than 1,024 characters, or a line missing its ':'?)";
        }
        return new InputError(at, "YAML syntax error: " + message);
    }

    /**
     * The parser reports where the top-level mapping starts (its first key); users think of a
     * document as starting at its {@code ---} line, or at the top of the file for the first one.
     */
    private SourcePos documentStart(List<Integer> markerLines, int previousEndLine, SourcePos rootPos, boolean first) {
        // The last marker at or before the root, if it lies after the previous document (binary
        // search: a file of N documents must not cost N x N).
        int i = Collections.binarySearch(markerLines, rootPos.line());
        int at = i >= 0 ? i : -i - 2;
        int marker = at >= 0 && markerLines.get(at) > previousEndLine ? markerLines.get(at) : 0;
        if (marker > 0) return new SourcePos(file, marker, 1);
        if (first) return new SourcePos(file, 1, 1);
        return rootPos;
    }

    private static int lastLine(Map<List<Object>, SourcePos> values, Map<List<Object>, SourcePos> keys) {
        int last = 0;
        for (SourcePos p : values.values()) last = Math.max(last, p.line());
        for (SourcePos p : keys.values()) last = Math.max(last, p.line());
        return last;
    }

    private List<Integer> markerLines() {
        List<Integer> lines = new ArrayList<>();
        Matcher m = DOC_MARKER.matcher(text);
        int line = 1;
        int counted = 0;
        while (m.find()) {
            // Count newlines only since the previous marker: one pass over the text in all.
            for (; counted < m.start(); counted++) if (text.charAt(counted) == '\n') line++;
            lines.add(line);
        }
        return lines;
    }

    private SourcePos pos(TokenStreamLocation l) {
        if (l == null) return new SourcePos(file, 0, 0);
        return new SourcePos(file, Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
    }

    /** SnakeYAML's message quotes the offending text under a caret; keep the words and the marks. */
    static String syntaxMessage(String raw) {
        if (raw == null) return "unreadable input";
        List<String> parts = new ArrayList<>();
        for (String line : raw.split("\n")) {
            String s = line.strip();
            if (s.isEmpty() || line.startsWith(" ") && !s.startsWith("in ")) continue;   // quoted snippet / caret
            if (s.startsWith("in reader, line") || s.startsWith("in ")) {
                Matcher m = Pattern.compile("line (\\d+), column (\\d+)").matcher(s);
                if (m.find() && parts.size() == 1 && parts.get(0).startsWith("while ")) {
                    parts.set(0, parts.get(0) + " (started at line " + m.group(1) + ", column " + m.group(2) + ")");
                }
                continue;
            }
            parts.add(s);
        }
        return parts.isEmpty() ? raw.strip() : String.join("; ", parts);
    }
}
