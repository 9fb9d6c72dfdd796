package org.smmubench.mm;

import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Kernel;
import org.smmubench.kernel.KernelFunction;

/**
 * The functions of kernel/fork.c that modelled upstream commits change, as v6.8 released
 * them. A commit subclasses this and overrides the functions it touched; {@link MmWorld}
 * calls each through its {@link org.smmubench.kernel.FunctionTable}.
 */
public class MmFunctions {
    protected final MmWorld world;
    protected final Kernel k;

    public MmFunctions(MmWorld world) {
        this.world = world;
        this.k = world.kernel();
    }

    /**
     * __mmput (v6.8): the address space goes (exit_mmap), then mm_users' reference on the
     * struct. The PASID stays: a device may still have it programmed until its driver unbinds.
     */
    @KernelFunction("__mmput")
    protected void mmput(Mm mm) {
        try (Frame f = k.enter("__mmput")) {
            world.exitMmap(mm);
            mm.mmdrop();
        }
    }

    /**
     * __mmdrop (v6.8): the last reference on the struct; mm_pasid_drop returns the PASID here
     * (since 2667ed10d9f0), then the pgd and the struct go.
     */
    @KernelFunction("__mmdrop")
    protected void mmdrop(Mm mm) {
        try (Frame f = k.enter("__mmdrop")) {
            world.mmPasidDrop(mm);
            world.freeMmStruct(mm);
        }
    }
}
