package org.smmubench.kernel;

/**
 * One outstanding local_irq_save (bare or through spin_lock_irqsave).
 *
 * @param flags       the token handed to the caller; restore must pass it back, innermost first
 * @param wasDisabled the IRQ state before the save, which restore puts back
 * @param savedAt     the function that saved
 * @param lockClass   the spinlock class when saved by spin_lock_irqsave, else null
 */
record IrqSave(long flags, boolean wasDisabled, String savedAt, String lockClass) {}
