# Platform devices in one iommu_group share every PASID attach; when set_dev_pasid fails
# on one of them, the core rolls the PASID back on all of them. Written for v6.8, whose
# rollback calls remove_dev_pasid on every group device; with b025dea63cde applied
# (v6.8+b025dea63cde) only the devices that succeeded are undone and nothing WARNs
# (examples/corpus/b025dea63cde-*.yaml shows both trees).
Feature: Group PASID attach and rollback

  Scenario: one device's failure rolls back the whole group
    Given the "v6.8" driver
    And the devices:
      | name | bus      | sid  | group |
      | dsp0 | platform | 0x10 | dsp   |
      | dsp1 | platform | 0x11 | dsp   |
    And a process "proc1" with a mapping at 0x400000
    When the next "set_dev_pasid" fails for "dsp1"
    And binding "proc1" to "dsp0" fails with ENOMEM
    Then the CD for "proc1" on "dsp0" is invalid
    And the CD for "proc1" on "dsp1" is invalid
    # 6.8 WARNs in remove_dev_pasid for the device that never got a bond:
    And only the invariant "kernel-warn" is violated
    When "proc1" is bound to "dsp0"
    Then the CD for "proc1" on "dsp0" is valid
    And the CD for "proc1" on "dsp1" is valid
