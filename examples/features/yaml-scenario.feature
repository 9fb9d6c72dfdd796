# A whole YAML scenario (the `run` format of *.yaml files) inside a feature, for suites that
# keep YAML scenarios and want Gherkin around them. Its own `expect:` decides the step.
Feature: YAML scenarios in Gherkin

  Scenario Outline: the seed scenario
    Given the "<driver>" driver
    And the scenario:
      """yaml
      scenario: first SVA bind at PASID 1024 allocates a CD leaf
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
    Then the invariant "atomic-sleep" is <atomic-sleep>

    Examples:
      | driver  | atomic-sleep |
      | pre-fix | violated     |
      | fixed   | not violated |
