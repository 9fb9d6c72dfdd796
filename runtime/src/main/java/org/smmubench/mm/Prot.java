package org.smmubench.mm;

/** Page protection of a CPU mapping, as the scenario spells it. */
public enum Prot {
    R(true, false, false), RW(true, true, false), RX(true, false, true), RWX(true, true, true);

    public final boolean read;
    public final boolean write;
    public final boolean exec;

    Prot(boolean read, boolean write, boolean exec) {
        this.read = read;
        this.write = write;
        this.exec = exec;
    }

    public String yamlName() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Prot parse(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
