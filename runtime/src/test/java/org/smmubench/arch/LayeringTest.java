package org.smmubench.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The runtime's packages form layers, each calling only the layers below it. The order,
 * top to bottom, is the one the README's layout table gives:
 * explore → bench (and its report writers) → scenario → check → driver (and driver.sva) → iommu → mm →
 * kernel → hw. {@code hw} sits at the bottom because the kernel's DMA allocator hands out
 * simulated physical memory, and the hardware must never see a kernel object.
 */
class LayeringTest {
    private static final JavaClasses RUNTIME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.smmubench");

    @Test
    void no_package_cycles() {
        slices().matching("org.smmubench.(**)").should().beFreeOfCycles().check(RUNTIME);
    }

    @Test
    void layers_only_call_downwards() {
        Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("explore").definedBy("org.smmubench.explore..")
                .layer("bench").definedBy("org.smmubench.bench..")
                .layer("scenario").definedBy("org.smmubench.scenario..")
                .layer("check").definedBy("org.smmubench.check..")
                .layer("driver").definedBy("org.smmubench.driver..")
                .layer("iommu").definedBy("org.smmubench.iommu..")
                .layer("mm").definedBy("org.smmubench.mm..")
                .layer("kernel").definedBy("org.smmubench.kernel..")
                .layer("hw").definedBy("org.smmubench.hw..")
                .whereLayer("explore").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayOnlyBeAccessedByLayers("explore")
                .whereLayer("scenario").mayOnlyBeAccessedByLayers("explore", "bench")
                .whereLayer("check").mayOnlyBeAccessedByLayers("explore", "bench", "scenario")
                .whereLayer("driver").mayOnlyBeAccessedByLayers("explore", "bench", "scenario", "check")
                .whereLayer("iommu").mayOnlyBeAccessedByLayers("explore", "bench", "scenario", "check", "driver")
                .whereLayer("mm").mayOnlyBeAccessedByLayers("explore", "bench", "scenario", "check", "driver", "iommu")
                .whereLayer("kernel").mayOnlyBeAccessedByLayers(
                        "explore", "bench", "scenario", "check", "driver", "iommu", "mm")
                .check(RUNTIME);
    }
}
