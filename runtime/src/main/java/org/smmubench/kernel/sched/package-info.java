/**
 * A deterministic scheduler for concurrent kernel tasks (the groundwork of interleaving
 * exploration). Each task body runs on its own Java thread, but only one runs at a time and
 * only the scheduler decides which: a task gives control back at every schedule point, and a
 * {@link org.smmubench.kernel.sched.Chooser} picks the next task. No real thread timing decides
 * anything, so a {@link org.smmubench.kernel.sched.Schedule} replays exactly.
 *
 * <p>{@link org.smmubench.kernel.sched.Interleavings} explores every schedule with at most a
 * given number of preemptions (as CHESS does), or samples them with PCT.
 * {@link org.smmubench.kernel.Kernel#tasks} turns code into kernel tasks for it: each has its
 * own call stack, locks and IRQ state; taking and releasing a lock and a sleeping allocation
 * are schedule points; a lock held by another task makes the taker wait.
 * {@link org.smmubench.kernel.sched.Scheduler.Daemon}s are the contexts beside the tasks (the
 * SRCU callback context, {@link org.smmubench.kernel.Kernel#context}): scheduled only while
 * they have work, and never waited for.
 */
package org.smmubench.kernel.sched;
