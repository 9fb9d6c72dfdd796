package org.smmubench.dsl.repl;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.smmubench.scenario.DeviceSpec;
import org.smmubench.scenario.ProcessSpec;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioLoader;
import org.smmubench.scenario.ScenarioWriter;
import org.smmubench.scenario.Step;

/** The REPL's door to YAML: the shared loader and writer in org.smmubench.scenario. */
final class YamlBridge {
    private YamlBridge() {}

    static String write(Scenario s) { return ScenarioWriter.write(s); }

    static List<Scenario> load(Path file) { return ScenarioLoader.load(file); }

    /** Feeds a YAML file's first scenario (topology, then steps) into the session, as if typed. */
    static void replay(Path file, ReplSession session, PrintWriter out) {
        List<Scenario> all = load(file);
        if (all.isEmpty()) return;
        Scenario s = all.get(0);
        if (all.size() > 1) out.println("note: " + file + " holds " + all.size() + " scenarios; loading the first");
        session.scenario(s.name(), s.pos());
        if (!s.smmu().equals(session.smmu())) session.smmu(s.smmu());
        for (DeviceSpec d : s.devices()) session.device(d);
        for (ProcessSpec p : s.processes()) session.process(p);
        for (Step st : s.steps()) session.step(st);
        out.println("expected on " + session.driverId() + ": " + s.expect().forDriver(session.driverId())
                + "; seen: " + session.seen());
    }
}
