package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smmubench.features.FeatureFileRunner;

/** {@code run --cucumber-html FILE} hands the feature runner Cucumber's HTML report and finishes it after the run. */
class CucumberHtmlOptionTest {
    @TempDir
    Path dir;

    @Test
    void htmlReportOfTheFeaturesRunIsWritten() throws IOException {
        Path feature = Files.writeString(dir.resolve("bind.feature"), """
                Feature: bind
                  Scenario: a PCI device binds a process
                    Given a PCI device "nic0" with stream ID 0x100
                    And a process "proc1" with PASID 5 and a mapping at 0x400000
                    When "proc1" is bound to "nic0"
                    And "nic0" does a DMA write at 0x400000 for "proc1"
                    Then the DMA succeeds
                    And no invariant is violated
                """);
        Path html = dir.resolve("report.html");
        var r = Cli.run(new FileRunners(List.of(new FeatureFileRunner())), Optional::empty,
                "run", "--cucumber-html", html.toString(), feature.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("a PCI device binds a process"), "the report names the scenario");
    }

    @Test
    void htmlWithoutTheGherkinRunnerIsBadInput() throws IOException {
        Path yaml = Files.writeString(dir.resolve("a.yaml"), "ok");
        var r = Cli.run(new FakeRunner(), "run", "--cucumber-html", dir.resolve("r.html").toString(), yaml.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--cucumber-html"), r.err());
    }
}
