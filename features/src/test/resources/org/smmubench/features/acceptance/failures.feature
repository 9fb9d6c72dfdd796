Feature: Failure injection unwinds cleanly

  Each failure site makes one allocation or call fail; the bind returns its errno and
  leaves nothing behind (no bond, no CD, no leaked allocation), and a retry succeeds.
  In 6.8 the core then calls remove_dev_pasid on every device of the group, and the SVA
  driver WARNs that it finds no bond: a real kernel-warn, raised on both drivers.

  Scenario Outline: a failing <site> makes the bind fail with <errno> and unwinds (<driver>)
    Given the "<driver>" driver
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with a mapping at 0x400000
    When the next "<site>" fails
    And binding "proc1" to "nic0" fails with <errno>
    Then the CD for "proc1" on "nic0" is invalid
    And only the invariant "kernel-warn" is violated
    And "kernel-warn" was raised in "arm_smmu_sva_remove_dev_pasid" called from "iommu_attach_device_pasid"
    When "proc1" is bound to "nic0"
    And "nic0" does a DMA write at 0x400000 for "proc1"
    Then the DMA succeeds
    When "proc1" is unbound from "nic0"
    Then only the invariant "kernel-warn" is violated

    Examples:
      | driver  | site                  | errno  |
      | fixed   | kzalloc.bond          | ENOMEM |
      | fixed   | kzalloc.notifier      | ENOMEM |
      | fixed   | kzalloc.cd            | ENOMEM |
      | fixed   | arm64_mm_context_get  | ESRCH  |
      | fixed   | mmu_notifier_register | ENOMEM |
      | pre-fix | kzalloc.bond          | ENOMEM |
      | pre-fix | kzalloc.notifier      | ENOMEM |

  Scenario: the 2nd hit fails on the second device; the core retries with a new SVA domain
    iommu_sva_bind_device first tries the mm's existing SVA domain; when attaching it
    fails, it allocates a fresh domain and attaches that, so the bind still succeeds.
    Given a PCI device "nic0" with stream ID 0x100
    And a PCI device "nic1" with stream ID 0x200
    And a process "proc1" with a mapping at 0x400000
    When the 2nd hit of "kzalloc.bond" fails
    And "proc1" is bound to "nic0"
    And "proc1" is bound to "nic1"
    Then only the invariant "kernel-warn" is violated
    And the CD for "proc1" on "nic0" is valid
    And the CD for "proc1" on "nic1" is valid
    When "nic1" does a DMA write at 0x400000 for "proc1"
    Then the DMA succeeds

  Scenario: a leaf allocation failure at PASID 1024 fails the bind
    Given a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with PASID 1024 and a mapping at 0x400000
    When the next "dma_alloc.cd_leaf" fails
    And binding "proc1" to "nic0" fails with ENOMEM
    Then the CD for "proc1" on "nic0" is invalid
    And only the invariant "kernel-warn" is violated
