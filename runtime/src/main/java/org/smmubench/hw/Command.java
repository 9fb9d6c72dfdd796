package org.smmubench.hw;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.Dump;
import org.smmubench.hw.field.Field;
import org.smmubench.hw.field.Opcode;

/**
 * A decoded command as the SMMU consumed it.
 *
 * @param opcode  null for an opcode the architecture does not define; CFGI_STE_RANGE with
 *                Range=31 is reported as CFGI_ALL
 * @param raw     the two dwords
 * @param slot    queue index the command was read from
 * @param error   CERROR code (0 if consumed normally)
 * @param seq     model sequence number ({@link Smmu#sequence()})
 */
public record Command(Opcode opcode, int code, long[] raw, int slot, int error, long seq) {

    public Command {
        raw = raw.clone();
    }

    public static Opcode decodeOpcode(long[] raw) {
        int code = (int) Cmd.OPCODE.get(raw);
        Optional<Opcode> op = Opcode.fromCode(code);
        if (op.isPresent() && op.get() == Opcode.CFGI_STE_RANGE && Cmd.RANGE.get(raw) == Opcode.CFGI_ALL_RANGE) {
            return Opcode.CFGI_ALL;
        }
        return op.orElse(null);
    }

    @Override
    public long[] raw() {
        return raw.clone();
    }

    public long get(Field f) {
        return f.get(raw);
    }

    /** The fields meaningful for this opcode, by name, in declaration order. */
    public Map<String, Long> fields() {
        Map<String, Long> m = new LinkedHashMap<>();
        if (opcode != null) {
            for (Field f : Cmd.fieldsFor(opcode)) {
                m.put(f.name(), f.display(raw));
            }
        }
        return m;
    }

    public boolean is(Opcode op) {
        return opcode == op;
    }

    @Override
    public String toString() {
        String name = opcode == null ? String.format("opcode 0x%02x", code) : opcode.name();
        String body = opcode == null ? "" : " " + Dump.renderNonZero(Cmd.fieldsFor(opcode).subList(1, Cmd.fieldsFor(opcode).size()), raw);
        return name + body + (error != 0 ? " [CERROR " + error + "]" : "");
    }
}
