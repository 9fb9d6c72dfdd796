# The life of one SVA bond: bind, DMA, munmap, unbind, exit.
# Runs on the default driver (fixed); `scripts/smmu-bench run --driver all FILE` runs it on every driver.
Feature: Bind, DMA and unbind

  Background:
    Given an SMMUv3 with:
      | cd-table  | two-level |
      | ssid-bits | 20        |

  Scenario: a bound process's pages are reachable by DMA, until it is unbound
    Given a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with PASID 5 and the mappings:
      | va       | size    | prot |
      | 0x400000 | 0x10000 | rw   |
      | 0x800000 | 0x1000  | r    |
    When "proc1" is bound to "nic0"
    And "nic0" does a DMA write at 0x400000 for "proc1"
    Then the DMA succeeds
    When "nic0" does a DMA write at 0x800000 for "proc1"
    Then the DMA faults with F_PERMISSION
    When "proc1" unmaps 0x1000 bytes at 0x400000
    And "nic0" does a DMA read at 0x400000 for "proc1"
    Then the DMA faults
    When "proc1" is unbound from "nic0"
    Then the CD for "proc1" on "nic0" is invalid
    And no invariant is violated

  Scenario: a process that exits while bound
    Given a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with a mapping at 0x400000
    When "proc1" is bound to "nic0"
    And "proc1" exits
    And "nic0" does a DMA read at 0x400000 for "proc1"
    Then the DMA faults
    When "proc1" is unbound from "nic0"
    Then no invariant is violated
