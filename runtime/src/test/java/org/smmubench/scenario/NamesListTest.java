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
    void thousandsOfNamesAreCutWithACount() {
        List<String> dsps = new ArrayList<>();
        for (int i = 0; i < 4100; i++) dsps.add("dsp" + i);
        String msg = Names.unknown("device", "nic0", dsps);
        assertTrue(msg.contains("(known: dsp0, dsp1, dsp2, "), msg);
        assertTrue(msg.endsWith(", dsp62, dsp63 and 4036 more)"), msg);
    }

    @Test
    void everyInvariantIsStillListed() {
        assertEquals(String.join(", ", org.smmubench.check.Invariants.ids()), Names.list(org.smmubench.check.Invariants.ids()));
    }

    @Test
    void theSuggestionStillLooksAtEveryName() {
        List<String> dsps = new ArrayList<>();
        for (int i = 0; i < 4100; i++) dsps.add("dsp" + i);
        assertTrue(Names.unknown("device", "dsp40999", dsps).contains("did you mean 'dsp4099'?"));
    }
}
