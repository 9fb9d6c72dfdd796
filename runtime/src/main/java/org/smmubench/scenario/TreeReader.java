package org.smmubench.scenario;

import org.smmubench.kernel.Hex;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Reads typed values out of a validated-or-not document tree for the binders. Values of the
 * wrong type read as absent: the schema has already reported them, and binding on regardless
 * lets the semantic checks report everything else in the same run.
 */
final class TreeReader {
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern DEC = Pattern.compile("[0-9]+");

    final YamlDocument doc;
    final List<InputError> errors = new ArrayList<>();

    TreeReader(YamlDocument doc) {
        this.doc = doc;
    }

    void error(SourcePos pos, String message) {
        errors.add(new InputError(pos, message));
    }

    static List<Object> path(List<Object> base, Object... more) {
        List<Object> p = new ArrayList<>(base);
        p.addAll(List.of(more));
        return p;
    }

    SourcePos at(List<Object> path) { return doc.valueAt(path); }

    SourcePos keyAt(List<Object> path) { return doc.keyAt(path); }

    static String str(JsonNode obj, String key) {
        JsonNode n = obj.get(key);
        return n != null && n.isString() ? n.asString() : null;
    }

    static boolean bool(JsonNode obj, String key, boolean dflt) {
        JsonNode n = obj.get(key);
        return n != null && n.isBoolean() ? n.booleanValue() : dflt;
    }

    /** A decimal or 0x-hex number, written as a YAML int or a string; null for anything else. */
    static BigInteger number(JsonNode n) {
        if (n == null) return null;
        if (n.isIntegralNumber()) return n.bigIntegerValue();
        if (n.isString()) {
            String s = n.asString().strip();
            if (HEX.matcher(s).matches()) return new BigInteger(s.substring(2), 16);
            if (DEC.matcher(s).matches()) return new BigInteger(s);
        }
        return null;
    }

    /**
     * The number under {@code key} if it lies in [min, max], else null with an error at the
     * value. Hex strings escape the schema's minimum/maximum, so ranges are checked here too
     * (a duplicate of a schema error at the same place is dropped by the loader).
     */
    Long number(JsonNode obj, List<Object> objPath, String key, long min, long max, boolean hex) {
        JsonNode n = obj.get(key);
        BigInteger v = number(n);
        if (v == null) return null;
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            error(at(path(objPath, key)), key + " must be between " + show(min, hex) + " and " + show(max, hex)
                    + ", found " + SchemaMessages.show(n));
            return null;
        }
        return v.longValue();
    }

    /** Same as {@link #number(JsonNode, List, String, long, long, boolean)} for an array element. */
    Long element(JsonNode n, List<Object> elPath, String what, long min, long max, boolean hex) {
        BigInteger v = number(n);
        if (v == null) return null;
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            error(at(elPath), what + " must be between " + show(min, hex) + " and " + show(max, hex) + ", found " + SchemaMessages.show(n));
            return null;
        }
        return v.longValue();
    }

    static String show(long v, boolean hex) { return hex ? Hex.of(v) : Long.toString(v); }

    /** va/size of a page range, by the shared rule (ScenarioRules.pageRange), reported at the key it is about. */
    boolean checkPageRange(List<Object> objPath, Long va, Long size) {
        if (va == null || size == null) return false;
        var problem = ScenarioRules.pageRange(va, size);
        if (problem.isEmpty()) return true;
        String m = problem.get();
        error(at(path(objPath, m.startsWith("size ") ? "size" : "va")), m);
        return false;
    }
}
