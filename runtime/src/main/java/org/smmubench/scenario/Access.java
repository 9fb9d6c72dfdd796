package org.smmubench.scenario;

/** The kind of a DMA transaction. */
public enum Access {
    READ, WRITE;

    public String yamlName() { return name().toLowerCase(java.util.Locale.ROOT); }
}
