package org.smmubench.kernel;

import java.util.List;

/**
 * Text of the reports, in the layout of the kernel's own (lockdep, DEBUG_ATOMIC_SLEEP,
 * WARN, KASAN) so a kernel developer reads them at a glance. Our own wording throughout;
 * no addresses or offsets, so the same run prints the same bytes.
 */
final class Splats {
    private Splats() {}

    static String taskName() { return Task.COMM + "/" + Task.PID; }

    /** "N locks held by smmu-bench/1:" and one line per lock, outermost first. */
    static void heldLocks(StringBuilder sb, List<HeldLock> held) {
        if (held.isEmpty()) {
            sb.append("no locks held by ").append(taskName()).append(".\n");
            return;
        }
        sb.append(held.size()).append(held.size() == 1 ? " lock" : " locks")
                .append(" held by ").append(taskName()).append(":\n");
        for (int i = 0; i < held.size(); i++) {
            sb.append(held.get(i).line(i)).append('\n');
        }
    }

    /** "Call trace:" and one function per line, innermost first. */
    static void callTrace(StringBuilder sb, List<String> backtrace) {
        sb.append("CPU: 0 PID: ").append(Task.PID).append(" Comm: ").append(Task.COMM).append('\n');
        sb.append("Call trace:\n");
        for (String fn : backtrace) {
            sb.append(' ').append(fn).append('\n');
        }
    }

    static String rule(char c, int n) { return String.valueOf(c).repeat(n) + "\n"; }

    /** A lockdep report header: rule, title, rule. */
    static StringBuilder lockdepHeader(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(rule('=', title.length())).append(title).append('\n').append(rule('-', title.length()));
        return sb;
    }

    /**
     * irqs_disabled() as arm64 prints it: arch_irqs_disabled_flags returns the DAIF I bit
     * itself (PSR_I_BIT, 0x80), so a splat taken with IRQs masked says 128, not 1.
     */
    static int irqsDisabled(Task t) { return t.irqsDisabled() ? 0x80 : 0; }

    /**
     * __might_resched's report (kernel/sched/core.c), in its order: the might_sleep site, the
     * context line, preempt count and RCU nesting against what the site expected (0: a plain
     * might_sleep), held locks, the IRQ-trace events when IRQs are off, where preemption was
     * disabled when the count is not the expected one, then the stack.
     * The RCU line assumes CONFIG_PREEMPT_RCU; the model has no RCU read sides, so it is 0.
     * softirq stamps are not modelled and not printed; addresses and +offsets are left out.
     */
    static String atomicSleep(Task t, String where, List<String> trace) {
        StringBuilder sb = new StringBuilder();
        sb.append("BUG: sleeping function called from invalid context at ").append(where).append('\n');
        sb.append("in_atomic(): ").append(t.inAtomic() ? 1 : 0)
                .append(", irqs_disabled(): ").append(irqsDisabled(t))
                .append(", non_block: 0, pid: ").append(Task.PID).append(", name: ").append(Task.COMM).append('\n');
        sb.append("preempt_count: ").append(Integer.toHexString(t.preemptCount())).append(", expected: 0\n");
        sb.append("RCU nest depth: 0, expected: 0\n");
        heldLocks(sb, t.held);
        if (t.irqsDisabled()) {
            sb.append("irq event stamp: ").append(t.irqEventStamp).append('\n');
            sb.append("hardirqs last  enabled at (").append(t.lastEnabledStamp).append("): ")
                    .append(t.lastEnabledAt).append('\n');
            sb.append("hardirqs last disabled at (").append(t.lastDisabledStamp).append("): ")
                    .append(t.lastDisabledAt).append('\n');
        }
        if (t.preemptCount() != 0) {
            sb.append("Preemption disabled at:\n").append(t.preemptDisabledAt).append('\n');
        }
        callTrace(sb, trace);
        return sb.toString();
    }

    /**
     * __warn's report (kernel/panic.c). A bare WARN_ON prints no message (message null); WARN()
     * prints its message first, as arm64's __warn_printk does before trapping. The header is
     * "at FILE:LINE FUNCTION+off/size": the model knows the file but not the line of the WARN
     * (not modelled) nor offsets, so it prints "at FILE FUNCTION".
     */
    /**
     * arm64's report of a kernel data abort. The model has only physical addresses, so it
     * prints the PA where the kernel would print a virtual one, and no register dump.
     */
    static String oops(long pa, String function, List<String> trace) {
        StringBuilder sb = new StringBuilder();
        sb.append("Unable to handle kernel paging request at physical address ").append(Hex.of(pa)).append('\n');
        sb.append("Internal error: Oops [#1] PREEMPT SMP\n");
        sb.append("Modules linked in:\n");
        String file = SourceFiles.of(function);
        sb.append("pc : ").append(function).append(file == null ? "" : " (" + file + ")").append('\n');
        callTrace(sb, trace);
        sb.append("---[ end trace 0000000000000000 ]---\n");
        return sb.toString();
    }

    static String warning(String message, String function, List<String> trace) {
        StringBuilder sb = new StringBuilder();
        sb.append("------------[ cut here ]------------\n");
        if (message != null && !message.isEmpty()) {
            sb.append(message).append('\n');
        }
        String file = SourceFiles.of(function);
        sb.append("WARNING: CPU: 0 PID: ").append(Task.PID).append(" at ")
                .append(file == null ? function : file + " " + function).append('\n');
        sb.append("Modules linked in:\n");
        callTrace(sb, trace);
        sb.append("---[ end trace 0000000000000000 ]---\n");
        return sb.toString();
    }

    static String lockLine(String cls, LockKind kind, String at) {
        return " (" + cls + ")" + kind.lockdepSuffix() + ", at: " + at + "\n";
    }
}
