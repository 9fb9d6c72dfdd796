package org.smmubench.kernel.sched;

/** The code of one concurrent task; it calls {@link TaskContext#point} where the kernel could switch. */
@FunctionalInterface
public interface TaskBody {
    void run(TaskContext ctx);
}
