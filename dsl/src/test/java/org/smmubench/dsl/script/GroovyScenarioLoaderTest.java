package org.smmubench.dsl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smmubench.driver.tree.DriverVariants;
import org.smmubench.scenario.Access;
import org.smmubench.iommu.Bus;
import org.smmubench.mm.Prot;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioException;
import org.smmubench.scenario.Step;

/** A script builds the same Scenario records as the YAML loader, with the script's lines as positions. */
class GroovyScenarioLoaderTest {
    static final String SEED = """
            scenario 'first SVA bind at PASID 1024 allocates a CD leaf'
            driver 'pre-fix', 'fixed'
            smmu cdTable: 'two-level', ssidBits: 20
            pci 'nic0', sid: 0x100
            platform 'dsp0', sid: 0x10, group: 'dsp'
            process 'proc1', pasid: 1024, mappings: [[va: 0x400000, size: 0x10000, prot: 'rw']]
            bind 'nic0', 'proc1'
            dma 'nic0', 'proc1', va: 0x400000, access: 'write', expect: 'ok'
            unbind 'nic0', 'proc1'
            expect 'pre-fix', violations: ['atomic-sleep']
            expect 'fixed', violations: []
            """;

    static ScenarioException bad(String script) {
        return assertThrows(ScenarioException.class, () -> GroovyScenarioLoader.load(script, "t/bad.groovy"));
    }

    @Test
    void interfaceExampleBuildsTheScenario() {
        List<Scenario> all = GroovyScenarioLoader.load(SEED, "examples/seed.groovy");
        assertEquals(1, all.size());
        Scenario s = all.get(0);
        assertEquals("first SVA bind at PASID 1024 allocates a CD leaf", s.name());
        assertEquals(List.of(DriverVariants.PRE_FIX, DriverVariants.FIXED), s.drivers());
        assertEquals(2, s.devices().size());
        assertEquals(Bus.PLATFORM, s.devices().get(1).bus());
        assertEquals("dsp", s.devices().get(1).group());
        assertEquals(List.of(0x100), s.devices().get(0).sids());
        assertEquals(1024, s.processes().get(0).pasid());
        assertEquals(Prot.RW, s.processes().get(0).mappings().get(0).prot());
        assertEquals(3, s.steps().size());
        Step.Dma dma = (Step.Dma) s.steps().get(1);
        assertEquals(0x400000L, dma.va());
        assertEquals(Access.WRITE, dma.access());
        assertEquals("ok", dma.expect());
        assertEquals("examples/seed.groovy:8", dma.pos().toString());
        assertEquals(Set.of("atomic-sleep"), s.expect().forDriver(DriverVariants.PRE_FIX));
        assertEquals(Set.of(), s.expect().forDriver(DriverVariants.FIXED));
        assertEquals("examples/seed.groovy:1", s.pos().toString());
    }

    @Test
    void loopsVariablesAndHelpersArePlainGroovy() {
        List<Scenario> all = GroovyScenarioLoader.load("""
                def dsps = (0..3).collect { "dsp$it" }
                dsps.eachWithIndex { d, i -> platform d, sid: 0x10 + i, group: 'dsp' }
                process 'p', mappings: [[va: 0x400000, size: 0x1000, prot: 'rw']]
                def touch = { dev -> bind dev, 'p'; dma dev, 'p', va: 0x400000, access: 'read' }
                dsps.each(touch)
                """, "loop.groovy");
        Scenario s = all.get(0);
        assertEquals("loop", s.name());
        assertEquals(4, s.devices().size());
        assertEquals(0x13, s.devices().get(3).sids().get(0));
        assertEquals(8, s.steps().size());
        // Positions point at the statement inside the helper closure.
        assertEquals(4, s.steps().get(0).pos().line());
        assertEquals(Set.of(), s.expect().forDriver(DriverVariants.FIXED));
    }

    @Test
    void severalScenariosShareThePrelude() {
        List<Scenario> all = GroovyScenarioLoader.load("""
                driver 'pre-fix'
                pci 'nic0', sid: 0x100
                process 'p'
                scenario 'one'
                bind 'nic0', 'p'
                expect violations: ['atomic-sleep']
                scenario('two') {
                    fail 'kzalloc.bond'
                    bind 'nic0', 'p', expect: 'ENOMEM'
                }
                """, "many.groovy");
        assertEquals(2, all.size());
        assertEquals("two", all.get(1).name());
        assertEquals(List.of(DriverVariants.PRE_FIX), all.get(1).drivers());
        assertEquals(1, all.get(1).devices().size());
        assertEquals(2, all.get(1).steps().size());
        assertEquals(Set.of(), all.get(1).expect().forDriver(DriverVariants.PRE_FIX));
        assertEquals("many.groovy:7", all.get(1).pos().toString());
    }

    @Test
    void compileErrorsCarryTheirLine() {
        ScenarioException e = bad("pci 'nic0', sid: 0x100\nbind 'nic0', (\n");
        assertTrue(e.getMessage().startsWith("t/bad.groovy:"), e.getMessage());
        assertEquals(2, e.errors().get(0).pos().line(), e.getMessage());
    }

    @Test
    void unknownVerbIsReportedAtItsLineWithAHint() {
        ScenarioException e = bad("pci 'nic0', sid: 0x100\nprocess 'p'\nbnd 'nic0', 'p'\n");
        assertEquals("t/bad.groovy:3: unknown statement 'bnd' (did you mean 'bind'?); `help` in the REPL lists them",
                e.getMessage());
    }

    @Test
    void wrongArgumentsShowTheUsage() {
        ScenarioException e = bad("pci 'nic0', sid: 0x100\n\nbind 'nic0'\n");
        assertTrue(e.getMessage().startsWith("t/bad.groovy:3: bind: wrong arguments ('nic0'); usage: bind 'DEVICE'"),
                e.getMessage());
    }

    @Test
    void unknownNamesAndKeysAreLocated() {
        assertEquals("t/bad.groovy:3: unknown device 'nic1'; did you mean 'nic0'? (known: nic0)",
                bad("pci 'nic0', sid: 0x100\nprocess 'p'\nbind 'nic1', 'p'").getMessage());
        assertEquals("t/bad.groovy:1: pci: unknown argument 'sdi' (expected one of: sid, pasidBits, ats, sva, defaultDomain, pasid-bits)",
                bad("pci 'nic0', sdi: 0x100").getMessage());
        assertEquals("t/bad.groovy:2: stream ID 0x100 of 'nic0' is already used by device 'nic0x'",
                bad("pci 'nic0x', sid: 0x100\npci 'nic0', sid: 0x100").getMessage());
        assertEquals("t/bad.groovy:1: expect: unknown invariant 'atomic-sleeps' (did you mean 'atomic-sleep'?);"
                + " `smmu-bench invariants` lists them", bad("expect violations: ['atomic-sleeps']").getMessage());
        assertTrue(bad("driver 'prefix'").getMessage().startsWith("t/bad.groovy:1: driver: unknown driver 'prefix' (did you mean 'pre-fix'?)"));
        assertEquals("t/bad.groovy:2: unknown name 'nic0' (names of devices, processes and drivers are strings: 'nic0')",
                bad("\nbind nic0, 'p'").getMessage());
    }

    @Test
    void aDefaultDomainIsDmaOrIdentity() {
        Scenario s = GroovyScenarioLoader.load("pci 'nic0', sid: 0x100, defaultDomain: 'identity'\npci 'nic1', sid: 0x200\n", "t.groovy").get(0);
        assertEquals(org.smmubench.iommu.IommuDomainType.IDENTITY, s.devices().get(0).defaultDomain());
        assertEquals(org.smmubench.iommu.IommuDomainType.DMA, s.devices().get(1).defaultDomain());
        assertEquals("t/bad.groovy:1: pci: defaultDomain is 'dma' or 'identity', not 'bypass'",
                bad("pci 'nic0', sid: 0x100, defaultDomain: 'bypass'").getMessage());
    }

    @Test
    void exceptionsInUserCodeAreLocatedToo() {
        ScenarioException e = bad("def x = null\n\nx.foo()\n");
        assertTrue(e.getMessage().startsWith("t/bad.groovy:3: NullPointerException"), e.getMessage());
    }

    @Test
    void aStepsExpectMayDifferPerTreeAndIsWrittenBack() {
        String script = """
                scenario 's'
                driver 'pre-fix', 'fixed'
                pci 'nic0', sid: 0x100
                process 'proc1', mappings: [[va: 0x400000, size: 0x1000, prot: 'rw']]
                bind 'nic0', 'proc1', expect: [default: 'ok', 'pre-fix': 'EBUSY']
                dma 'nic0', 'proc1', va: 0x400000, access: 'read', expect: ['v6.8': 'ok']
                """;
        Scenario s = GroovyScenarioLoader.load(script, "t.groovy").get(0);
        Step.Bind b = (Step.Bind) s.steps().get(0);
        assertEquals("ok", b.expectOn(DriverVariants.FIXED));
        assertEquals("EBUSY", b.expectOn(DriverVariants.PRE_FIX));
        Step.Dma d = (Step.Dma) s.steps().get(1);
        assertEquals(null, d.expectOn(DriverVariants.PRE_FIX));
        assertEquals("ok", d.expectOn(DriverVariants.FIXED));
        String written = String.join("\n", GroovyScenarioWriter.write(s).lines().toList());
        assertTrue(written.contains("bind 'nic0', 'proc1', expect: [default: 'ok', 'v6.8-b5bf7778b722': 'EBUSY']"), written);
        Scenario back = GroovyScenarioLoader.load(written, "back.groovy").get(0);
        assertEquals(b.expectByTree(), ((Step.Bind) back.steps().get(0)).expectByTree());
        assertEquals(d.expectByTree(), ((Step.Dma) back.steps().get(1)).expectByTree());
    }

    @Test
    void aPerTreeExpectWithAnUnknownCommitIsAnError() {
        ScenarioException e = bad("""
                pci 'nic0', sid: 0x100
                process 'proc1'
                bind 'nic0', 'proc1', expect: ['v6.8-deadbeef': 'EBUSY']
                """);
        assertTrue(e.getMessage().contains("bind: expect: unknown commit 'deadbeef' in driver 'v6.8-deadbeef'"), e.getMessage());
    }
}
