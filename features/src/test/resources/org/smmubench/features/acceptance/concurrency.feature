Feature: Concurrent steps

  The actions after "in task N:" are collected into task N; "the tasks run concurrently" runs
  the tasks as one parallel step, each as its own kernel task. The bench first runs every
  interleaving within two preemptions, each replaying the scenario so far on a fresh bench,
  then runs on the scenario's own bench the first interleaving that broke something, so the
  Then steps look at that one.

  Scenario: an unbind racing the process's exit is clean in every interleaving
    Given the "fixed" driver
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with PASID 1 and a mapping at 0x400000
    When "proc1" is bound to "nic0"
    When in task 1:
    And "proc1" is unbound from "nic0"
    When in task 2:
    And "proc1" exits
    When the tasks run concurrently
    Then the interleaving shown is "none failed"
    And no invariant is violated
    When "nic0" does a DMA write at 0x400000 for "proc1"
    Then the DMA faults

  # The bench reads a fault on a PASID that is still bound as a bug (forbidden-event); the
  # bond lives until the unbind returns, so a device that keeps DMA going while its own PASID
  # is unbound trips it in the interleavings where the CD is already cleared.
  Scenario: a DMA in flight during its PASID's unbind: the failing interleaving is shown
    Given the "fixed" driver
    And a PCI device "nic0" with stream ID 0x100
    And a process "proc1" with PASID 1 and a mapping at 0x400000
    When "proc1" is bound to "nic0"
    When in task 1:
    And "nic0" does a DMA write at 0x400000 for "proc1"
    When in task 2:
    And "proc1" is unbound from "nic0"
    When the tasks run concurrently
    Then the invariant "forbidden-event" is violated
