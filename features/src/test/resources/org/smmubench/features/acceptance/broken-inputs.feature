Feature: Broken inputs make the invariants fire, or the calls fail, as the kernel would

  Scenario Outline: the seed bug reaches every master of a platform group's RID domain (<driver>)
    Given the "<driver>" driver
    And a platform device "dsp0" with stream ID 0x10 in group "dsp"
    And a platform device "dsp1" with stream ID 0x11 in group "dsp"
    And a process "proc1" with PASID 1024 and a mapping at 0x400000
    When "proc1" is bound to "dsp0"
    Then the invariant "atomic-sleep" is <atomic-sleep>
    And the CD for "proc1" on "dsp0" is valid
    And the CD for "proc1" on "dsp1" is valid

    Examples:
      | driver  | atomic-sleep |
      | pre-fix | violated     |
      | fixed   | not violated |

  Scenario: binding a device whose driver did not enable SVA fails, and 6.8 WARNs on the rollback
    Given the devices:
      | name | sid   | sva   |
      | nic0 | 0x100 | false |
    And a process "proc1"
    When binding "proc1" to "nic0" fails with ENODEV
    Then only the invariant "kernel-warn" is violated
    And "kernel-warn" was raised in "arm_smmu_sva_remove_dev_pasid"

  Scenario: a PASID wider than the device supports cannot be allocated
    Given the devices:
      | name | sid   | pasid-bits |
      | nic0 | 0x100 | 8          |
    And a process "proc1" with PASID 1024
    When binding "proc1" to "nic0" fails with ENOSPC
    Then the CD for "proc1" on "nic0" is invalid

  Scenario: unbinding a process that was never bound is refused
    Given a PCI device "nic0" with stream ID 0x100
    And a process "proc1"
    When unbinding "proc1" from "nic0" fails with EINVAL
    Then no invariant is violated

  Scenario: a DMA without a PASID goes through the DMA domain, where nothing is mapped
    Given a PCI device "nic0" with stream ID 0x100
    When "nic0" does a DMA read at 0x1000 without a PASID
    Then the DMA faults with F_TRANSLATION
    And no invariant is violated
