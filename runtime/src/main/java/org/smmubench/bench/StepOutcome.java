package org.smmubench.bench;

import java.util.List;

/**
 * What one step did: its result ("ok", an errno name such as "ENOMEM", "fault", or an event
 * name for a DMA that aborted with an event), a human line describing it (e.g.
 * "dma ok: va 0x400000 -> pa 0x80012000"), the violations it raised, the modelled call
 * trace and the commands queued while it ran (filled only when tracing is on).
 */
public record StepOutcome(int step, String stepText, String result, String detail,
                          List<RecordedViolation> violations, StepFailure failure,
                          List<String> trace) {
    public StepOutcome {
        violations = List.copyOf(violations);
        trace = List.copyOf(trace);
    }
}
