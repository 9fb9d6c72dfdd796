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
        assertEquals(SampleResults.FILE, first.getAttribute("classname"));
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
    void controlCharactersDoNotBreakTheDocument() throws Exception {
        assertEquals("a?b&lt;", JunitXmlReport.text("a\u0001b<"));
        assertEquals("x&#10;y&quot;", JunitXmlReport.attr("x\ny\""));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
