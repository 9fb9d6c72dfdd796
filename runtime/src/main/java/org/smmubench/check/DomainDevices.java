package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomainType;
import org.smmubench.iommu.IommuGroup;

/**
 * domain-devices (I12): m is on D.devices exactly when m.domain == D, a master is on at most
 * one list (6.8 embeds one list node in the master), and a DMA default domain's devices are
 * exactly the masters of its group: the fact that lets the pre-fix driver reach every bound
 * master through the RID domain's list. D's nr_ats_masters counts the entries of its list whose
 * master has ATS on: arm_smmu_atc_inv_domain skips the list walk when the count is 0, so a count
 * too low loses ATC invalidations and one too high costs a needless walk and CMD_SYNC.
 */
public final class DomainDevices implements IncrementalInvariant {
    /**
     * Domains whose devices list once held a master pointing elsewhere (or a released one):
     * the incremental form always looks at them, so a master's "on two lists" message
     * still names every list it is on.
     */
    private final java.util.Set<ArmSmmuDomain> suspicious = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    public String id() { return "domain-devices"; }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        check(SvaState.ridDomains(w), SvaState.liveMasters(w), w.core.groups(), sink);
    }

    /**
     * The touched domains (plus the suspicious ones), masters and groups: a list or a
     * master->domain link changes only in steps that reach both.
     */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        if (scope.everything()) {
            afterStep(w, sink);
            return;
        }
        java.util.Set<ArmSmmuDomain> set = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(scope.domains());
        List<ArmSmmuDomain> all = SvaState.ridDomainsAmong(w, suspicious);
        set.addAll(all);
        List<ArmSmmuDomain> domains = new ArrayList<>(set);
        domains.sort((a, b) -> Integer.compare(a.id(), b.id()));
        check(domains, scope.liveMasters(), scope.groups(), sink);
    }

    private void check(List<ArmSmmuDomain> domains, List<ArmSmmuMaster> masters, List<IommuGroup> groups, Consumer<Violation> sink) {
        Map<ArmSmmuMaster, List<String>> lists = new IdentityHashMap<>();
        // Which of the walked lists each master is on: "is m on its domain's list" is then a
        // lookup, not a scan of the list (a group of N devices would cost N² per step).
        Map<ArmSmmuMaster, java.util.Set<ArmSmmuDomain>> onLists = new IdentityHashMap<>();
        java.util.Set<ArmSmmuDomain> walked = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        walked.addAll(domains);
        // Which lists only the masters judged below are on: a probe into a large group walks
        // the group's list once, without bookkeeping for every entry.
        java.util.Set<ArmSmmuMaster> judged = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        judged.addAll(masters);
        for (ArmSmmuDomain d : domains) {
            int atsEntries = 0;
            for (ArmSmmuMaster m : d.devices) if (m.atsEnabled) atsEntries++;
            if (d.nrAtsMasters != atsEntries) {
                sink.accept(Violation.ofState(id(), "domain #" + d.id() + ": nr_ats_masters is " + d.nrAtsMasters + "; expected "
                        + atsEntries + ", the entries of its devices list whose master has ATS on"));
            }
            for (ArmSmmuMaster m : d.devices) {
                if (judged.contains(m)) {
                    lists.computeIfAbsent(m, x -> new ArrayList<>()).add("#" + d.id());
                    onLists.computeIfAbsent(m, x -> java.util.Collections.newSetFromMap(new IdentityHashMap<>())).add(d);
                }
                if (m.live && m.domain == d) continue;
                suspicious.add(d);
                String dev = m.dev.name();
                if (!m.live) {
                    sink.accept(Violation.ofState(id(), dev + ": released, expected off domain #" + d.id() + "'s devices list, found on it"));
                } else {
                    sink.accept(Violation.ofState(id(), dev + ": on domain #" + d.id() + "'s devices list; expected master->domain #"
                            + d.id() + ", found " + (m.domain == null ? "none" : "#" + m.domain.id())));
                }
            }
        }
        for (ArmSmmuMaster m : masters) {
            String dev = m.dev.name();
            List<String> on = lists.getOrDefault(m, List.of());
            if (on.size() > 1) {
                sink.accept(Violation.ofState(id(), dev + ": expected on at most one domain devices list, found on " + String.join(", ", on)));
            }
            if (m.domain != null && !(walked.contains(m.domain) ? onLists.getOrDefault(m, java.util.Set.of()).contains(m.domain) : m.domain.devices.contains(m))) {
                sink.accept(Violation.ofState(id(), dev + ": master->domain is #" + m.domain.id() + "; expected " + dev
                        + " on its devices list, found " + SvaState.domainName(m.domain)));
            }
        }
        for (IommuGroup g : groups) {
            if (!(g.defaultDomain instanceof ArmSmmuDomain d) || g.domain != d || d.type != IommuDomainType.DMA) continue;
            // Compared as sets of names (and sizes); sorted only for the message.
            List<String> expected = new ArrayList<>();
            for (Device dev : g.devices) {
                ArmSmmuMaster m = ArmSmmuV3.master(dev);
                if (m != null && m.live) expected.add(dev.name());
            }
            List<String> found = new ArrayList<>(d.devices.size());
            for (ArmSmmuMaster m : d.devices) found.add(m.dev.name());
            if (found.size() != expected.size() || !new java.util.HashSet<>(expected).equals(new java.util.HashSet<>(found))) {
                sink.accept(Violation.ofState(id(), "domain #" + d.id() + " (DMA default of group " + g.name() + "): expected devices "
                        + SvaState.sorted(expected) + " (the group's), found " + SvaState.sorted(found)));
            }
        }
    }
}
