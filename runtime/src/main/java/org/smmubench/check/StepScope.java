package org.smmubench.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.ArmSmmuStream;
import org.smmubench.driver.ArmSmmuV3;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.driver.sva.ArmSmmuMmuNotifier;
import org.smmubench.hw.field.Cd;
import org.smmubench.iommu.Device;
import org.smmubench.iommu.IommuDomain;
import org.smmubench.iommu.IommuGroup;
import org.smmubench.mm.Mm;

/**
 * What one step may have changed, for the incremental checks ({@link IncrementalInvariant}).
 *
 * <p>A master is <em>touched</em> when
 * <ul>
 * <li>a memory store lands in its CD table or its STE (every store goes through
 *     PhysMemory's write listeners, so this part is exact);</li>
 * <li>one of its valid CDs carries an ASID whose arm_smmu_asid_xa entry changed;</li>
 * <li>it is reachable, at the start or the end of the step, from what the step names: the
 *     device's master, its group's devices, the devices of its RID domains, and the devices
 *     of every domain whose notifier the step's mm (or the master's bonds) holds.</li>
 * </ul>
 * A probe names its new device <em>narrowly</em>: its master, and its group and RID domains as
 * units (their own lists, counts and pasid_array), not their other members. Probing joins the
 * new master to the group and to the group's domain; it changes no other member's software
 * state or memory (stores are seen anyway), so reaching every member from every probe would
 * make probing N devices into one group cost N² in every check. A domain with notifiers is
 * still reached whole (notifier-balance counts its bonds over its devices), and a group whose
 * pasid_array or domains changed since a step last looked at it is widened to all its
 * members, since every member's verdict reads them.
 * A DMA step names no device: it runs no driver code that changes software state (the SMMU
 * translates; arm_smmu_evtq_thread only logs what it reads), and whatever the SMMU stores is
 * seen by the write listeners.
 * The last rule is the one assumption: driver code reaches another master's software state
 * (bonds, domain links) only through those pointers, as the kernel's does; what it does to
 * memory is seen whatever the path. {@code --paranoid} (and the test suite) walks everything
 * instead, and a test runs every shipped scenario both ways and requires identical reports.
 *
 * <p>A change to the PASID, exit or free state of a process the step names makes it touch
 * {@link #everything()}: checks look mms up by PASID and excuse the quiesced CDs of exited
 * ones, so such a change can alter a verdict on any master.
 *
 * <p>Within a touched master, {@link #pasids(ArmSmmuMaster)} says which PASIDs the step may
 * have changed, so a check whose verdicts are per (master, PASID) need not walk a master
 * with thousands of live PASIDs: the SSIDs of its CD table stored into, the PASIDs of the
 * bonds added to or removed from its list and of the entries stored into or erased from its
 * group's pasid_array (both lists are watched: WatchedList, WatchedTreeMap), and the SSIDs
 * whose CD carries an ASID whose arm_smmu_asid_xa entry changed. A change these cannot
 * describe makes the master <em>whole</em> (every PASID): the first step that sees it, a
 * store to an L1 descriptor, any free of DMA memory (freed memory reads as zero without a
 * store), a new CD table, L1 array, RID domain or group domain, its release, and, from 6.11,
 * a group holding an arm_smmu SVA domain (whose (master, ssid) list is not watched).
 */
public final class StepScope {
    private final World w;
    private final Set<ArmSmmuMaster> masters = Collections.newSetFromMap(new IdentityHashMap<>());
    /** RID domains reached from the step's subjects (a domain with no devices left is only here). */
    private final Set<ArmSmmuDomain> domains = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Domains reached with all their members (a domain only in {@link #domains} is a unit). */
    private final Set<ArmSmmuDomain> wideDomains = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Groups reached with all their members. */
    private final Set<IommuGroup> wideGroups = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Groups reached as units only (through a probed device). */
    private final Set<IommuGroup> unitGroups = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Per group, what its members' verdicts read from it, when a step last ended touching it. */
    private final Map<IommuGroup, GroupState> groupStates = new IdentityHashMap<>();
    private final List<Device> subjectDevices = new ArrayList<>();
    private final List<Device> probedDevices = new ArrayList<>();
    private final List<Mm> subjectMms = new ArrayList<>();
    private boolean everything;
    /** Probe order of devices and creation order of groups, as the full scans walk them. */
    private final Map<Device, Integer> deviceOrder = new IdentityHashMap<>();
    private final Map<IommuGroup, Integer> groupOrder = new IdentityHashMap<>();
    /** ASID -> masters with a valid CD carrying it -> those CDs' SSIDs (from dword-0 stores; a superset is harmless). */
    private final Map<Integer, Map<ArmSmmuMaster, Set<Integer>>> asidHolders = new HashMap<>();
    /** Per master: SSID -> ASID of each CD stored valid, to drop masters from asidHolders. */
    private final Map<ArmSmmuMaster, Map<Integer, Integer>> cdAsids = new IdentityHashMap<>();
    /** The named processes' state when the step began. */
    private List<MmState> mmStates = List.of();
    private int nextOrder;
    /**
     * The sorted answers, computed once per step: every incremental check asks for them, and
     * sorting a large group's masters for each would cost more than the checks. Kept only
     * while the machine is frozen (the after-step checks), dropped whenever the scope grows.
     */
    private List<ArmSmmuMaster> liveMastersCache, mastersCache;
    private List<IommuGroup> groupsCache;
    private List<ArmSmmuDomain> domainsCache;
    private final Map<ArmSmmuMaster, java.util.SortedSet<Integer>> pasidsCache = new IdentityHashMap<>();

    private record MmState(Mm mm, int pasid, boolean exited, boolean freed) {}

    /** Masters whose bond list this scope watches (from the first step that touched them). */
    private final Set<ArmSmmuMaster> watchedMasters = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Groups whose pasid_array this scope watches, each with the indices holding an arm_smmu (6.11+ SVA) domain. */
    private final Map<IommuGroup, Set<Integer>> watchedGroups = new IdentityHashMap<>();
    /** Per master: the PASIDs the step changed in its CD table, bonds or CDs' ASIDs (see pasids()). */
    private final Map<ArmSmmuMaster, Set<Integer>> dirtyPasids = new IdentityHashMap<>();
    /** Per master: the bonds added or removed this step (their PASIDs are read again at the end). */
    private final Map<ArmSmmuMaster, List<ArmSmmuBond>> changedBonds = new IdentityHashMap<>();
    /** Per group: the pasid_array indices stored or erased this step. */
    private final Map<IommuGroup, Set<Integer>> dirtyKeys = new IdentityHashMap<>();
    /** Masters and groups every PASID of which the step may have changed (see the class comment). */
    private final Set<ArmSmmuMaster> wholeMasters = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<IommuGroup> wholeGroups = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Per master: its layout when a step last ended touching it; any difference makes it whole. */
    private final Map<ArmSmmuMaster, Layout> layouts = new IdentityHashMap<>();

    /** A master's CD table layout, its domains and liveness, and the DMA frees so far. */
    private record Layout(Object cdtab, Object l1Desc, boolean live, IommuDomain domain, IommuGroup group,
                          IommuDomain groupDomain, IommuDomain groupDefault, long frees) {
        static Layout of(World w, ArmSmmuMaster m) {
            IommuGroup g = m.dev.group;
            return new Layout(m.cdTable.cdtab, m.cdTable.l1Desc, m.live, m.domain, g,
                    g == null ? null : g.domain, g == null ? null : g.defaultDomain, w.mem.freeCount());
        }

        boolean same(Layout o) {
            return cdtab == o.cdtab && l1Desc == o.l1Desc && live == o.live && domain == o.domain && group == o.group
                    && groupDomain == o.groupDomain && groupDefault == o.groupDefault && frees == o.frees;
        }
    }

    /**
     * A group's RID domains when a step last ended touching it. Its pasid_array is watched
     * instead of copied (a copy per step costs one entry per live PASID): the indices stored or
     * erased are in {@link #dirtyKeys}.
     */
    private record GroupState(IommuDomain domain, IommuDomain defaultDomain, int devices) {
        static GroupState of(IommuGroup g) {
            return new GroupState(g.domain, g.defaultDomain, g.devices.size());
        }

        boolean same(IommuGroup g) {
            return g.domain == domain && g.defaultDomain == defaultDomain;
        }
    }

    private StepScope(World w) {
        this.w = w;
    }

    /** The bench's scope; installs its listeners on first use. */
    public static StepScope of(World w) {
        return w.shared(StepScope.class, () -> {
            StepScope s = new StepScope(w);
            s.attach();
            return s;
        });
    }

    private void attach() {
        w.mem.addWriteListener((pa, oldValue, newValue) -> onStore(pa, newValue));
        // An mm gets its PASID only from the global allocator (iommu_alloc_mm_data): a change
        // there, for a process the step names or not, may change any master's verdicts.
        w.core.observeGlobalPasids(p -> {
            everything = true;
            changed();
        });
        w.driver.asidXa.addChangeObserver(asid -> {
            Map<ArmSmmuMaster, Set<Integer>> h = asidHolders.get(asid);
            if (h == null) return;
            for (Map.Entry<ArmSmmuMaster, Set<Integer>> e : h.entrySet()) {
                if (masters.add(e.getKey())) changed();
                dirty(e.getKey()).addAll(e.getValue());
            }
        });
    }

    private void onStore(long pa, long newValue) {
        var word = CdTableIndex.of(w).locate(w, pa);
        if (word.isPresent()) {
            ArmSmmuMaster m = word.get().master();
            if (masters.add(m)) changed();
            if (word.get().l1()) wholeMasters.add(m);
            else dirty(m).add(word.get().index());
            if (!word.get().l1() && word.get().dword() == 0) trackAsid(m, word.get().index(), newValue);
            return;
        }
        ArmSmmuStream s = SteIndex.of(w).streamAt(w, pa);
        if (s != null && masters.add(s.master())) changed();
    }

    private void changed() {
        pasidsCache.clear();
        liveMastersCache = mastersCache = null;
        groupsCache = null;
        domainsCache = null;
    }

    private void trackAsid(ArmSmmuMaster m, int ssid, long d0) {
        Map<Integer, Integer> mine = cdAsids.computeIfAbsent(m, x -> new HashMap<>());
        Integer old = Cd.V.isSet(d0) ? mine.put(ssid, CdSlots.asid(d0)) : mine.remove(ssid);
        if (old != null) {
            Map<ArmSmmuMaster, Set<Integer>> h = asidHolders.get(old);
            Set<Integer> ssids = h == null ? null : h.get(m);
            if (ssids != null && ssids.remove(ssid) && ssids.isEmpty()) h.remove(m);
        }
        if (Cd.V.isSet(d0)) {
            asidHolders.computeIfAbsent(CdSlots.asid(d0), a -> new IdentityHashMap<>()).computeIfAbsent(m, x -> new HashSet<>()).add(ssid);
        }
    }

    /** The PASIDs of {@code m} this step changed so far. */
    private Set<Integer> dirty(ArmSmmuMaster m) {
        return dirtyPasids.computeIfAbsent(m, x -> new HashSet<>());
    }

    /** Starts watching {@code m}'s bond list; true the first time (the step then judges it whole). */
    private boolean watch(ArmSmmuMaster m) {
        if (!watchedMasters.add(m)) return false;
        m.bonds.watch((o, joined) -> {
            if (masters.add(m)) changed();
            changedBonds.computeIfAbsent(m, x -> new ArrayList<>()).add((ArmSmmuBond) o);
            int p = bondPasid((ArmSmmuBond) o);
            if (p > 0) dirty(m).add(p);
            else wholeMasters.add(m); // a bond without a PASID is judged by no PASID's verdict
        });
        return true;
    }

    /** Starts watching {@code g}'s pasid_array; true the first time (its members are then judged whole). */
    private boolean watch(IommuGroup g) {
        if (watchedGroups.containsKey(g)) return false;
        Set<Integer> arm = new HashSet<>();
        g.pasidArray.forEach((p, d) -> {
            if (d instanceof ArmSmmuDomain) arm.add(p);
        });
        watchedGroups.put(g, arm);
        g.pasidArray.watch(p -> {
            dirtyKeys.computeIfAbsent(g, x -> new HashSet<>()).add(p);
            if (g.pasidArray.get(p) instanceof ArmSmmuDomain) arm.add(p);
            else arm.remove(p);
        });
        return true;
    }

    private static int bondPasid(ArmSmmuBond b) {
        return b.mm == null ? -1 : b.mm.mmGetEnqcmdPasid();
    }

    // ------------------------------------------------------------------ driven by the bench

    /** A step naming these devices and processes begins: what they reach now may change. */
    public void begin(List<Device> devices, List<Mm> mms) {
        subjectDevices.addAll(devices);
        subjectMms.addAll(mms);
        mmStates = mmStates();
        reach();
    }

    /** A probe of {@code dev} begins: it reaches the new master, and its group and domains as units. */
    public void beginProbe(Device dev) {
        probedDevices.add(dev);
        mmStates = mmStates();
        reach();
    }

    /**
     * The step ended: add what its subjects reach now, and any mm state change; widen to all
     * members a group reached as a unit or through one master whose own state changed.
     */
    public void end() {
        reach();
        if (!mmStates().equals(mmStates)) everything = true;
        Set<IommuGroup> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        touched.addAll(unitGroups);
        touched.addAll(dirtyKeys.keySet());
        for (ArmSmmuMaster m : List.copyOf(masters)) if (m.dev.group != null) touched.add(m.dev.group);
        for (IommuGroup g : touched) {
            GroupState was = groupStates.get(g);
            boolean first = watch(g);
            // Group messages name the members: a probe or release changes every index's text.
            if (first || was == null || was.devices() != g.devices.size()) wholeGroups.add(g);
            boolean arrayChanged = first ? !g.pasidArray.isEmpty() : dirtyKeys.containsKey(g);
            if (!wideGroups.contains(g) && (arrayChanged || (was != null && !was.same(g)))) widen(g);
            groupStates.put(g, GroupState.of(g));
        }
        for (ArmSmmuMaster m : masters) {
            Layout now = Layout.of(w, m);
            Layout was = layouts.put(m, now);
            if (watch(m) || was == null || !was.same(now)) wholeMasters.add(m);
        }
        changedBonds.forEach((m, bonds) -> {
            for (ArmSmmuBond b : bonds) {
                int p = bondPasid(b);
                if (p > 0) dirty(m).add(p);
                else wholeMasters.add(m);
            }
        });
    }

    /** After the incremental checks ran: the next step starts clean. */
    public void clear() {
        masters.clear();
        domains.clear();
        wideDomains.clear();
        wideGroups.clear();
        unitGroups.clear();
        subjectDevices.clear();
        probedDevices.clear();
        subjectMms.clear();
        everything = false;
        dirtyPasids.clear();
        changedBonds.clear();
        dirtyKeys.clear();
        wholeMasters.clear();
        wholeGroups.clear();
        changed();
    }

    private void reach() {
        for (Device d : subjectDevices) reachDevice(d);
        for (Device d : probedDevices) reachProbed(d);
        for (Mm mm : subjectMms) {
            for (Object o : mm.subscriptions()) if (o instanceof ArmSmmuMmuNotifier n) addDomain(n.domain);
        }
    }

    private void reachDevice(Device d) {
        ArmSmmuMaster m = ArmSmmuV3.master(d);
        if (m != null) addMaster(m);
        IommuGroup g = d.group;
        if (g == null) return;
        widen(g);
        addDomain(g.domain);
        addDomain(g.defaultDomain);
    }

    /** Every member of {@code g}. */
    private void widen(IommuGroup g) {
        if (!wideGroups.add(g)) return;
        for (Device o : g.devices) {
            ArmSmmuMaster om = ArmSmmuV3.master(o);
            if (om != null) addMaster(om);
        }
    }

    /** A probed device: its master, and its group and domains as units (see the class comment). */
    private void reachProbed(Device d) {
        ArmSmmuMaster m = ArmSmmuV3.master(d);
        if (m != null) {
            if (masters.add(m)) changed();
            addUnitDomain(m.domain);
            for (Object o : m.bonds) {
                if (o instanceof ArmSmmuBond b && b.smmuMn != null) addDomain(b.smmuMn.domain);
            }
        }
        IommuGroup g = d.group;
        if (g == null) return;
        if (unitGroups.add(g)) changed();
        addUnitDomain(g.domain);
        addUnitDomain(g.defaultDomain);
    }

    private void addUnitDomain(IommuDomain d) {
        if (!(d instanceof ArmSmmuDomain a)) return;
        if (!a.mmuNotifiers.isEmpty()) addDomain(a);
        else if (domains.add(a)) changed();
    }

    private void addMaster(ArmSmmuMaster m) {
        if (!masters.add(m)) return;
        changed();
        addDomain(m.domain);
        for (Object o : m.bonds) {
            if (o instanceof ArmSmmuBond b && b.smmuMn != null) addDomain(b.smmuMn.domain);
        }
    }

    private void addDomain(IommuDomain d) {
        if (!(d instanceof ArmSmmuDomain a) || !wideDomains.add(a)) return;
        domains.add(a);
        changed();
        for (ArmSmmuMaster m : a.devices) addMaster(m);
        for (Object o : a.mmuNotifiers) if (o instanceof ArmSmmuMmuNotifier n) addDomain(n.domain);
    }

    /** PASID, exit and free state of the processes the step names. */
    private List<MmState> mmStates() {
        List<MmState> out = new ArrayList<>();
        for (Mm mm : subjectMms) out.add(new MmState(mm, mm.pasid, mm.exited(), mm.freed()));
        return out;
    }

    // ------------------------------------------------------------------ read by the checks

    /** The processes the step names (bind, unbind, map, unmap, exit, a new process). */
    public List<Mm> mms() { return Collections.unmodifiableList(subjectMms); }

    /** True when the step must be checked as a whole (a full scan). */
    public boolean everything() { return everything; }

    /**
     * The PASIDs of touched master {@code m} whose per-(master, PASID) verdicts the step may
     * have changed, in order; null when every PASID of {@code m} must be judged (see the class
     * comment). Its own CD slots, bonds and CDs' ASIDs, and its group's pasid_array indices.
     */
    public java.util.SortedSet<Integer> pasids(ArmSmmuMaster m) {
        IommuGroup g = m.dev.group;
        // Not watched yet: from now on it is, and in this step every PASID is judged.
        if (watch(m)) wholeMasters.add(m);
        if (g != null && watch(g)) wholeGroups.add(g);
        if (everything || wholeMasters.contains(m)) return null;
        if (g != null && (wholeGroups.contains(g) || !watchedGroups.get(g).isEmpty())) return null;
        // Asked by several checks per step: sorted once while the machine is frozen.
        java.util.SortedSet<Integer> cached = w.frozen() ? pasidsCache.get(m) : null;
        if (cached != null) return cached;
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>(dirtyPasids.getOrDefault(m, Set.of()));
        if (g != null) out.addAll(dirtyKeys.getOrDefault(g, Set.of()));
        java.util.SortedSet<Integer> view = Collections.unmodifiableSortedSet(out);
        if (w.frozen()) pasidsCache.put(m, view);
        return view;
    }

    /**
     * The pasid_array indices of touched group {@code g} the step stored or erased, in order;
     * null when every index must be judged (the first step that watched it, or everything).
     */
    public java.util.SortedSet<Integer> pasidArrayChanges(IommuGroup g) {
        if (watch(g)) wholeGroups.add(g);
        if (everything || wholeGroups.contains(g)) return null;
        return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(dirtyKeys.getOrDefault(g, Set.of())));
    }

    /** The touched masters that are still live, in probe order (the order full scans report in). */
    public List<ArmSmmuMaster> liveMasters() {
        if (liveMastersCache != null && w.frozen()) return liveMastersCache;
        List<ArmSmmuMaster> out = new ArrayList<>();
        for (ArmSmmuMaster m : masters()) if (m.live) out.add(m);
        out = List.copyOf(out);
        if (w.frozen()) liveMastersCache = out;
        return out;
    }

    /** Every touched master, released or not, in probe order. */
    public List<ArmSmmuMaster> masters() {
        if (mastersCache != null && w.frozen()) return mastersCache;
        List<ArmSmmuMaster> out = new ArrayList<>(masters);
        out.sort(Comparator.comparingInt(m -> deviceOrder(m.dev)));
        List<ArmSmmuMaster> sorted = List.copyOf(out);
        if (w.frozen()) mastersCache = sorted;
        return sorted;
    }

    /** The groups of the touched masters, in the core's group order. */
    public List<IommuGroup> groups() {
        if (groupsCache != null && w.frozen()) return groupsCache;
        Set<IommuGroup> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(unitGroups);
        for (ArmSmmuMaster m : masters) if (m.dev.group != null) set.add(m.dev.group);
        List<IommuGroup> out = new ArrayList<>(set);
        out.sort(Comparator.comparingInt(this::groupOrder));
        List<IommuGroup> sorted = List.copyOf(out);
        if (w.frozen()) groupsCache = sorted;
        return sorted;
    }

    /**
     * The devices of touched group {@code g} whose verdicts may have changed, in the group's
     * order: all of them when the step reached the group whole (or touched everything), else
     * those of its members the step touched (a probe: the new device; a store: its master's).
     */
    public List<Device> members(IommuGroup g) {
        if (everything || wideGroups.contains(g)) return g.devices;
        List<Device> out = new ArrayList<>();
        for (ArmSmmuMaster m : masters) if (m.dev.group == g) out.add(m.dev);
        if (out.size() > 1) out.sort(Comparator.comparingInt(this::deviceOrder)); // a group's devices are in probe order
        return out;
    }

    /**
     * The RID domains touched: reached from the subjects, the touched masters' domains and
     * their groups' domains, ordered by domain id (as full walks order them).
     */
    public List<ArmSmmuDomain> domains() {
        if (domainsCache != null && w.frozen()) return domainsCache;
        Set<ArmSmmuDomain> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(domains);
        for (ArmSmmuMaster m : masters) {
            if (m.live && m.domain != null) set.add(m.domain);
            IommuGroup g = m.dev.group;
            if (g != null && g.defaultDomain instanceof ArmSmmuDomain a) set.add(a);
            if (g != null && g.domain instanceof ArmSmmuDomain a) set.add(a);
        }
        List<ArmSmmuDomain> out = new ArrayList<>(set);
        out.sort(Comparator.comparingInt(ArmSmmuDomain::id));
        List<ArmSmmuDomain> sorted = List.copyOf(out);
        if (w.frozen()) domainsCache = sorted;
        return sorted;
    }

    /**
     * The notifiers touched, in the order full walks reach them: those on the touched
     * domains' lists, then those only a touched master's bond reaches, then those only the
     * step's processes' subscriptions reach.
     */
    public List<ArmSmmuMmuNotifier> notifiers() {
        Set<ArmSmmuMmuNotifier> set = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ArmSmmuMmuNotifier> out = new ArrayList<>();
        for (ArmSmmuDomain d : domains()) for (Object o : d.mmuNotifiers) if (set.add((ArmSmmuMmuNotifier) o)) out.add((ArmSmmuMmuNotifier) o);
        for (ArmSmmuMaster m : liveMasters()) {
            for (Object o : m.bonds) if (o instanceof ArmSmmuBond b && b.smmuMn != null && set.add(b.smmuMn)) out.add(b.smmuMn);
        }
        for (Mm mm : subjectMms) {
            for (Object o : mm.subscriptions()) if (o instanceof ArmSmmuMmuNotifier n && set.add(n)) out.add(n);
        }
        return out;
    }

    /** The probed devices of the touched masters, in probe order (released ones excluded). */
    public List<Device> devices() {
        List<Device> out = new ArrayList<>();
        for (ArmSmmuMaster m : masters) if (deviceOrder(m.dev) >= 0) out.add(m.dev);
        out.sort(Comparator.comparingInt(this::deviceOrder));
        return out;
    }

    /** Position in w.core.devices(), or -1 once released. New devices are appended, so only they are looked up. */
    int deviceOrder(Device d) {
        Integer i = deviceOrder.get(d);
        if (i == null) {
            // Devices are appended at probe, so the unknown ones are the list's tail: numbering
            // them in list order keeps probe order without a walk of every device.
            List<Device> all = w.core.devicesView();
            int from = all.size();
            while (from > 0 && !deviceOrder.containsKey(all.get(from - 1))) from--;
            for (int k = from; k < all.size(); k++) deviceOrder.put(all.get(k), nextOrder++);
            i = deviceOrder.get(d);
            if (i == null) return -1;
        }
        return i;
    }

    /** Position in w.core.groups() (groups are never removed). */
    int groupOrder(IommuGroup g) {
        Integer i = groupOrder.get(g);
        if (i == null && groupOrder.size() == w.core.groupCount() - 1) {
            // Every other group is numbered already (groups are never removed): g is the newest.
            groupOrder.put(g, i = nextOrder++);
        }
        if (i == null) {
            for (IommuGroup o : w.core.groups()) if (!groupOrder.containsKey(o)) groupOrder.put(o, nextOrder++);
            i = groupOrder.get(g);
            if (i == null) return Integer.MAX_VALUE;
        }
        return i;
    }
}
