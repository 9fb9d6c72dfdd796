package org.smmubench.bench;

import java.util.List;

import org.smmubench.kernel.KernelEventLog;

/**
 * What a bench recorded of one run when a report asked it to draw the run
 * ({@link Bench#startRecording()}): every step with its topology snapshot, and the kernel's
 * event log (logical time: the index of an event).
 */
public record RunRecording(List<RecordedStep> steps, List<KernelEventLog.Event> events) {
    public RunRecording {
        steps = List.copyOf(steps);
        events = List.copyOf(events);
    }
}
