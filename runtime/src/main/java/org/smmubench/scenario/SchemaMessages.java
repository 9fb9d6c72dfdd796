package org.smmubench.scenario;

import java.util.ArrayList;
import java.util.List;

import org.smmubench.check.Invariants;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.kernel.FailureSites;

import tools.jackson.databind.JsonNode;

/**
 * Turns the validator's errors into the bench's wording: located at the key or value the
 * user wrote, naming the key by its path ({@code devices[0].sid}), saying what was expected
 * and what was found, and for catalogue names (drivers, invariants, sites) listing the
 * known ones with the closest match.
 */
final class SchemaMessages {
    static final String NUMBER = "a number (decimal or 0x hex)";
    static final List<String> STEP_KINDS = List.of("bind", "unbind", "dma", "map", "unmap", "cpu-write", "fail", "exit", "parallel");

    private final JsonNode schemaTree;
    private final YamlDocument doc;

    SchemaMessages(JsonNode schemaTree, YamlDocument doc) {
        this.schemaTree = schemaTree;
        this.doc = doc;
    }

    InputError describe(com.networknt.schema.Error e, List<Object> path) {
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        String schemaPtr = schemaPointer(e);
        String where = display(path);
        String prefix = where.isEmpty() ? "" : where + ": ";
        JsonNode found = e.getInstanceNode();
        switch (keyword) {
            case "additionalProperties": {
                List<Object> keyPath = append(path, e.getProperty());
                String parentPtr = schemaPtr.substring(0, schemaPtr.length() - "/additionalProperties".length());
                List<String> known = propertyNames(parentPtr);
                if (parentPtr.equals("/$defs/step")) {
                    return new InputError(doc.keyAt(keyPath), Names.unknown("step kind", e.getProperty(), STEP_KINDS));
                }
                String in = where.isEmpty() ? "" : " in " + where;
                return new InputError(doc.keyAt(keyPath), Names.unknown("key", e.getProperty(), in, known));
            }
            case "propertyNames":
                // Only expect: uses propertyNames: its keys are driver ids/aliases or 'violations'.
                return new InputError(doc.keyAt(append(path, e.getProperty())),
                        prefix + Names.unknown("driver", e.getProperty(), expectKeys()));
            case "required": {
                String in = where.isEmpty() ? "" : " in " + where;
                SourcePos pos = path.isEmpty() ? doc.start() : doc.valueAt(path);
                return new InputError(pos, "missing required key '" + e.getProperty() + "'" + in);
            }
            case "minProperties":
                if (schemaPtr.startsWith("/$defs/step/"))
                    return new InputError(doc.valueAt(path), prefix + "empty step; a step is a map with one key, one of: " + String.join(", ", STEP_KINDS));
                break;
            case "maxProperties":
                if (schemaPtr.startsWith("/$defs/step/")) {
                    List<String> keys = new ArrayList<>(found.propertyNames());
                    return new InputError(doc.valueAt(path), prefix + "a step has exactly one key, found " + keys.size() + ": " + String.join(", ", keys));
                }
                break;
            case "type":
                return new InputError(doc.valueAt(path), prefix + "expected " + expectedType(schemaPtr, e) + ", found " + typeName(found));
            case "pattern":
                if (schemaPtr.startsWith("/$defs/name/"))
                    return new InputError(doc.valueAt(path), prefix + show(found) + " is not a valid name (letters, digits, '_', '.' and '-')");
                return new InputError(doc.valueAt(path), prefix + show(found) + " is not " + NUMBER);
            case "minimum":
                return new InputError(doc.valueAt(path), prefix + "must be at least " + arg(e) + ", found " + show(found));
            case "maximum":
                return new InputError(doc.valueAt(path), prefix + "must be at most " + arg(e) + ", found " + show(found));
            case "enum":
                return new InputError(doc.valueAt(path), prefix + enumMessage(schemaPtr, found));
            case "uniqueItems":
                return new InputError(doc.valueAt(path), prefix + "lists an entry more than once");
            case "minItems":
                // A parallel step needs two branches: "must not be empty" would send the user
                // looking for an empty list that is not there.
                if (!"1".equals(arg(e)))
                    return new InputError(doc.valueAt(path), prefix + "needs at least " + arg(e) + " entries, found " + found.size());
                return new InputError(doc.valueAt(path), prefix + "must not be empty");
            case "minLength":
                return new InputError(doc.valueAt(path), prefix + "must not be empty");
            default:
                break;
        }
        return new InputError(doc.valueAt(path), prefix + e.getMessage());
    }

    private String enumMessage(String schemaPtr, JsonNode found) {
        String value = found.isString() ? found.asString() : found.toString();
        if (schemaPtr.startsWith("/$defs/invariantId/")) return Names.unknown("invariant", value, Invariants.ids());
        if (schemaPtr.startsWith("/$defs/driverName/")) return Names.unknown("driver", value, DriverVariants.names());
        if (schemaPtr.startsWith("/$defs/failureSite/")) return Names.unknown("failure site", value, FailureSites.names());
        List<String> allowed = new ArrayList<>();
        schemaTree.at(schemaPtr).forEach(n -> allowed.add(n.asString()));
        if (schemaPtr.startsWith("/$defs/errnoResult/"))
            return "unknown result " + show(found) + "; expected ok or an errno name (" + String.join(", ", allowed.subList(1, allowed.size())) + ")";
        if (schemaPtr.startsWith("/$defs/dmaResult/"))
            return "unknown DMA result " + show(found) + "; expected ok, fault or an event name (" + String.join(", ", allowed.subList(2, allowed.size())) + ")";
        String hint = Names.closest(value, allowed).map(c -> "; did you mean '" + c + "'?").orElse("");
        return show(found) + " is not one of: " + String.join(", ", allowed) + hint;
    }

    private List<String> expectKeys() {
        List<String> keys = new ArrayList<>();
        keys.add("violations");
        for (String n : DriverVariants.names()) if (!n.equals("all")) keys.add(n);
        return keys;
    }

    private List<String> propertyNames(String schemaPtr) {
        List<String> out = new ArrayList<>();
        JsonNode props = schemaTree.at(schemaPtr + "/properties");
        if (props.isObject()) out.addAll(props.propertyNames());
        return out;
    }

    /**
     * A number is an integer or a string of digits, a driver one name or a list: the schema says
     * so with anyOf, and a value that fits neither branch fails both. The branch whose type
     * matched says what is wrong (a maximum, a pattern, an unknown name); the other branch's
     * type error is noise. True for such a type error when the same value has another error.
     */
    static boolean otherBranch(com.networknt.schema.Error e, List<com.networknt.schema.Error> all) {
        // A list of names against the single-name branch: its enum cannot match a list.
        if ("enum".equals(e.getKeyword()) && e.getInstanceNode() != null && e.getInstanceNode().isContainer()) return true;
        if (!"type".equals(e.getKeyword()) || !inAnyOf(schemaPointer(e))) return false;
        boolean earlierTypeError = false;
        boolean seenSelf = false;
        for (com.networknt.schema.Error o : all) {
            if (o == e) { seenSelf = true; continue; }
            if (!o.getInstanceLocation().equals(e.getInstanceLocation())) continue;
            if (!"type".equals(o.getKeyword()) && !otherBranch(o, List.of())) return true;   // a real problem is said
            if (!seenSelf) earlierTypeError = true;
        }
        return earlierTypeError;                    // fits no branch: one "expected ..." is enough
    }

    private static boolean inAnyOf(String schemaPtr) {
        return schemaPtr.contains("/anyOf/") || schemaPtr.startsWith("/$defs/hexString/") || schemaPtr.startsWith("/$defs/uint/");
    }

    private static String expectedType(String schemaPtr, com.networknt.schema.Error e) {
        if (schemaPtr.contains("/sid/anyOf/")) return NUMBER + " or a list of them";
        if (schemaPtr.contains("/driver/anyOf/")) return "a driver name or a list of them";
        if (inAnyOf(schemaPtr)) return NUMBER;
        Object[] args = e.getArguments();
        String t = args != null && args.length > 1 ? String.valueOf(args[1]) : "?";
        switch (t) {
            case "object": return "a map";
            case "array": return "a list";
            case "string": return "a string";
            case "boolean": return "true or false";
            default: return t;
        }
    }

    static String typeName(JsonNode n) {
        if (n == null || n.isNull()) return "nothing (null)";
        if (n.isObject()) return "a map";
        if (n.isArray()) return "a list";
        if (n.isString()) return "string " + show(n);
        if (n.isBoolean()) return n.toString();
        if (n.isNumber()) return "number " + n;
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    static String show(JsonNode n) {
        if (n == null) return "nothing";
        return n.isString() ? "'" + n.asString() + "'" : n.toString();
    }

    private static String arg(com.networknt.schema.Error e) {
        Object[] a = e.getArguments();
        return a != null && a.length > 0 ? String.valueOf(a[0]) : "?";
    }

    private static String schemaPointer(com.networknt.schema.Error e) {
        String s = e.getSchemaLocation() == null ? "" : e.getSchemaLocation().toString();
        int hash = s.indexOf('#');
        return hash >= 0 ? s.substring(hash + 1) : "";
    }

    private static List<Object> append(List<Object> path, Object el) {
        List<Object> p = new ArrayList<>(path);
        p.add(el);
        return p;
    }

    /** {@code devices[0].sid[1]}: how a user would name the place in the file. */
    static String display(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object el : path) {
            if (el instanceof Integer) sb.append('[').append(el).append(']');
            else {
                if (sb.length() > 0) sb.append('.');
                sb.append(el);
            }
        }
        return sb.toString();
    }
}
