Feature: Multi-device iommu groups and rollback

  The core attaches a PASID to every device of a group; when one device's set_dev_pasid
  fails, it removes the PASID from all of them (group-pasid-atomic).

  Scenario Outline: binding one device of a platform group installs the CD in the whole group (<driver>)
    Given the "<driver>" driver
    And a platform device "dsp0" with stream ID 0x10 in group "dsp"
    And a platform device "dsp1" with stream ID 0x11 in group "dsp"
    And a process "proc1" with a mapping at 0x400000
    When "proc1" is bound to "dsp0"
    Then the CD for "proc1" on "dsp0" is valid
    And the CD for "proc1" on "dsp1" is valid
    When "dsp1" does a DMA write at 0x400000 for "proc1"
    Then the DMA succeeds
    When "proc1" is unbound from "dsp0"
    Then the CD for "proc1" on "dsp0" is invalid
    And the CD for "proc1" on "dsp1" is invalid
    And no invariant is violated

    Examples:
      | driver  |
      | pre-fix |
      | fixed   |

  Scenario: a failed attach on the second device of a group rolls back the first
    Given the "fixed" driver
    And the devices:
      | name | bus      | sid  | group |
      | dsp0 | platform | 0x10 | dsp   |
      | dsp1 | platform | 0x11 | dsp   |
    And a process "proc1" with a mapping at 0x400000
    When the next "set_dev_pasid" fails for "dsp1"
    And binding "proc1" to "dsp0" fails with ENOMEM
    Then the CD for "proc1" on "dsp0" is invalid
    And the CD for "proc1" on "dsp1" is invalid
    When "dsp0" does a DMA read at 0x400000 for "proc1"
    Then the DMA faults
    And only the invariant "kernel-warn" is violated
    And "kernel-warn" was raised in "arm_smmu_sva_remove_dev_pasid" called from "__iommu_remove_group_pasid"
    And the invariant "group-pasid-atomic" is not violated
    When "proc1" is bound to "dsp0"
    Then the CD for "proc1" on "dsp1" is valid
