package org.smmubench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NamesListTest {
    @Test
    void aFewNamesAreAllListed() {
        assertEquals("nic0, nic1", Names.list(List.of("nic0", "nic1")));
    }

    @Test
    void thousandsOfNamesAreCutAfterTheFirstTwentyWithACount() {
        List<String> dsps = new ArrayList<>();
        for (int i = 0; i < 4100; i++) dsps.add("dsp" + i);
        String msg = Names.unknown("device", "nic0", dsps);
        assertTrue(msg.endsWith("(known: dsp0, dsp1, dsp2, dsp3, dsp4, dsp5, dsp6, dsp7, dsp8, dsp9, dsp10, dsp11, dsp12, dsp13,"
                + " dsp14, dsp15, dsp16, dsp17, dsp18, dsp19 and 4080 more)"), msg);
    }

    @Test
    void theSuggestionStillLooksAtEveryName() {
        List<String> dsps = new ArrayList<>();
        for (int i = 0; i < 4100; i++) dsps.add("dsp" + i);
        assertTrue(Names.unknown("device", "dsp40999", dsps).contains("did you mean 'dsp4099'?"));
    }
}
