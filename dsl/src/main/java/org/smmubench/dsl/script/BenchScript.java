package org.smmubench.dsl.script;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import groovy.transform.NamedParam;

import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.SourcePos;

/**
 * The base class of every {@code *.groovy} scenario and of every REPL line: the statements
 * of docs/format.md (Groovy) as methods, so a script is plain Groovy whose top-level calls are the
 * scenario language. Typed signatures and {@link NamedParam} annotations let an IDE
 * complete the statements (add {@code @BaseScript BenchScript script} at the top of a file
 * to tell it the base class); {@code smmu-bench} itself sets the base class for you.
 *
 * <p>Each statement is checked and handed to the attached {@link Statements} receiver with
 * the script line it was written on; mistakes become {@link ScenarioException}s located at
 * that line.
 */
public abstract class BenchScript extends Script {
    private Vocabulary vocabulary;
    private String displayFile = "<script>";

    /** Connects this script to its receiver; {@code displayFile} is the file name used in positions. */
    public void attach(Statements receiver, String displayFile) {
        this.vocabulary = new Vocabulary(receiver);
        this.displayFile = displayFile;
    }

    // ---- scenario header ------------------------------------------------------------

    public void scenario(String name) { statement(v -> v.scenario(name, here())); }

    /** The block form: {@code scenario('name') { pci ...; bind ... }}, one scenario per block. */
    public void scenario(String name, @DelegatesTo(value = BenchScript.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        scenario(name);
        Closure<?> c = body.rehydrate(this, this, this);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.call();
    }

    public void description(String text) { statement(v -> v.description(text)); }

    public void driver(String... ids) { statement(v -> v.driver(Arrays.asList(ids))); }

    public void driver(List<String> ids) { statement(v -> v.driver(ids)); }

    /** {@code tags 'seed', 'slow'}: for {@code run --tags} (each with or without its '@'). */
    public void tags(String... tags) { statement(v -> v.tags(Arrays.asList(tags))); }

    public void tags(List<String> tags) { statement(v -> v.tags(tags)); }

    public void smmu(@NamedParam(value = "cdTable", type = String.class) @NamedParam(value = "streamTable", type = String.class)
                     @NamedParam(value = "ssidBits", type = Integer.class) @NamedParam(value = "sidBits", type = Integer.class)
                     @NamedParam(value = "asidBits", type = Integer.class) @NamedParam(value = "ats", type = Boolean.class)
                     @NamedParam(value = "stall", type = Boolean.class) @NamedParam(value = "rangeInv", type = Boolean.class)
                     Map<String, ?> args) {
        statement(v -> v.smmu(args));
    }

    // ---- topology ---------------------------------------------------------------------

    public void pci(@NamedParam(value = "sid", required = true) @NamedParam(value = "pasidBits", type = Integer.class)
                    @NamedParam(value = "ats", type = Boolean.class) @NamedParam(value = "sva", type = Boolean.class)
                    @NamedParam(value = "defaultDomain", type = String.class)
                    Map<String, ?> args, String name) {
        statement(v -> v.pci(args, name, here()));
    }

    public void pci(String name) { pci(Map.of(), name); }

    public void platform(@NamedParam(value = "sid", required = true) @NamedParam(value = "group", type = String.class)
                         @NamedParam(value = "pasidBits", type = Integer.class) @NamedParam(value = "sva", type = Boolean.class)
                         @NamedParam(value = "defaultDomain", type = String.class)
                         Map<String, ?> args, String name) {
        statement(v -> v.platform(args, name, here()));
    }

    public void platform(String name) { platform(Map.of(), name); }

    public void process(@NamedParam(value = "pasid", type = Integer.class) @NamedParam(value = "asid", type = Integer.class)
                        @NamedParam(value = "mappings", type = List.class)
                        Map<String, ?> args, String name) {
        statement(v -> v.process(args, name, here()));
    }

    public void process(String name) { process(Map.of(), name); }

    // ---- steps ------------------------------------------------------------------------

    public void bind(@NamedParam(value = "expect", type = String.class) Map<String, ?> args, String device, String process) {
        statement(v -> v.bind(args, device, process, here()));
    }

    public void bind(String device, String process) { bind(Map.of(), device, process); }

    public void unbind(@NamedParam(value = "expect", type = String.class) Map<String, ?> args, String device, String process) {
        statement(v -> v.unbind(args, device, process, here()));
    }

    public void unbind(String device, String process) { unbind(Map.of(), device, process); }

    public void attach(@NamedParam(value = "expect", type = String.class) Map<String, ?> args, String device, String domain) {
        statement(v -> v.attach(args, device, domain, here()));
    }

    public void attach(String device, String domain) { attach(Map.of(), device, domain); }

    public void dma(@NamedParam(value = "va", required = true) @NamedParam(value = "access", type = String.class)
                    @NamedParam(value = "expect", type = String.class)
                    Map<String, ?> args, String device, String process) {
        statement(v -> v.dma(args, device, process, here()));
    }

    /** A DMA with a literal {@code pasid:} or without a PASID at all. */
    public void dma(@NamedParam(value = "va", required = true) @NamedParam(value = "access", type = String.class)
                    @NamedParam(value = "pasid") @NamedParam(value = "expect", type = String.class)
                    Map<String, ?> args, String device) {
        statement(v -> v.dma(args, device, null, here()));
    }

    public void map(@NamedParam(value = "va", required = true) @NamedParam(value = "size", required = true)
                    @NamedParam(value = "prot", type = String.class)
                    Map<String, ?> args, String process) {
        statement(v -> v.map(args, process, here()));
    }

    public void unmap(@NamedParam(value = "va", required = true) @NamedParam(value = "size", required = true)
                      Map<String, ?> args, String process) {
        statement(v -> v.unmap(args, process, here()));
    }

    public void cpuWrite(@NamedParam(value = "va", required = true) Map<String, ?> args, String process) {
        statement(v -> v.cpuWrite(args, process, here()));
    }

    public void exit(String process) { statement(v -> v.exit(process, here())); }

    public void fail(@NamedParam(value = "nth", type = Integer.class) @NamedParam(value = "device", type = String.class)
                     Map<String, ?> args, String site) {
        statement(v -> v.fail(args, site, here()));
    }

    public void fail(String site) { fail(Map.of(), site); }

    /** {@code parallel { unbind 'nic0', 'proc1' } { exit 'proc1' }}: each block is a branch run by its own task. */
    public void parallel(groovy.lang.Closure<?>... branches) {
        statement(v -> v.parallel(Arrays.asList(branches), here()));
    }

    // ---- expectations -------------------------------------------------------------------

    /** {@code expect violations: [...]} for every driver, or {@code expect 'pre-fix', violations: [...]}. */
    public void expect(@NamedParam(value = "violations", type = List.class, required = true) Map<String, ?> args,
                       String... drivers) {
        statement(v -> v.expect(args, Arrays.asList(drivers)));
    }

    // ---- plumbing -----------------------------------------------------------------------

    private void statement(Consumer<Vocabulary> body) {
        if (vocabulary == null) throw new IllegalStateException("BenchScript used without attach()");
        try {
            body.accept(vocabulary);
        } catch (DslError e) {
            throw new ScenarioException(here(), e.getMessage());
        }
    }

    /** The position of the statement being executed: the innermost frame of user script code. */
    protected SourcePos here() {
        int line = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> isScriptFrame(f.getClassName(), f.getFileName()))
                .findFirst().map(StackWalker.StackFrame::getLineNumber).orElse(0));
        return new SourcePos(displayFile, Math.max(line, 0), 0);
    }

    /** Frames of code compiled from user scripts (as opposed to Groovy's runtime and ours). */
    public static boolean isScriptFrame(String className, String fileName) {
        return fileName != null && fileName.endsWith(".groovy")
                && !className.startsWith("org.codehaus.groovy.") && !className.startsWith("groovy.")
                && !className.startsWith("org.apache.groovy.") && !className.startsWith("org.smmubench.");
    }
}
