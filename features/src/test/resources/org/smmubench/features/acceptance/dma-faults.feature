Feature: The SMMU reports bad transactions with the architected events

  Scenario: a PASID nobody bound has no valid CD
    Given a PCI device "nic0" with stream ID 0x100
    When "nic0" does a DMA read at 0x1000 with PASID 9
    Then the DMA faults with C_BAD_CD
    And no invariant is violated

  Scenario: a PASID wider than the device's CD table is a bad SubstreamID
    Given an SMMUv3 with:
      | ssid-bits | 8 |
    And a PCI device "nic0" with stream ID 0x100
    When "nic0" does a DMA read at 0x1000 with PASID 0x1000
    Then the DMA faults with C_BAD_SUBSTREAMID
    And no invariant is violated
