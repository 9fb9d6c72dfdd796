package org.smmubench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlReportTest {
    @Test
    void oneTestcasePerScenarioAndDriver() throws Exception {
        Document doc = parse(JunitXmlReport.toXml(SampleResults.both(3)));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        Element first = (Element) cases.item(0);
        assertEquals("examples.seed.leaf-at-1024", first.getAttribute("classname"));
        assertEquals(SampleResults.FILE, first.getAttribute("file"));
        assertEquals(SampleResults.NAME + " [v6.8-b5bf7778b722]", first.getAttribute("name"));
        assertEquals(0, first.getElementsByTagName("failure").getLength());
        assertEquals(SampleResults.SPLAT, first.getElementsByTagName("system-out").item(0).getTextContent());
        Element root = doc.getDocumentElement();
        assertEquals("2", root.getAttribute("tests"));
        assertEquals("1", root.getAttribute("failures"));
    }

    @Test
    void failedRunCarriesTheReasonsWithMarkupEscaped() throws Exception {
        Document doc = parse(JunitXmlReport.toXml(SampleResults.both(3)));
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertEquals("expected [], violated [cd-placement] (unexpected cd-placement)", failure.getAttribute("message"));
        String body = failure.getTextContent();
        assertTrue(body.contains(SampleResults.STEP_MESSAGE), body);
        assertTrue(body.contains("no valid CD for PASID 0x400 in nic0 <&\"'>"), body);
    }

    @Test
    void deterministicApartFromTimes() {
        String a = JunitXmlReport.toXml(SampleResults.both(3)).replaceAll("time=\"[0-9.]+\"", "");
        String b = JunitXmlReport.toXml(SampleResults.both(1234)).replaceAll("time=\"[0-9.]+\"", "");
        assertEquals(a, b);
    }

    @Test
    void theSuiteIsTheDottedFileNameAndTheFileAProperty() throws Exception {
        Element suite = (Element) parse(JunitXmlReport.toXml(SampleResults.both(3))).getElementsByTagName("testsuite").item(0);
        assertEquals("examples.seed.leaf-at-1024", suite.getAttribute("name"));
        Element prop = (Element) suite.getElementsByTagName("property").item(0);
        assertEquals("file", prop.getAttribute("name"));
        assertEquals(SampleResults.FILE, prop.getAttribute("value"));
    }

    @Test
    void suiteNamesSplitOnlyAtDirectories() {
        assertEquals("examples.kernels.v6_8-seed", JunitXmlReport.suiteName("./examples/kernels/v6.8-seed.feature"));
        assertEquals("up.a", JunitXmlReport.suiteName("../up/a.yaml"));
        assertEquals("noext", JunitXmlReport.suiteName("noext"));
    }

    @Test
    void aRepeatedViolationIsCountedAndListedWithItsSplatOnce() throws Exception {
        var r = SampleResults.repeated();
        String xml = JunitXmlReport.toXml(java.util.List.of(r));
        Element failure = (Element) parse(xml).getElementsByTagName("failure").item(0);
        assertTrue(failure.getTextContent().contains("(3 times; again at step 8 (bind nic0 p2), step 12 (bind nic0 p3))"),
                failure.getTextContent());
        assertEquals(1, xml.split("BUG: sleeping", -1).length - 1, "one splat");
    }

    @Test
    void controlCharactersDoNotBreakTheDocument() throws Exception {
        assertEquals("a?b&lt;", JunitXmlReport.text("a\u0001b<"));
        assertEquals("x&#10;y&quot;", JunitXmlReport.attr("x\ny\""));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
