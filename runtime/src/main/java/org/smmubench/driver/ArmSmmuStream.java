package org.smmubench.driver;

/** struct arm_smmu_stream: one StreamID of a master, kept in the SMMU's stream tree. */
public record ArmSmmuStream(int id, ArmSmmuMaster master) {}
