package org.smmubench.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The step reference page lists every phrasing, exactly as the library defines it. */
class StepReferenceTest {
    private static final Path PAGE = Path.of("STEPS.md");

    @Test
    void everyStepIsDocumented() {
        for (Phrasings.Phrasing p : Phrasings.all())
            assertNotNull(p.doc(), () -> p.display() + " (" + p.method() + ") has no @StepDoc");
    }

    @Test
    void everyParameterTypeIsDescribed() {
        for (String t : StepReference.declaredParameterTypes())
            assertTrue(StepReference.PARAMETERS.containsKey(t), () -> "{" + t + "} is missing from StepReference.PARAMETERS");
    }

    @Test
    void thePageIsInSync() throws IOException {
        String expected = StepReference.markdown();
        if (Boolean.getBoolean("steps.update")) Files.writeString(PAGE, expected);
        assertTrue(Files.exists(PAGE), "features/STEPS.md is missing; run mvn -B -pl features test -Dsteps.update=true");
        assertEquals(expected, Files.readString(PAGE),
                "features/STEPS.md is out of date; run mvn -B -pl features test -Dsteps.update=true");
        for (Phrasings.Phrasing p : Phrasings.all())
            assertTrue(expected.contains("`" + p.display() + "`"), p.display());
    }
}
