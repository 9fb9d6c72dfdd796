package org.smmubench.dsl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smmubench.scenario.Scenario;
import org.smmubench.scenario.ScenarioException;

/** Whatever a script does (throws, asserts, recurses, loops, exits), the run gets one located input error. */
class ScriptFailuresTest {
    private static String error(String script) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> GroovyScenarioLoader.load(script, "t/s.groovy"));
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().get(0).toString();
    }

    private static String error(String script, Duration timeout) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> GroovyScenarioLoader.load(script, "t/s.groovy", timeout));
        return e.errors().get(0).toString();
    }

    @Test
    void checkedExceptionsAssertsAndErrorsAreLocated() {
        assertTrue(error("scenario 'a'\ndef t = new File('/nonexistent/x').text\n").startsWith("t/s.groovy:2: FileNotFoundException"));
        assertEquals("t/s.groovy:2: assertion failed: assert 1 == 2", error("scenario 'a'\nassert 1 == 2\n"));
        assertEquals("t/s.groovy:3: Error: boom", error("scenario 'a'\n\nthrow new Error('boom')\n"));
    }

    /** Groovy raises some errors with no stack trace at all (a fuzz finding: {@code driver 'pre-fix', -'fixed'}). */
    @Test
    void anErrorWithoutAStackTraceIsStillLocated() {
        assertTrue(error("scenario 'a'\ndriver 'pre-fix',-  'fixed'\npci 'nic0', sid: 0x100\n")
                .startsWith("t/s.groovy:2: No signature of method: negative"), error("scenario 'a'\ndriver 'pre-fix',-  'fixed'\n"));
        assertTrue(error("scenario 'a'\npci 'nic0', sid: 0x100\n[1, 2].each {\n  def x = -'a'\n}\n")
                .startsWith("t/s.groovy:4: No signature of method: negative"));
    }

    @Test
    void stackOverflowNamesTheRecursiveLine() {
        assertEquals("t/s.groovy:2: stack overflow (unbounded recursion in the script?)",
                error("scenario 'a'\ndef f(n) { f(n + 1) }\nf(0)\n"));
    }

    @Test
    void anErrorInsideEvaluateIsAtTheLineOfTheEvaluate() {
        assertEquals("t/s.groovy:3: RuntimeException: inner",
                error("scenario 'a'\npci 'nic0', sid: 0x100\nevaluate('def x = 1\\nthrow new RuntimeException(\"inner\")')\n"));
    }

    @Test
    void systemExitIsRefusedAtCompileTime() {
        assertTrue(error("scenario 'a'\n\nSystem.exit(0)\n").startsWith("t/s.groovy:3:1: a scenario script may not end the JVM"));
        assertTrue(error("scenario 'a'\nRuntime.getRuntime().halt(1)\n").startsWith("t/s.groovy:2:1: a scenario script may not end the JVM"));
        assertTrue(error("scenario 'a'\ndef e = System.&exit\n").contains("may not end the JVM"));
    }

    @Test
    void aRunawayScriptIsStoppedAtItsLine() {
        String msg = error("scenario 'a'\nint x = 0\nwhile (true) {\n  x++\n}\n", Duration.ofMillis(300));
        // Stopped in the loop: at its condition (line 3) or its body (line 4), wherever it was.
        assertTrue(msg.matches("t/s\\.groovy:[34]: the script ran longer than 300 ms \\(--script-timeout\\) and was stopped here; an endless loop\\?"), msg);
    }

    @Test
    void anEmptyOrCommentOnlyScriptIsAnError() {
        assertTrue(error("").startsWith("t/s.groovy:1:1: the script declares nothing"));
        assertTrue(error("// nothing here\n/* at all */\n").startsWith("t/s.groovy:1:1: the script declares nothing"));
    }

    @Test
    void aNamedScenarioThatDeclaresNothingIsAnError() {
        assertEquals("t/s.groovy:1: scenario 'a' declares no device, process or step: there is nothing to run",
                error("scenario 'a'\n// the rest was never written\n"));
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bom.groovy");
        byte[] body = "scenario 'bom'\npci 'nic0', sid: 0x100\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xef;
        bytes[1] = (byte) 0xbb;
        bytes[2] = (byte) 0xbf;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(f, bytes);
        List<Scenario> s = GroovyScenarioLoader.load(f);
        assertEquals("bom", s.get(0).name());
    }

    @Test
    void theSharedInputRulesApply() {
        assertEquals("t/s.groovy:3: asid must be between 1 and 65535, found 65536",
                error("scenario 'a'\npci 'nic0', sid: 0x100\nprocess 'p', asid: 0x10000\n"));
        assertTrue(error("scenario 'a'\nprocess 'p', pasid: 0\n").contains("PASID 0 is the device's own RID traffic"));
        assertTrue(error("scenario 'a'\nprocess 'p', pasid: 0x100000\n").contains("found 0x100000"));
        assertTrue(error("scenario 'a'\nprocess 'p', pasid: 5\nprocess 'q', pasid: 5\n").contains("already given to process 'p'"));
        assertTrue(error("scenario 'a'\nprocess 'p'\nmap 'p', va: 0x1001, size: 0x1000\n").contains("not 4 KiB aligned"));
        assertTrue(error("scenario 'a'\nprocess 'p'\nmap 'p', va: 0x1000, size: 0\n").contains("positive multiple"));
        assertTrue(error("scenario 'a'\nprocess 'p'\nmap 'p', va: -0x1000, size: 0x1000\n").contains("48-bit"));
        assertTrue(error("scenario 'a'\nprocess 'p'\nmap 'p', va: 0x1000000000000, size: 0x1000\n").contains("48-bit"));
        assertTrue(error("scenario 'a'\nprocess 'p', mappings: [[va: 0x1000, size: 0x2000], [va: 0x2000, size: 0x1000]]\n").contains("overlaps"));
        assertTrue(error("scenario 'a'\npci 'nic0', sid: 0x100\ndma 'nic0', pasid: 0x100000, va: 0\n").contains("PASIDs are 20 bits"));
        assertTrue(error("scenario 'a'\npci 'nic0', sid: 0x10000000000000100\n").contains("does not fit in 64 bits"));
        assertTrue(error("scenario 'a'\nsmmu streamTable: 'linear', sidBits: 26\n").contains("wraps to 0x0"));
        assertTrue(error("scenario 'a'\nprocess 'p'\nexit 'p'\nmap 'p', va: 0x1000, size: 0x1000\n").startsWith("t/s.groovy:4: process 'p' exited"));
    }
}
