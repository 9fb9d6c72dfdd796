package org.smmubench.scenario;

import org.smmubench.mm.Prot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Numbers may be decimal or 0x hex, as YAML ints or strings (YAML 1.2 readers differ on bare 0x100). */
class NumberFormatsTest {
    @Test
    void decimalAndHexNumbersReadAsTheSameValues() {
        Scenario s = Loading.resource("numbers.yaml").get(0);
        assertEquals(new SmmuOptions(true, true, 16, 24, 8, false, false, false), s.smmu());
        assertEquals(List.of(256), s.devices().get(0).sids());
        assertEquals(Integer.valueOf(8), s.devices().get(0).pasidBits());
        assertEquals(List.of(0x10, 0x11, 18, 0x13), s.devices().get(1).sids());
        assertEquals(Integer.valueOf(0x400), s.processes().get(0).pasid());
        assertEquals(Integer.valueOf(7), s.processes().get(0).asid());
        assertEquals(List.of(new Mapping(0x400000, 0x2000, Prot.RWX)), s.processes().get(0).mappings());
        Step.Dma dma = (Step.Dma) s.steps().get(0);
        assertEquals(Long.valueOf(0xfffff), dma.pasid());
        assertEquals(0xffffffffffffL, dma.va());
        assertEquals(new Step.Fail("kzalloc.cd", 3, "b", s.steps().get(1).pos()), s.steps().get(1));
    }

    @Test
    void aStringThatIsNotANumberIsAnError() {
        Loading.assertError("""
                scenario: s
                devices:
                  - {name: a, bus: pci, sid: 0x10g}
                """, "3:30", "devices[0].sid: '0x10g' is not a number (decimal or 0x hex)");
    }

    @Test
    void aFloatIsNotANumberHere() {
        Loading.assertError("scenario: s\nsmmu: {ssid-bits: 1.5}\n", "2:19", "expected a whole number (decimal or 0x hex), found 1.5");
    }

    @Test
    void aValueThatFitsNoBranchOfTheSchemaIsReportedOnce() {
        assertEquals(List.of("t.yaml:3:30: expected a whole number (decimal or 0x hex), found 1.5 (quote it if it is text: '1.5')"),
                Loading.errors("scenario: s\ndevices:\n  - {name: n, bus: pci, sid: 1.5}\n"));
        assertEquals(List.of("t.yaml:2:10: unknown driver 'prefix'; did you mean 'pre-fix'? (known: "
                        + String.join(", ", org.smmubench.driver.tree.DriverVariants.names()) + ")"),
                Loading.errors("scenario: s\ndriver: [prefix]\n"));
    }
}
