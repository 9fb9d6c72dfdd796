/**
 * The modelled SMMUv3: it sees only simulated memory ({@link org.smmubench.hw.PhysMemory}),
 * its registers and the commands software queues, never driver objects.
 *
 * <p>Parts: field declarations in {@code hw.field} (one per architected field; they drive
 * encoding, decoding and {@code Dump}); decode ({@code ConfigFetcher}, {@code Checks},
 * {@code Substream}); translation ({@code Translator}, {@code Walker}, {@code Permissions});
 * command processing ({@code CommandProcessor}); the caches ({@link org.smmubench.hw.ConfigCache},
 * {@link org.smmubench.hw.Tlb}, {@link org.smmubench.hw.Atc}) sit between them, and only an
 * architected invalidation followed by a completed CMD_SYNC removes an entry.
 *
 * <p>Deliberately out of scope: stage 2 and nesting (IDR0.S2P=0: an STE with Config S2 or
 * nested is reported as C_BAD_STE, and stage-2 TLBIs are CERROR_ILL); TTB1 walks (the TTB1
 * half always gives F_TRANSLATION, as Linux sets EPD1); 16K/64K granules; HTTU; stall (CD.S is
 * accepted when the stall model is configured, but faults always terminate); PRI; BTM;
 * walk caches; torn (non-atomic) reads of multi-dword entries; secure state; MSIs other
 * than CMD_SYNC's completion write. Commands are consumed synchronously on the CMDQ_PROD write.
 */
package org.smmubench.hw;
