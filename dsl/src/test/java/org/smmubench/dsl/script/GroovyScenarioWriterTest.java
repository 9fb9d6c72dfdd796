package org.smmubench.dsl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smmubench.scenario.Scenario;

/** What the REPL saves as .groovy reads back as the same scenario. */
class GroovyScenarioWriterTest {
    @Test
    void roundTrips() {
        String script = """
                scenario 'every statement, once'
                description 'it\\'s here'
                driver 'pre-fix', 'fixed'
                smmu cdTable: 'linear', ssidBits: 8, rangeInv: true
                pci 'nic0', sid: 0x100, ats: true
                pci 'nic1', sid: 0x200, defaultDomain: 'identity'
                platform 'dsp0', sid: [0x10, 0x11], group: 'dsp', pasidBits: 5, sva: false
                process 'proc1', pasid: 1024, asid: 7, mappings: [[va: 0x400000, size: 0x10000, prot: 'rw']]
                fail 'kzalloc.bond', nth: 2, device: 'nic0'
                bind 'nic0', 'proc1', expect: 'ENOMEM'
                dma 'nic0', 'proc1', va: 0x400000, access: 'write', expect: 'ok'
                dma 'nic0', pasid: 9, va: 0x1000, expect: 'C_BAD_CD'
                map 'proc1', va: 0x800000, size: 0x1000, prot: 'r'
                unmap 'proc1', va: 0x400000, size: 0x1000
                cpuWrite 'proc1', va: 0x800000
                exit 'proc1'
                unbind 'nic0', 'proc1'
                expect 'pre-fix', violations: ['atomic-sleep', 'dma-leak']
                """;
        Scenario first = GroovyScenarioLoader.load(script, "a.groovy").get(0);
        String written = GroovyScenarioWriter.write(first);
        Scenario again = GroovyScenarioLoader.load(written, "a.groovy").get(0);
        assertEquals(strip(first), strip(again), written);
        assertEquals(org.smmubench.iommu.IommuDomainType.IDENTITY, again.devices().get(1).defaultDomain());
        assertEquals(written, GroovyScenarioWriter.write(again));
    }

    /** Positions differ between the two texts; everything else must not. */
    private static String strip(Scenario s) {
        return s.toString().replaceAll("SourcePos\\[[^\\]]*\\]", "pos");
    }

    @Test
    void writesTheInterfaceSpelling() {
        Scenario s = GroovyScenarioLoader.load(GroovyScenarioLoaderTest.SEED, "seed.groovy").get(0);
        assertEquals(List.of(
                "scenario 'first SVA bind at PASID 1024 allocates a CD leaf'",
                "driver 'v6.8-b5bf7778b722', 'v6.8'",
                "pci 'nic0', sid: 0x100",
                "platform 'dsp0', sid: 0x10, group: 'dsp'",
                "process 'proc1', pasid: 1024, mappings: [[va: 0x400000, size: 0x10000, prot: 'rw']]",
                "bind 'nic0', 'proc1'",
                "dma 'nic0', 'proc1', va: 0x400000, access: 'write', expect: 'ok'",
                "unbind 'nic0', 'proc1'",
                "expect 'v6.8', violations: []",
                "expect 'v6.8-b5bf7778b722', violations: ['atomic-sleep']"), GroovyScenarioWriter.write(s).lines().toList());
    }
}
