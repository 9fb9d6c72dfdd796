package org.smmubench.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.driver.sva.ArmSmmuMmuNotifier;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuGroup;
import org.smmubench.mm.Mm;

/**
 * Read-only walks over the driver's and the core's SVA bookkeeping, shared by the
 * software-state invariants. Every walk goes in probe / list order, so reports are
 * deterministic.
 */
final class SvaState {
    private SvaState() {}

    /** One step's walks, shared by the checks while the machine is frozen (see World.frozen). */
    private static final class Walks {
        long serial = -1;
        List<ArmSmmuMaster> liveMasters;
        List<ArmSmmuDomain> ridDomains;
        List<ArmSmmuMmuNotifier> reachableNotifiers;
    }

    private static Walks walks(World w) {
        if (!w.frozen()) return null;
        Walks c = w.shared(Walks.class, Walks::new);
        if (c.serial != w.stepSerial()) {
            c.serial = w.stepSerial();
            c.liveMasters = null;
            c.ridDomains = null;
            c.reachableNotifiers = null;
        }
        return c;
    }

    /** Masters of probed, not yet released devices, in probe order. */
    static List<ArmSmmuMaster> liveMasters(World w) {
        Walks c = walks(w);
        if (c == null) return walkLiveMasters(w);
        if (c.liveMasters == null) c.liveMasters = List.copyOf(walkLiveMasters(w));
        return c.liveMasters;
    }

    private static List<ArmSmmuMaster> walkLiveMasters(World w) {
        List<ArmSmmuMaster> out = new ArrayList<>();
        for (Device dev : w.core.devices()) {
            ArmSmmuMaster m = ArmSmmuV3.master(dev);
            if (m != null && m.live) out.add(m);
        }
        return out;
    }

    /** Every arm_smmu_domain reachable from a group or a master, ordered by domain id. */
    static List<ArmSmmuDomain> ridDomains(World w) {
        Walks c = walks(w);
        if (c == null) return walkRidDomains(w);
        if (c.ridDomains == null) c.ridDomains = List.copyOf(walkRidDomains(w));
        return c.ridDomains;
    }

    private static List<ArmSmmuDomain> walkRidDomains(World w) {
        // Sized up front and listed in the order met (groups in creation order, so nearly
        // sorted by id already): growing an identity set and sorting it in hash order were
        // most of this walk's cost at a thousand groups.
        List<ArmSmmuMaster> masters = liveMasters(w);
        Set<ArmSmmuDomain> seen = Collections.newSetFromMap(new IdentityHashMap<>(2 * w.core.groups().size() + masters.size()));
        List<ArmSmmuDomain> out = new ArrayList<>();
        for (IommuGroup g : w.core.groups()) {
            addIfRid(seen, out, g.defaultDomain);
            addIfRid(seen, out, g.domain);
        }
        for (ArmSmmuMaster m : masters) addIfRid(seen, out, m.domain);
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return out;
    }

    /** Those of {@code domains} that ridDomains(w) would still list (reachable from a group or a live master). */
    static List<ArmSmmuDomain> ridDomainsAmong(World w, Set<ArmSmmuDomain> domains) {
        List<ArmSmmuDomain> out = new ArrayList<>();
        if (domains.isEmpty()) return out;
        for (ArmSmmuDomain d : ridDomains(w)) if (domains.contains(d)) out.add(d);
        return out;
    }

    private static void addIfRid(Set<ArmSmmuDomain> seen, List<ArmSmmuDomain> out, IommuDomain d) {
        if (d instanceof ArmSmmuDomain a && seen.add(a)) out.add(a);
    }

    static List<ArmSmmuMmuNotifier> notifiers(ArmSmmuDomain d) {
        List<ArmSmmuMmuNotifier> out = new ArrayList<>();
        for (Object o : d.mmuNotifiers) out.add((ArmSmmuMmuNotifier) o);
        return out;
    }

    /**
     * The mms {@code m} is bound to, by PASID: through its bonds (v6.8, v6.10), or (6.11+, no
     * bonds) through the SVA domains in its group's pasid_array whose own list has (m, pasid).
     */
    static java.util.SortedMap<Integer, org.smmubench.mm.Mm> boundMms(ArmSmmuMaster m) {
        java.util.SortedMap<Integer, org.smmubench.mm.Mm> bound = new java.util.TreeMap<>();
        for (ArmSmmuBond b : bonds(m)) {
            if (b.mm != null && b.mm.mmGetEnqcmdPasid() > 0) bound.putIfAbsent(b.mm.mmGetEnqcmdPasid(), b.mm);
        }
        if (m.dev.group != null) {
            for (var e : m.dev.group.pasidArray.entrySet()) {
                if (e.getValue() instanceof ArmSmmuDomain d && d.type == org.smmubench.iommu.IommuDomainType.SVA
                        && d.mm != null && onList(d, m, e.getKey())) {
                    bound.putIfAbsent(e.getKey(), d.mm);
                }
            }
        }
        return bound;
    }

    /** Whether the 6.11+ domain's list has the entry (m, ssid). */
    static boolean onList(ArmSmmuDomain d, ArmSmmuMaster m, int ssid) {
        for (org.smmubench.driver.ArmSmmuMasterDomain md : d.masterDomains) if (md.master == m && md.ssid == ssid) return true;
        return false;
    }

    /**
     * The mm whose page tables an ASID's context translates: a shared CD's mm (v6.8, v6.10), or
     * the mm of the 6.11+ SVA domain owning the ASID; null for a DMA domain's private ASID.
     */
    static org.smmubench.mm.Mm asidMm(org.smmubench.driver.CtxDesc ctx) {
        if (ctx.mm != null) return ctx.mm;
        ArmSmmuDomain d = ctx.ownerDomain;
        return d != null && d.type == org.smmubench.iommu.IommuDomainType.SVA ? d.mm : null;
    }

    /** The master's bonds, read-only and not copied (the full walks ask for every master's after every step). */
    @SuppressWarnings("unchecked")
    static List<ArmSmmuBond> bonds(ArmSmmuMaster m) {
        if (m.bonds.isEmpty()) return List.of();
        for (Object o : m.bonds) ArmSmmuBond.class.cast(o); // the list holds bonds only
        return java.util.Collections.unmodifiableList((List<ArmSmmuBond>) (List<?>) m.bonds);
    }

    /**
     * Notifiers on some domain list, then those only a bond or an mm subscription still
     * reaches (a leak or a dangling pointer), without repeats.
     */
    static List<ArmSmmuMmuNotifier> reachableNotifiers(World w) {
        Walks c = walks(w);
        if (c == null) return walkReachableNotifiers(w);
        if (c.reachableNotifiers == null) c.reachableNotifiers = List.copyOf(walkReachableNotifiers(w));
        return c.reachableNotifiers;
    }

    private static List<ArmSmmuMmuNotifier> walkReachableNotifiers(World w) {
        Set<ArmSmmuMmuNotifier> set = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ArmSmmuMmuNotifier> out = new ArrayList<>();
        for (ArmSmmuDomain d : ridDomains(w)) for (ArmSmmuMmuNotifier n : notifiers(d)) if (set.add(n)) out.add(n);
        for (ArmSmmuMaster m : liveMasters(w)) {
            for (ArmSmmuBond b : bonds(m)) if (b.smmuMn != null && set.add(b.smmuMn)) out.add(b.smmuMn);
        }
        for (Mm mm : w.mms.all()) {
            for (Object o : mm.subscriptions()) if (o instanceof ArmSmmuMmuNotifier n && set.add(n)) out.add(n);
        }
        return out;
    }

    /** Device names of the masters whose bonds use {@code n}, in probe order. */
    static List<String> bondHolders(World w, ArmSmmuMmuNotifier n) {
        return bondHolders(liveMasters(w), n);
    }

    /**
     * {@link #bondHolders(List, ArmSmmuMmuNotifier)} for every notifier at once, from one pass
     * over the masters' bonds (asking per notifier costs notifiers × bonds, quadratic in the
     * processes bound to one device). A notifier no bond uses is absent.
     */
    static java.util.Map<ArmSmmuMmuNotifier, List<String>> bondHoldersByNotifier(List<ArmSmmuMaster> masters) {
        java.util.Map<ArmSmmuMmuNotifier, List<String>> out = new IdentityHashMap<>();
        for (ArmSmmuMaster m : masters) {
            for (ArmSmmuBond b : bonds(m)) {
                if (b.smmuMn != null) out.computeIfAbsent(b.smmuMn, x -> new ArrayList<>()).add(m.dev.name());
            }
        }
        return out;
    }

    /** As above, among {@code masters} (in probe order). */
    static List<String> bondHolders(List<ArmSmmuMaster> masters, ArmSmmuMmuNotifier n) {
        List<String> out = new ArrayList<>();
        for (ArmSmmuMaster m : masters) {
            for (ArmSmmuBond b : bonds(m)) if (b.smmuMn == n) out.add(m.dev.name());
        }
        return out;
    }

    /** The live mm the core gave PASID {@code pasid}, or null. */
    static Mm mmWithPasid(World w, int pasid) {
        for (Mm mm : w.mms.all()) if (!mm.freed() && mm.pasid == pasid) return mm;
        return null;
    }

    static String mmName(Mm mm) { return mm == null ? "?" : mm.name(); }

    static String domainName(ArmSmmuDomain d) { return domainName(d, d.devices); }

    /** As {@link #domainName(ArmSmmuDomain)}, with the devices list as it was when {@code devices} was copied. */
    static String domainName(ArmSmmuDomain d, List<ArmSmmuMaster> devices) {
        List<String> devs = new ArrayList<>();
        for (ArmSmmuMaster m : devices) devs.add(m.dev.name());
        return "domain #" + d.id() + " (" + (devs.isEmpty() ? "no devices" : String.join(", ", sorted(devs))) + ")";
    }

    static String notifierName(ArmSmmuMmuNotifier n) {
        return "notifier for " + mmName(n.mm()) + " on " + (n.domain == null ? "no domain" : domainName(n.domain));
    }

    /** Lists in sorted order, for set comparisons in messages. */
    static List<String> sorted(List<String> names) {
        List<String> out = new ArrayList<>(new LinkedHashSet<>(names));
        Collections.sort(out);
        return out;
    }
}
