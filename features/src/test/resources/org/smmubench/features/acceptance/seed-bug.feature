Feature: The seed bug: a GFP_KERNEL CD-leaf allocation under devices_lock (b5bf7778)

  Before b5bf7778, arm_smmu_mmu_notifier_get wrote the CD for every master of the RID
  domain while holding devices_lock with IRQs off. With a two-level CD table, the first
  bind at a PASID whose leaf is missing (PASID 1024 and up) allocated the 64 KiB leaf
  there with GFP_KERNEL: sleeping in atomic context. The fix writes the CD from
  __arm_smmu_sva_bind, outside the spinlock.

  Scenario: pre-fix sleeps in atomic context on the first bind at PASID 1024
    Given the "pre-fix" driver
    And an SMMUv3 with a two-level CD table
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with PASID 1024 and a mapping at 0x400000
    When "proc1" is bound to "nic0"
    Then only the invariant "atomic-sleep" is violated
    And "atomic-sleep" was raised in "arm_smmu_alloc_cd_leaf_table" called from "arm_smmu_mmu_notifier_get"
    And the CD for "proc1" on "nic0" is valid

  Scenario: fixed allocates the leaf outside the spinlock
    Given the "fixed" driver
    And an SMMUv3 with a two-level CD table
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with PASID 1024 and a mapping at 0x400000
    When "proc1" is bound to "nic0"
    Then no invariant is violated
    And the CD for "proc1" on "nic0" is valid
    When "nic0" does a DMA write at 0x400000 for "proc1"
    Then the DMA succeeds

  Scenario Outline: no new leaf is needed below PASID 1024, so both drivers are clean (<driver>)
    Given the "<driver>" driver
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with PASID 0x3ff and a mapping at 0x400000
    When "proc1" is bound to "nic0"
    Then no invariant is violated

    Examples:
      | driver  |
      | pre-fix |
      | fixed   |

  Scenario Outline: a linear CD table is allocated whole at attach, so bind allocates nothing (<driver>)
    Given the "<driver>" driver
    And an SMMUv3 with:
      | cd-table  | linear |
      | ssid-bits | 12     |
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with PASID 1023 and a mapping at 0x400000
    When "proc1" is bound to "nic0"
    Then no invariant is violated
    And the CD for "proc1" on "nic0" is valid

    Examples:
      | driver  |
      | pre-fix |
      | fixed   |

  Scenario Outline: a linear CD table holds 1024 CDs, so PASID 1024 is too big (<driver>)
    Given the "<driver>" driver
    And an SMMUv3 with a linear CD table
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with PASID 1024 and a mapping at 0x400000
    When binding "proc1" to "nic0" fails with E2BIG
    Then the invariant "cd-bounds" is not violated
    And the invariant "atomic-sleep" is not violated
    And the CD for "proc1" on "nic0" is invalid

    Examples:
      | driver  |
      | pre-fix |
      | fixed   |

  Scenario Outline: the whole seed scenario in YAML keeps its per-driver expectation (<driver>)
    Given the "<driver>" driver
    And the scenario:
      """yaml
      scenario: first SVA bind at PASID 1024 allocates a CD leaf
      smmu: {cd-table: two-level, ssid-bits: 20}
      devices:
        - {name: nic0, bus: pci, sid: 0x100}
      processes:
        - {name: proc1, pasid: 1024, mappings: [{va: 0x400000, size: 0x1000, prot: rw}]}
      steps:
        - bind: {device: nic0, process: proc1}
        - dma: {device: nic0, process: proc1, va: 0x400000, access: write, expect: ok}
        - unbind: {device: nic0, process: proc1}
      expect:
        pre-fix: {violations: [atomic-sleep]}
        fixed: {violations: []}
      """
    Then the invariant "atomic-sleep" is <verdict>

    Examples:
      | driver  | verdict      |
      | pre-fix | violated     |
      | fixed   | not violated |
