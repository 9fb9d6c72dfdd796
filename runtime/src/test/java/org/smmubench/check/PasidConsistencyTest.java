package org.smmubench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smmubench.bench.RunResult;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuSva;
import org.smmubench.iommu.Device;
import org.smmubench.kernel.Kernel;
import org.smmubench.mm.Mm;
import org.smmubench.mm.MmWorld;

/** pasid-consistency (I7): the driver writes at the mm's PASID, which is the core's id. */
class PasidConsistencyTest {
    static final String ID = "pasid-consistency";

    /** A fixed-variant bind that writes the CD one SSID off the id the core passed. */
    static final class OffByOnePasid extends ArmSmmuSva {
        OffByOnePasid(Kernel k, ArmSmmuV3 drv, MmWorld mms) { super(k, drv, mms); }

        @Override
        protected int armSmmuSvaBind(Device dev, int pasid, Mm mm) { return super.armSmmuSvaBind(dev, pasid + 1, mm); }
    }

    @Test
    void firesWhenTheCdIsWrittenAtAnotherPasid() {
        String yaml = """
                scenario: bind at 0x400
                devices:
                  - {name: nic0, bus: pci, sid: 0x100}
                """ + Flows.PROC1 + """
                steps:
                  - bind: {device: nic0, process: proc1}
                """;
        RunResult r = Flows.run(yaml, Flows.parts("v6.8-fixed", p -> p.withSva(OffByOnePasid::new)));
        List<String> msgs = Flows.messages(r, ID);
        assertEquals(List.of(
                "nic0: PASID 0x401: CD carries ASID 1 of proc1's shared CD; expected it at proc1's PASID 0x400, found it at 0x401",
                "nic0: PASID 0x401: CD carries proc1's ASID 1; expected group nic0's pasid_array[0x401] to hold proc1's SVA domain, found nothing"),
                msgs.subList(0, 2), Flows.dump(r));
        assertEquals(1, Flows.violations(r, ID).get(0).step());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.smmubench.check.Flows#correct")
    void silentOnCorrectFlows(String flow, String driver) {
        RunResult r = Flows.runCorrect(flow, driver, PasidConsistency::new);
        assertEquals(List.of(), Flows.messages(r, ID), Flows.dump(r));
        assertTrue(r.stepFailures().isEmpty());
    }
}
