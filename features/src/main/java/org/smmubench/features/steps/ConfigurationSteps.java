package org.smmubench.features.steps;

import static org.smmubench.features.StepDoc.Section.CONFIGURATION;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;

import org.smmubench.features.ScenarioWorld;
import org.smmubench.features.StepDoc;
import org.smmubench.scenario.SmmuOptions;

/** The driver variant and what the SMMUv3 advertises: chosen before the bench starts. */
public final class ConfigurationSteps {
    private final ScenarioWorld world;

    public ConfigurationSteps(ScenarioWorld world) { this.world = world; }

    @Given("the {driver} driver")
    @StepDoc(section = CONFIGURATION, example = "Given the \"pre-fix\" driver",
            value = "Runs the scenario on this kernel tree (a tree name or alias, see the {driver} parameter)."
                    + " Without it: v6.8. `smmu-bench run --driver` overrides it.")
    public void driver(String id) { world.chooseDriver(id); }

    @Given("an SMMUv3 with a {tableFormat} CD table")
    @StepDoc(section = CONFIGURATION, example = "Given an SMMUv3 with a linear CD table",
            value = "Whether the SMMU advertises two-level CD tables (default two-level).")
    public void cdTable(Boolean twoLevel) {
        SmmuOptions o = world.smmu();
        world.smmu(new SmmuOptions(twoLevel, o.twoLevelStreamTable(), o.ssidBits(), o.sidBits(), o.asidBits(),
                o.ats(), o.stall(), o.rangeInv()));
    }

    @Given("an SMMUv3 with a {tableFormat} stream table")
    @StepDoc(section = CONFIGURATION, example = "Given an SMMUv3 with a linear stream table",
            value = "Whether the SMMU uses a two-level stream table (default two-level).")
    public void streamTable(Boolean twoLevel) {
        SmmuOptions o = world.smmu();
        world.smmu(new SmmuOptions(o.twoLevelCdTable(), twoLevel, o.ssidBits(), o.sidBits(), o.asidBits(),
                o.ats(), o.stall(), o.rangeInv()));
    }

    @Given("an SMMUv3 with:")
    @StepDoc(section = CONFIGURATION, example = """
            Given an SMMUv3 with:
              | cd-table  | two-level |
              | ssid-bits | 20        |
              | asid-bits | 16        |""",
            value = "Any of the YAML `smmu:` keys as `key | value` rows: cd-table, stream-table (two-level |"
                    + " linear), ssid-bits (0..20), sid-bits (1..32), asid-bits (8 | 16), ats, stall, range-inv"
                    + " (true | false). Keys not given keep their defaults.")
    public void smmu(DataTable table) { world.smmu(Tables.smmu(world.smmu(), Tables.keyValues(table.cells()))); }
}
