Feature: Bind, DMA, unbind, exit and unmap

  Both drivers share everything but the SVA file, so the life of a bond below PASID 1024
  (no leaf allocation) is clean on both.

  Scenario Outline: a bound PASID translates, an unbound one faults (<driver>)
    Given the "<driver>" driver
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with a mapping at 0x400000
    When "proc1" is bound to "nic0"
    Then the CD for "proc1" on "nic0" is valid
    When "nic0" does a DMA write at 0x400000 for "proc1"
    Then the DMA succeeds
    When "proc1" is unbound from "nic0"
    Then the CD for "proc1" on "nic0" is invalid
    When "nic0" does a DMA read at 0x400000 for "proc1"
    Then the DMA faults
    And no invariant is violated

    Examples:
      | driver  |
      | pre-fix |
      | fixed   |

  Scenario Outline: a DMA outside the process's mappings faults (<driver>)
    Given the "<driver>" driver
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with the mappings:
      | va       | size    | prot |
      | 0x400000 | 0x10000 | rw   |
      | 0x800000 | 0x1000  | r    |
    When "proc1" is bound to "nic0"
    And "nic0" does a DMA read at 0x40f000 for "proc1"
    Then the DMA succeeds
    When "nic0" does a DMA read at 0x900000 for "proc1"
    Then the DMA faults
    When "nic0" does a DMA write at 0x800000 for "proc1"
    Then the DMA faults
    And no invariant is violated

    Examples:
      | driver  |
      | pre-fix |
      | fixed   |

  Scenario Outline: an unmap reaches the SMMU through the mmu notifier (<driver>)
    Given the "<driver>" driver
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with a mapping at 0x400000
    When "proc1" is bound to "nic0"
    And "nic0" does a DMA read at 0x400000 for "proc1"
    Then the DMA succeeds
    When "proc1" unmaps 0x1000 bytes at 0x400000
    And "nic0" does a DMA read at 0x400000 for "proc1"
    Then the DMA faults
    When "proc1" maps 0x1000 bytes at 0x400000 as rw
    And "nic0" does a DMA write at 0x400000 for "proc1"
    Then the DMA succeeds
    And no invariant is violated

    Examples:
      | driver  |
      | pre-fix |
      | fixed   |

  Scenario Outline: a process that exits while bound stops its DMA; unbind still succeeds (<driver>)
    Given the "<driver>" driver
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with a mapping at 0x400000
    When "proc1" is bound to "nic0"
    And "proc1" exits
    And "nic0" does a DMA read at 0x400000 for "proc1"
    Then the DMA faults
    When "proc1" is unbound from "nic0"
    Then no invariant is violated

    Examples:
      | driver  |
      | pre-fix |
      | fixed   |

  Scenario Outline: binding twice shares one bond until the last unbind (<driver>)
    Given the "<driver>" driver
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with a mapping at 0x400000
    When "proc1" is bound to "nic0"
    And "proc1" is bound to "nic0"
    And "proc1" is unbound from "nic0"
    Then the CD for "proc1" on "nic0" is valid
    When "nic0" does a DMA write at 0x400000 for "proc1"
    Then the DMA succeeds
    When "proc1" is unbound from "nic0"
    Then the CD for "proc1" on "nic0" is invalid
    And no invariant is violated

    Examples:
      | driver  |
      | pre-fix |
      | fixed   |

  Scenario: two processes on two devices get their own PASIDs and CDs
    Given the devices:
      | name | bus | sid   |
      | nic0 | pci | 0x100 |
      | nic1 | pci | 0x200 |
    And the processes:
      | name  | pasid | mappings |
      | proc1 | 1     | 0x400000 |
      | proc2 | 2     | 0x400000 |
    When "proc1" is bound to "nic0"
    And "proc2" is bound to "nic1"
    Then the CD for "proc1" on "nic0" is valid
    And the CD for "proc2" on "nic1" is valid
    And the CD for "proc2" on "nic0" is invalid
    And the CD for "proc1" on "nic1" is invalid
    When "nic1" does a DMA write at 0x400000 for "proc2"
    Then the DMA succeeds
    And no invariant is violated

  Scenario Outline: an ATS endpoint's cached translation goes on unmap (<driver>)
    Given the "<driver>" driver
    And an SMMUv3 with:
      | ats | true |
    And the devices:
      | name | bus | sid   | ats  |
      | nic0 | pci | 0x100 | true |
    And a process "proc1" with the mappings:
      | va       | size   |
      | 0x400000 | 0x2000 |
    When "proc1" is bound to "nic0"
    And "nic0" does a DMA read at 0x400000 for "proc1"
    Then the DMA succeeds
    When "proc1" unmaps 0x1000 bytes at 0x400000
    And "nic0" does a DMA read at 0x400000 for "proc1"
    Then the DMA faults
    When "nic0" does a DMA write at 0x401000 for "proc1"
    Then the DMA succeeds
    When "proc1" is unbound from "nic0"
    Then no invariant is violated

    Examples:
      | driver  |
      | pre-fix |
      | fixed   |

  Scenario Outline: an ATS endpoint's cached translation goes on unmap and on exit (<driver>)
    Given the "<driver>" driver
    And an SMMUv3 with:
      | ats | true |
    And the devices:
      | name | bus | sid   | ats  |
      | nic0 | pci | 0x100 | true |
    And a process "proc1" with the mappings:
      | va       | size   |
      | 0x400000 | 0x2000 |
    When "proc1" is bound to "nic0"
    And "nic0" does a DMA read at 0x400000 for "proc1"
    Then the DMA succeeds
    When "proc1" unmaps 0x1000 bytes at 0x400000
    And "nic0" does a DMA read at 0x400000 for "proc1"
    Then the DMA faults
    When "nic0" does a DMA write at 0x401000 for "proc1"
    Then the DMA succeeds
    When "proc1" exits
    And "nic0" does a DMA read at 0x401000 for "proc1"
    Then the DMA faults
    When "proc1" is unbound from "nic0"
    Then no invariant is violated

    Examples:
      | driver  |
      | pre-fix |
      | fixed   |

  Scenario Outline: SVA on a device whose default domain is IDENTITY (<driver>)
    Given the "<driver>" driver
    And the devices:
      | name | bus | sid   | default-domain |
      | nic0 | pci | 0x100 | identity       |
    And a process "proc1" with the mappings:
      | va       | size   |
      | 0x400000 | 0x1000 |
    When "nic0" does a DMA read at 0x400000 without a PASID
    Then the DMA succeeds
    When binding "proc1" to "nic0" fails with <errno>
    Then the CD for "proc1" on "nic0" is invalid
    And <verdict>

    Examples:
      | driver                         | errno  | verdict                                  |
      | v6.8+b025dea63cde              | E2BIG  | only the invariant "kernel-warn" is violated |
      | v6.8+b025dea63cde+ae91f6552c30 | ENODEV | no invariant is violated                 |

  Scenario Outline: a CPU write that upgrades a read-only page reaches the SMMU TLB (<driver>)
    Given the "<driver>" driver
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with the mappings:
      | va       | size   | prot |
      | 0x400000 | 0x1000 | r    |
    When "proc1" is bound to "nic0"
    And "nic0" does a DMA read at 0x400000 for "proc1"
    Then the DMA succeeds
    When "proc1" writes at 0x400000
    And "nic0" does a DMA write at 0x400000 for "proc1"
    Then <outcome>

    Examples:
      | driver            | outcome                 |
      | v6.8              | the DMA succeeds        |
      | v6.8-6bbd42e2df8f | the DMA faults          |
