package org.smmubench.driver;

/** The v6.18 base's 22 KUnit cases (ArmSmmuV3KunitV6_18Cases) on the v6.18 entry writer. */
class ArmSmmuV3KunitV6_18Test extends ArmSmmuV3KunitV6_18Cases {
    ArmSmmuV3KunitV6_18Test() {
        super(EntryGeneration.V6_18);
    }
}
