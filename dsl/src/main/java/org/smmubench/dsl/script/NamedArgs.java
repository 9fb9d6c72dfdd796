package org.smmubench.dsl.script;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The named arguments of one DSL statement ({@code dma 'nic0', 'proc1', va: 0x400000}),
 * read with the checks the YAML loader makes: unknown keys and wrong types are errors that
 * name the statement, the key and what was expected.
 */
final class NamedArgs {
    private final String verb;
    private final Map<?, ?> args;

    NamedArgs(String verb, Map<?, ?> args, String... allowed) {
        this.verb = verb;
        this.args = args == null ? Map.of() : args;
        Set<String> ok = new LinkedHashSet<>(List.of(allowed));
        for (Object k : this.args.keySet()) {
            if (!ok.contains(String.valueOf(k)))
                throw new DslError(verb + ": unknown argument '" + k + "'" + Suggest.hint(String.valueOf(k), ok)
                        + " (expected one of: " + String.join(", ", ok) + ")");
        }
    }

    boolean has(String key) { return args.containsKey(key); }

    String string(String key, String dflt) {
        Object v = args.get(key);
        if (v == null) return dflt;
        if (v instanceof CharSequence s) return s.toString();
        throw wrongType(key, "a string", v);
    }

    Long number(String key) {
        Object v = args.get(key);
        if (v == null) return null;
        return toLong(verb + ": " + key, v);
    }

    long requiredNumber(String key) {
        Long v = number(key);
        if (v == null) throw new DslError(verb + ": missing argument '" + key + ":'");
        return v;
    }

    Integer integer(String key) {
        Long v = number(key);
        if (v == null) return null;
        if (v < 0 || v > Integer.MAX_VALUE) throw new DslError(verb + ": " + key + " out of range: " + v);
        return v.intValue();
    }

    Boolean bool(String key) {
        Object v = args.get(key);
        if (v == null) return null;
        if (v instanceof Boolean b) return b;
        throw wrongType(key, "true or false", v);
    }

    Object raw(String key) { return args.get(key); }

    /** Accepts 0x400000, 4194304, '0x400000' and '4194304', as YAML does. */
    static long toLong(String what, Object v) {
        if (v instanceof Number n) {
            if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal)
                throw new DslError(what + ": expected a whole number, found " + v);
            // Groovy makes 0x10000000000000100 a BigInteger; longValue() would keep its low bits.
            if (v instanceof java.math.BigInteger b && b.bitLength() > 63)
                throw new DslError(what + ": " + v + " (0x" + b.toString(16) + ") does not fit in 64 bits");
            return n.longValue();
        }
        if (v instanceof CharSequence cs) {
            String s = cs.toString().trim().toLowerCase(Locale.ROOT).replace("_", "");
            try {
                return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new DslError(what + ": expected a number, found '" + cs + "'");
            }
        }
        throw new DslError(what + ": expected a number, found " + describe(v));
    }

    private DslError wrongType(String key, String expected, Object v) {
        return new DslError(verb + ": " + key + " must be " + expected + ", found " + describe(v));
    }

    static String describe(Object v) {
        if (v == null) return "nothing";
        if (v instanceof CharSequence) return "'" + v + "'";
        return v + " (" + v.getClass().getSimpleName() + ")";
    }
}
