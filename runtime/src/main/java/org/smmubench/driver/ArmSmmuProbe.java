package org.smmubench.driver;

import org.smmubench.hw.Smmu;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.Evt;
import org.smmubench.hw.field.Opcode;
import org.smmubench.hw.field.Regs;
import org.smmubench.hw.field.Regs.Cr0;
import org.smmubench.hw.field.Regs.Cr2;
import org.smmubench.hw.field.Regs.Idr0;
import org.smmubench.hw.field.Regs.Idr1;
import org.smmubench.hw.field.Regs.Idr3;
import org.smmubench.hw.field.Regs.Idr5;
import org.smmubench.hw.field.Regs.QBase;
import org.smmubench.kernel.DmaBuffer;
import org.smmubench.kernel.Frame;
import org.smmubench.kernel.Gfp;
import org.smmubench.kernel.Kernel;

/**
 * arm_smmu_device_probe: read the ID registers into features, build the queues and the
 * stream table in DMA memory, and bring the SMMU up in the order arm_smmu_device_reset uses.
 */
public final class ArmSmmuProbe {
    /** log2 of the event queue length. */
    static final int EVTQ_LOG2SIZE = 7;

    private ArmSmmuProbe() {}

    public static ArmSmmuDevice probe(Kernel k, Smmu hw) {
        try (Frame f = k.enter("arm_smmu_device_probe")) {
            ArmSmmuDevice smmu = new ArmSmmuDevice(k, hw);
            hwProbe(k, smmu);
            int ret = initStructures(k, smmu);
            // The probe fails and there is no SMMU to test: the input rules refuse every
            // configuration that gets here (ScenarioRules.linearStreamTable).
            if (ret != 0) throw new IllegalStateException("arm_smmu_device_probe failed: arm_smmu_init_structures returned " + ret);
            deviceReset(k, smmu);
            return smmu;
        }
    }

    /** arm_smmu_device_hw_probe. */
    static void hwProbe(Kernel k, ArmSmmuDevice smmu) {
        try (Frame f = k.enter("arm_smmu_device_hw_probe")) {
            long idr0 = Integer.toUnsignedLong(smmu.readReg32(Regs.IDR0));
            // Linux wants 2-level stream tables only when there are more SIDs than one L2 covers.
            if (Idr0.ST_LEVEL.extract(idr0) == Idr0.ST_LEVEL_2LVL) smmu.features.add(Feature.TWO_LVL_STRTAB);
            if (Idr0.CD2L.isSet(idr0)) smmu.features.add(Feature.TWO_LVL_CDTAB);
            if (Idr0.TTENDIAN.extract(idr0) == Idr0.TTENDIAN_LE || Idr0.TTENDIAN.extract(idr0) == 0) smmu.features.add(Feature.TT_LE);
            if (Idr0.PRI.isSet(idr0)) smmu.features.add(Feature.PRI);
            if (Idr0.ATS.isSet(idr0)) smmu.features.add(Feature.ATS);
            if (Idr0.SEV.isSet(idr0)) smmu.features.add(Feature.SEV);
            if (Idr0.MSI.isSet(idr0)) smmu.features.add(Feature.MSI);
            // The firmware's dma-coherent property decides; the model's firmware agrees with COHACC.
            if (Idr0.COHACC.isSet(idr0)) smmu.features.add(Feature.COHERENCY);
            if (Idr0.HYP.isSet(idr0)) {
                smmu.features.add(Feature.HYP);
                // The modelled kernel runs at EL2 with VHE when the SMMU can: E2H world, EL2 TLBIs.
                smmu.features.add(Feature.E2H);
            }
            long stall = Idr0.STALL_MODEL.extract(idr0);
            if (stall == Idr0.STALL_MODEL_FORCE) smmu.features.add(Feature.STALL_FORCE);
            if (stall == Idr0.STALL_MODEL_FORCE || stall == Idr0.STALL_MODEL_STALL_TERM) smmu.features.add(Feature.STALLS);
            if (Idr0.S1P.isSet(idr0)) smmu.features.add(Feature.TRANS_S1);
            if (Idr0.S2P.isSet(idr0)) smmu.features.add(Feature.TRANS_S2);
            smmu.asidBits = Idr0.ASID16.isSet(idr0) ? 16 : 8;

            long idr1 = Integer.toUnsignedLong(smmu.readReg32(Regs.IDR1));
            smmu.ssidBits = (int) Idr1.SSIDSIZE.extract(idr1);
            smmu.sidBits = (int) Idr1.SIDSIZE.extract(idr1);
            if (smmu.sidBits <= StrtabCode.STRTAB_SPLIT) smmu.features.remove(Feature.TWO_LVL_STRTAB);

            long idr3 = Integer.toUnsignedLong(smmu.readReg32(Regs.IDR3));
            if (Idr3.RIL.isSet(idr3)) smmu.features.add(Feature.RANGE_INV);

            long idr5 = Integer.toUnsignedLong(smmu.readReg32(Regs.IDR5));
            smmu.oasBits = oasBits((int) Idr5.OAS.extract(idr5));
            if (Idr5.VAX.extract(idr5) == 1) smmu.features.add(Feature.VAX);
            // BTM is never set by the 6.8 driver: every SVA invalidation sends explicit TLBIs.
            if (SvaSupport.armSmmuSvaSupported(k, smmu)) smmu.features.add(Feature.SVA);
        }
    }

    private static int oasBits(int code) {
        return switch (code) {
            case 0 -> 32;
            case 1 -> 36;
            case 2 -> 40;
            case 3 -> 42;
            case 4 -> 44;
            case 5 -> 48;
            default -> 52;
        };
    }

    /** arm_smmu_init_structures: queues then the stream table. */
    static int initStructures(Kernel k, ArmSmmuDevice smmu) {
        try (Frame f = k.enter("arm_smmu_init_structures")) {
            DmaBuffer cmdq = k.dmamAllocCoherent(null, ArmSmmuDevice.DEV_NAME,
                    (long) Cmd.BYTES << ArmSmmuCmdq.LOG2SIZE, Gfp.GFP_KERNEL);
            smmu.cmdq = new ArmSmmuCmdq(k, smmu, cmdq);
            smmu.evtq = k.dmamAllocCoherent(null, ArmSmmuDevice.DEV_NAME, (long) Evt.BYTES << EVTQ_LOG2SIZE, Gfp.GFP_KERNEL);
            return StrtabCode.initStrtab(k, smmu);
        }
    }

    /** arm_smmu_device_reset: the bring-up order of smmuv3-arch §1.4. */
    static void deviceReset(Kernel k, ArmSmmuDevice smmu) {
        try (Frame f = k.enter("arm_smmu_device_reset")) {
            writeReg32Sync(smmu, Regs.CR0, 0);
            long cr2 = Cr2.PTM.maskedValue(1) | Cr2.RECINVSID.maskedValue(1);
            if (smmu.has(Feature.E2H)) cr2 |= Cr2.E2H.maskedValue(1);
            smmu.writeReg32(Regs.CR2, (int) cr2);
            smmu.writeReg64(Regs.STRTAB_BASE, Regs.StrtabBase.ADDR.insertAddress(0, smmu.strtabCfg.strtab.dma()));
            smmu.writeReg32(Regs.STRTAB_BASE_CFG, (int) smmu.strtabCfg.strtabBaseCfg);

            long q = QBase.ADDR.insertAddress(0, smmu.cmdq.base.dma()) | QBase.LOG2SIZE.maskedValue(ArmSmmuCmdq.LOG2SIZE);
            smmu.writeReg64(Regs.CMDQ_BASE, q);
            smmu.writeReg32(Regs.CMDQ_PROD, 0);
            smmu.writeReg32(Regs.CMDQ_CONS, 0);
            long cr0 = Cr0.CMDQEN.maskedValue(1);
            writeReg32Sync(smmu, Regs.CR0, (int) cr0);

            smmu.cmdq.issueCmdWithSync(CmdqEnt.cfgiAll());
            if (smmu.has(Feature.HYP)) smmu.cmdq.issueCmdWithSync(CmdqEnt.tlbiAll(Opcode.TLBI_EL2_ALL));
            smmu.cmdq.issueCmdWithSync(CmdqEnt.tlbiAll(Opcode.TLBI_NSNH_ALL));

            long eq = QBase.ADDR.insertAddress(0, smmu.evtq.dma()) | QBase.LOG2SIZE.maskedValue(EVTQ_LOG2SIZE);
            smmu.writeReg64(Regs.EVTQ_BASE, eq);
            smmu.writeReg32(Regs.EVTQ_PROD, 0);
            smmu.writeReg32(Regs.EVTQ_CONS, 0);
            cr0 |= Cr0.EVTQEN.maskedValue(1);
            writeReg32Sync(smmu, Regs.CR0, (int) cr0);
            if (smmu.has(Feature.ATS)) {
                cr0 |= Cr0.ATSCHK.maskedValue(1);
                writeReg32Sync(smmu, Regs.CR0, (int) cr0);
            }
            cr0 |= Cr0.SMMUEN.maskedValue(1);
            writeReg32Sync(smmu, Regs.CR0, (int) cr0);
        }
    }

    /** arm_smmu_write_reg_sync: write, then poll the ACK register until it matches. */
    private static void writeReg32Sync(ArmSmmuDevice smmu, int reg, int val) {
        smmu.writeReg32(reg, val);
        int ack = smmu.readReg32(reg + 4);
        smmu.k.warnOn(ack != val, "arm_smmu_write_reg_sync: CR0ACK did not follow CR0");
    }
}
