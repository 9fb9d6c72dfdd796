package org.smmubench.driver;

/** The 20 KUnit cases of v6.11 (ArmSmmuV3KunitV6_11Cases) on the v6.11 entry writer. */
class ArmSmmuV3KunitV6_11Test extends ArmSmmuV3KunitV6_11Cases {
    ArmSmmuV3KunitV6_11Test() {
        super(EntryGeneration.V6_11);
    }
}
