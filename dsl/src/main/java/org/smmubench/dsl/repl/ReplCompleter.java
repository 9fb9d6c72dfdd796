package org.smmubench.dsl.repl;

import java.util.ArrayList;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.smmubench.check.InvariantInfo;
import org.smmubench.check.Invariants;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.dsl.script.Verbs;
import org.smmubench.dsl.script.Vocabulary;
import org.smmubench.kernel.FailureSites;

/**
 * Tab completion: statements and commands first; then, by argument position, the names
 * the session knows (devices, processes, groups), drivers, failure sites, invariants,
 * the named keys of the statement and the values a key takes.
 */
public final class ReplCompleter implements Completer {
    private final ReplSession session;

    public ReplCompleter(ReplSession session) { this.session = session; }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<Candidate> found = new ArrayList<>();
        completeWords(line, found);
        // A name picked in a statement gets its closing quote and no space after it (JLine adds
        // a space after a complete candidate): the user types the comma next, not a blank.
        for (Candidate c : found) {
            if (line instanceof ReplParser.Words w && c.complete() && w.quotes(c.value()))
                candidates.add(new Candidate(c.value() + w.closingQuote(), c.displ(), c.group(), c.descr(), c.suffix(), c.key(), false));
            else candidates.add(c);
        }
    }

    private void completeWords(ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        if (index == 0) {
            for (Verbs.Verb v : Verbs.all()) candidates.add(candidate(v.name(), "statements", v.summary(), true));
            for (ReplCommands.Command c : ReplCommands.ALL) candidates.add(candidate(c.name(), "commands", c.summary(), true));
            return;
        }
        String verb = words.get(0);
        switch (verb) {
            case "show" -> {
                names(candidates, session.deviceNames(), "devices");
                names(candidates, session.processNames(), "processes");
                names(candidates, ReplSession.HARDWARE_VIEWS, "hardware");
                return;
            }
            case "driver" -> { drivers(candidates); return; }
            case "trace" -> { names(candidates, List.of("on", "off"), null); return; }
            case "help" -> { names(candidates, Verbs.names(), "statements"); names(candidates, ReplCommands.names(), "commands"); return; }
            default -> { }
        }
        Verbs.Verb v = Verbs.find(verb).orElse(null);
        if (v == null) return;
        // A value after "key:" (for violations: every word after it, inside the list).
        for (int i = index - 1; i >= 1; i--) {
            String w = words.get(i);
            if (w.endsWith(":")) {
                String key = w.substring(0, w.length() - 1);
                if (i == index - 1 || key.equals("violations")) { values(candidates, verb, key); return; }
                break;
            }
        }
        int positional = 0;
        for (int i = 1; i < index; i++) {
            String w = words.get(i);
            boolean isKey = w.endsWith(":");
            boolean isValue = i > 1 && words.get(i - 1).endsWith(":");
            if (!isKey && !isValue) positional++;
        }
        if (positional < v.positional().size() && !line.word().endsWith(":")) {
            argument(candidates, v.positional().get(positional));
            // dma 'nic0', pasid: 9 ... the second argument may be a key instead of a process.
            if (!(verb.equals("dma") && positional == 1)) return;
        }
        for (String k : v.keys()) if (k.matches("[a-zA-Z]+")) candidates.add(candidate(k + ":", "keys", null, true));
    }

    private void argument(List<Candidate> c, Verbs.Arg kind) {
        switch (kind) {
            case DEVICE -> names(c, session.deviceNames(), "devices");
            case PROCESS -> names(c, session.processNames(), "processes");
            case DRIVER -> drivers(c);
            case SITE -> FailureSites.all().forEach(s -> c.add(candidate(s.name(), "failure sites", s.description(), true)));
            default -> { }
        }
    }

    private void values(List<Candidate> c, String verb, String key) {
        switch (key) {
            case "access" -> names(c, List.of("read", "write"), null);
            case "prot" -> names(c, List.of("r", "rw", "rx", "rwx"), null);
            case "expect" -> names(c, verb.equals("dma") ? Vocabulary.DMA_RESULTS : Vocabulary.ERRNOS, null);
            case "device" -> names(c, session.deviceNames(), "devices");
            case "group" -> names(c, session.groupNames(), "groups");
            case "cdTable", "streamTable" -> names(c, List.of("two-level", "linear"), null);
            case "ats", "sva", "stall", "rangeInv" -> names(c, List.of("true", "false"), null);
            case "defaultDomain" -> names(c, List.of("dma", "identity"), null);
            case "violations" -> {
                for (InvariantInfo i : Invariants.all()) c.add(candidate(i.id(), "invariants", i.description(), true));
            }
            default -> { }
        }
    }

    private static void drivers(List<Candidate> c) {
        List<String> names = new ArrayList<>(DriverVariants.names());
        names.remove("all");
        names(c, names, "drivers");
    }

    private static void names(List<Candidate> c, List<String> names, String group) {
        for (String n : names) c.add(candidate(n, group, null, true));
    }

    private static Candidate candidate(String value, String group, String descr, boolean complete) {
        return new Candidate(value, value, group, descr, null, null, complete && !value.endsWith(":"));
    }
}
