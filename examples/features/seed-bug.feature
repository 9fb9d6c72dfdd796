# The seed bug (b5bf7778): on v6.8 before the fix, the first SVA bind at a PASID whose
# CD leaf does not exist yet allocates the leaf with GFP_KERNEL under devices_lock.
#
# Run it:   scripts/smmu-bench run examples/features/seed-bug.feature
# Try:      change the PASID to 1023 (the leaf exists: no splat on either driver),
#           or the stream ID, or add "And an SMMUv3 with a linear CD table".
# Every step phrasing: features/STEPS.md
Feature: First SVA bind at PASID 1024 on a two-level CD table

  Scenario Outline: bind at PASID 1024
    Given the "<driver>" driver
    And an SMMUv3 with a two-level CD table
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with PASID 1024 and a mapping at 0x400000
    When "proc1" is bound to "nic0"
    Then the invariant "atomic-sleep" is <atomic-sleep>
    And the CD for "proc1" on "nic0" is valid
    When "nic0" does a DMA write at 0x400000 for "proc1"
    Then the DMA succeeds
    When "proc1" is unbound from "nic0"
    Then the CD for "proc1" on "nic0" is invalid

    Examples:
      | driver  | atomic-sleep |
      | pre-fix | violated     |
      | fixed   | not violated |

  Scenario: the splat's call chain on pre-fix
    Given the "pre-fix" driver
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with PASID 1024
    When "proc1" is bound to "nic0"
    Then only the invariant "atomic-sleep" is violated
    And "atomic-sleep" was raised in "arm_smmu_alloc_cd_leaf_table" called from "arm_smmu_mmu_notifier_get"
