package org.smmubench.check;

import org.smmubench.kernel.Violation;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.smmubench.driver.ArmSmmuDomain;
import org.smmubench.driver.ArmSmmuMaster;
import org.smmubench.driver.CtxDesc;
import org.smmubench.driver.sva.ArmSmmuBond;
import org.smmubench.driver.sva.ArmSmmuMmuNotifier;
import org.smmubench.hw.Command;
import org.smmubench.hw.CommandListener;
import org.smmubench.hw.field.Cd;
import org.smmubench.hw.field.Cmd;
import org.smmubench.hw.field.Opcode;
import org.smmubench.mm.Mm;
import org.smmubench.kernel.Hex;

/**
 * asid-unique (I11): arm_smmu_asid_xa is injective (each ctx_desc under exactly its own
 * asid), every ASID is in [1, 2^asid_bits - 1], every live S1 domain's private CD and every
 * shared CD is in it, and no private ASID equals the CPU ASID of a bound mm (share_asid
 * moves the private CD first). The move itself is watched in memory: when a live CD's ASID
 * is rewritten (case 3 of arm_smmu_write_ctx_desc), the old ASID may tag TLB entries until a
 * TLBI by ASID completes (CMD_SYNC); installing a CD with that ASID before then is reported.
 * So is installing a CD whose ASID another live CD holds with other page tables (TTB0), the
 * window 9f7c68911579 closed: the SMMU would then translate one ASID two ways.
 */
public final class AsidUnique implements IncrementalInvariant {
    private static final String WRITER = "arm_smmu_write_ctx_desc";
    /** ASIDs moved away from a live CD and not yet TLB-invalidated, with what moved. */
    private final Map<Integer, String> movedAway = new LinkedHashMap<>();
    /** TLBI-by-ASID commands consumed since the last CMD_SYNC completed. */
    private final Set<Integer> tlbiPending = new LinkedHashSet<>();
    /**
     * Every 64-byte-aligned address whose dword 0 was last stored with V = 1, by the ASID it
     * then held and the TTB0 its dword 1 holds (re-filed when dword 1 is stored): the
     * candidates for {@link #twoTranslations} are then the CDs of its ASID filed under another
     * TTB0, so installing a CD costs the conflicting CDs, not every CD of the ASID (binding one
     * mm to a group of N installs N CDs with one ASID and one TTB0) nor a walk of every
     * master's CD table. Memory is never reused and a free only zeroes, so every live CD is
     * here under the TTB0 memory holds for it; an entry whose memory was freed or rewritten
     * since is filtered out when read (and a freed one dropped).
     */
    private final Map<Integer, Map<Long, java.util.NavigableSet<Long>>> validByAsid = new java.util.HashMap<>();
    /** Where each indexed CD address is filed: {ASID, TTB0} (64-byte aligned keys: HPPC's mixing hash spreads them). */
    private final com.carrotsearch.hppc.LongObjectHashMap<long[]> filed = new com.carrotsearch.hppc.LongObjectHashMap<>();
    /** The incremental form's memory of the xarray, the RID domains and the bindings. */
    private final AsidUniqueState state = new AsidUniqueState();

    @Override
    public String id() { return "asid-unique"; }

    @Override
    public void attach(World w, Consumer<Violation> sink) {
        state.attach(w);
        w.mem.addWriteListener((pa, oldValue, newValue) -> onStore(w, pa, oldValue, newValue, sink));
        w.hw.addCommandListener(new CommandListener() {
            @Override
            public void onCommand(Command c) {
                if (c.is(Opcode.TLBI_NH_ASID) || c.is(Opcode.TLBI_EL2_ASID)) tlbiPending.add((int) c.get(Cmd.ASID));
            }

            @Override
            public void onSyncComplete(Command sync) {
                movedAway.keySet().removeAll(tlbiPending);
                tlbiPending.clear();
            }
        });
    }

    /** A dword-0 store by arm_smmu_write_ctx_desc itself (CDs are 64-byte aligned; dwords 1-3 are not). */
    private void onStore(World w, long pa, long oldValue, long newValue, Consumer<Violation> sink) {
        if ((pa & (Cd.BYTES - 1)) == 8) {
            long[] at = filed.get(pa - 8);
            if (at != null) file(pa - 8, (int) at[0], Cd.TTB0.extract(newValue));
            return;
        }
        if ((pa & (Cd.BYTES - 1)) != 0) return;
        index(w, pa, newValue);
        List<String> bt = w.kernel.backtrace();
        if (bt.isEmpty() || !bt.get(0).equals(WRITER)) return;
        boolean oldV = Cd.V.isSet(oldValue);
        boolean newV = Cd.V.isSet(newValue);
        int oldAsid = CdSlots.asid(oldValue);
        int newAsid = CdSlots.asid(newValue);
        CdSlots.Slot slot = CdSlots.locate(w, pa);
        String where = slot == null ? "PA " + Hex.of(pa) : slot.master().dev.name() + ": PASID " + Hex.of(slot.ssid());
        if (oldV && newV && oldAsid != newAsid) {
            movedAway.put(oldAsid, "the CD at " + where + " moved from ASID " + oldAsid + " to " + newAsid);
        }
        if (newV && (!oldV || oldAsid != newAsid)) twoTranslations(w, pa, newAsid, where, bt, sink);
        if (newV && (!oldV || oldAsid != newAsid) && movedAway.containsKey(newAsid)) {
            sink.accept(new Violation(id(), where + ": CD installed with ASID " + newAsid + " after " + movedAway.get(newAsid)
                    + "; expected a TLBI by ASID " + newAsid + " and CMD_SYNC before reuse, found none",
                    bt, w.kernel.heldLockNames(), ""));
        }
    }

    private void index(World w, long pa, long newValue) {
        unfile(pa);
        if (Cd.V.isSet(newValue)) file(pa, CdSlots.asid(newValue), w.mem.isAllocated(pa + 8) ? Cd.TTB0.extract(w.mem.read64(pa + 8)) : 0);
    }

    private void file(long pa, int asid, long ttb0) {
        unfile(pa);
        filed.put(pa, new long[] {asid, ttb0});
        validByAsid.computeIfAbsent(asid, a -> new java.util.HashMap<>()).computeIfAbsent(ttb0, t -> new java.util.TreeSet<>()).add(pa);
    }

    private void unfile(long pa) {
        long[] at = filed.remove(pa);
        if (at == null) return;
        Map<Long, java.util.NavigableSet<Long>> byTtb0 = validByAsid.get((int) at[0]);
        java.util.NavigableSet<Long> set = byTtb0.get(at[1]);
        set.remove(pa);
        if (set.isEmpty()) byTtb0.remove(at[1]);
        if (byTtb0.isEmpty()) validByAsid.remove((int) at[0]);
    }

    /**
     * The hardware's view when a CD goes live with {@code asid}: another CD the SMMU can reach
     * now (valid, in the table of a master whose STE is a valid stage-1 one) with the same ASID
     * but other page tables (TTB0) lets TLB entries filled through one translate for the other.
     * The first such CD in master, then SSID order is reported, as a walk of every table would.
     */
    private void twoTranslations(World w, long pa, int asid, String where, List<String> bt, Consumer<Violation> sink) {
        long ttb0 = Cd.TTB0.extract(w.mem.read64(pa + 8));
        Conflict found = null;
        List<ArmSmmuMaster> order = null;
        List<Long> candidates = new ArrayList<>();
        validByAsid.getOrDefault(asid, Map.of()).forEach((filedTtb0, pas) -> {
            if (filedTtb0 != ttb0) candidates.addAll(pas);
        });
        for (long other : candidates) {
            if (other == pa) continue;
            if (!w.mem.isAllocated(other)) {
                unfile(other); // freed memory is never handed out again
                continue;
            }
            long d0 = w.mem.read64(other);
            if (!Cd.V.isSet(d0) || CdSlots.asid(d0) != asid) continue;
            long otherTtb0 = Cd.TTB0.extract(w.mem.read64(other + 8));
            if (otherTtb0 == ttb0) continue;
            CdSlots.Slot slot = CdSlots.locate(w, other);
            if (slot == null || !reachableS1(w, slot.master())) continue;
            if (order == null) order = HwMasters.all(w);
            Conflict c = new Conflict(order.indexOf(slot.master()), slot, otherTtb0);
            if (found == null || c.before(found)) found = c;
        }
        if (Checking.defaultMode() == Checking.CROSS_CHECK && Checking.compareNow(w)) crossCheck(w, pa, asid, ttb0, found);
        if (found == null) return;
        sink.accept(new Violation(id(), where + ": CD installed with ASID " + asid + " (TTB0 " + Hex.of(ttb0) + ") while "
                + found.slot.master().dev.name() + "'s live CD at PASID " + Hex.of(found.slot.ssid()) + " holds ASID " + asid
                + " with TTB0 " + Hex.of(found.ttb0) + "; expected one ASID to name one set of page tables",
                bt, w.kernel.heldLockNames(), ""));
    }

    private record Conflict(int masterPos, CdSlots.Slot slot, long ttb0) {
        boolean before(Conflict o) {
            return masterPos != o.masterPos ? masterPos < o.masterPos : slot.ssid() < o.slot.ssid();
        }
    }

    /**
     * The test suite's cross-check: the walk of every master's valid CDs this index replaced
     * must find the same first conflict.
     */
    private static void crossCheck(World w, long pa, int asid, long ttb0, Conflict found) {
        for (ArmSmmuMaster m : HwMasters.all(w)) {
            if (!m.live || !reachableS1(w, m)) continue;
            for (Map.Entry<Integer, Long> e : CdSlots.validCds(m).entrySet()) {
                long other = e.getValue();
                if (other == pa) continue;
                long d0 = w.mem.read64(other);
                long otherTtb0 = Cd.TTB0.extract(w.mem.read64(other + 8));
                if (CdSlots.asid(d0) != asid || otherTtb0 == ttb0) continue;
                if (found == null || found.slot.master() != m || found.slot.ssid() != e.getKey())
                    throw new IllegalStateException("asid-unique: the ASID index found " + (found == null ? "no conflict"
                            : found.slot.master().dev.name() + " PASID " + found.slot.ssid()) + ", the full walk "
                            + m.dev.name() + " PASID " + e.getKey());
                return;
            }
        }
        if (found != null) throw new IllegalStateException("asid-unique: the ASID index found " + found.slot.master().dev.name()
                + " PASID " + found.slot.ssid() + ", the full walk no conflict");
    }

    /** Whether some stream of the master has a valid stage-1 STE in memory (so its CDs are live). */
    private static boolean reachableS1(World w, ArmSmmuMaster m) {
        for (int sid : HwMasters.sids(m)) {
            org.smmubench.hw.SteView ste = w.hw.readSteFromMemory(sid);
            if (ste.usable() && ste.isS1()) return true;
        }
        return false;
    }

    @Override
    public void afterStep(World w, Consumer<Violation> sink) {
        Map<Integer, CtxDesc> xa = w.driver.asidXa.entries();
        int max = maxAsid(w);
        Map<CtxDesc, Integer> firstIndex = new IdentityHashMap<>(xa.size()); // sized: regrowing it every step was a fifth of a 1,024-device step
        for (Map.Entry<Integer, CtxDesc> e : xa.entrySet()) {
            int index = e.getKey();
            CtxDesc cd = e.getValue();
            Integer prev = firstIndex.putIfAbsent(cd, index);
            checkEntry(w, index, cd, prev == null ? index : prev, max, sink);
        }
        // A list for the report order, a set for "already in" (one private CD per domain: a
        // list lookup per notifier would cost domains x notifiers).
        List<CtxDesc> mustBeIn = new ArrayList<>();
        List<ArmSmmuDomain> domains = SvaState.ridDomains(w);
        List<ArmSmmuMmuNotifier> notifiers = SvaState.reachableNotifiers(w);
        Set<CtxDesc> listed = java.util.Collections.newSetFromMap(new IdentityHashMap<>(domains.size() + notifiers.size()));
        for (ArmSmmuDomain d : domains) {
            if (d.smmu != null && d.stage == ArmSmmuDomain.Stage.S1 && d.cd.asid != 0 && listed.add(d.cd)) mustBeIn.add(d.cd);
        }
        for (ArmSmmuMmuNotifier n : notifiers) {
            if (!n.isFreed() && n.cd != null && listed.add(n.cd)) mustBeIn.add(n.cd);
        }
        for (CtxDesc cd : mustBeIn) checkInXa(w, cd, sink);
        Set<Mm> bound = new LinkedHashSet<>();
        for (ArmSmmuMaster m : SvaState.liveMasters(w)) for (ArmSmmuBond b : SvaState.bonds(m)) if (b.mm != null) bound.add(b.mm);
        Map<Integer, List<Mm>> boundByAsid = byCpuAsid(bound);
        for (ArmSmmuDomain d : SvaState.ridDomains(w)) {
            if (d.smmu == null || d.stage != ArmSmmuDomain.Stage.S1 || d.cd.asid == 0) continue;
            checkCpuAsid(w, d, boundByAsid, sink);
        }
    }

    /**
     * The same verdicts on what the step touched (see AsidUniqueState for why nothing else
     * can report anything new): the xarray indices stored or erased, and every index of a CD
     * that moved or whose domain the step touched; the domains the step touched, owning a
     * moved CD, or filed under a changed index; every reachable notifier's CD (reached from
     * the domains, masters and mms holding bindings, so at the cost of those); and the
     * domains whose ASID is the CPU ASID of an mm bound this step. Reported in the full
     * walk's order.
     */
    @Override
    public void afterStep(World w, StepScope scope, Consumer<Violation> sink) {
        if (scope.everything() || !state.ready()) {
            afterStep(w, sink);
            state.rebuild(w, scope);
            return;
        }
        AsidUniqueState.Delta delta = state.update(w, scope);
        Map<Integer, CtxDesc> xa = w.driver.asidXa.entries();
        int max = maxAsid(w);
        for (int index : delta.dirtyIndices()) {
            CtxDesc cd = xa.get(index);
            if (cd != null) checkEntry(w, index, cd, state.firstIndex(cd), max, sink);
        }
        Set<ArmSmmuDomain> touched = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        touched.addAll(scope.domains());
        for (CtxDesc cd : delta.movedCds()) if (cd.ownerDomain != null && cd.ownerDomain.cd == cd) touched.add(cd.ownerDomain);
        Set<ArmSmmuDomain> forXa = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        forXa.addAll(touched);
        for (int index : delta.dirtyIndices()) forXa.addAll(state.privateOwners(index));
        for (ArmSmmuDomain d : members(forXa)) checkInXa(w, d.cd, sink);
        Set<CtxDesc> listed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (ArmSmmuMmuNotifier n : delta.notifiers()) {
            if (n.isFreed() || n.cd == null || !listed.add(n.cd)) continue;
            // The full walk lists each CD once, a member domain's own CD with the domains.
            CtxDesc cd = n.cd;
            if (cd.ownerDomain != null && cd.ownerDomain.cd == cd && state.member(cd.ownerDomain)) continue;
            checkInXa(w, cd, sink);
        }
        Set<ArmSmmuDomain> forCpuAsid = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        forCpuAsid.addAll(touched);
        for (Mm mm : delta.newlyBound()) forCpuAsid.addAll(state.privateOwners(mm.cpuAsid()));
        List<ArmSmmuDomain> judged = members(forCpuAsid);
        // Every bound mm by CPU ASID only when a domain is judged: a DMA step judges none.
        Map<Integer, List<Mm>> boundByAsid = judged.isEmpty() ? Map.of() : byCpuAsid(delta.bound());
        for (ArmSmmuDomain d : judged) checkCpuAsid(w, d, boundByAsid, sink);
    }

    /** Those of {@code domains} whose CD the full walk judges, by domain id (its order). */
    private List<ArmSmmuDomain> members(Set<ArmSmmuDomain> domains) {
        List<ArmSmmuDomain> out = new ArrayList<>();
        for (ArmSmmuDomain d : domains) if (state.member(d)) out.add(d);
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return out;
    }

    private static int maxAsid(World w) { return (1 << w.driver.smmu.asidBits) - 1; }

    /** One xarray entry: its index in range, the CD's own ASID, and no earlier index ({@code first}) holding it. */
    private void checkEntry(World w, int index, CtxDesc cd, int first, int max, Consumer<Violation> sink) {
        // Described only when reported: naming a private CD lists its domain's devices.
        if (index < 1 || index > max) {
            sink.accept(Violation.ofState(id(), describe(w, cd) + ": expected an ASID in [1, " + max + "], found " + index));
        }
        if (cd.asid != index) {
            sink.accept(Violation.ofState(id(), "arm_smmu_asid_xa[" + index + "]: expected the ctx_desc with ASID " + index
                    + ", found " + describe(w, cd)));
        }
        if (first != index) {
            sink.accept(Violation.ofState(id(), describe(w, cd) + ": expected under one index of arm_smmu_asid_xa, found under " + first + " and " + index));
        }
    }

    /** A CD that must be in the xarray is there under its own ASID. */
    private void checkInXa(World w, CtxDesc cd, Consumer<Violation> sink) {
        CtxDesc at = w.driver.asidXa.load(cd.asid);
        if (at != cd) {
            sink.accept(Violation.ofState(id(), describe(w, cd) + ": expected in arm_smmu_asid_xa under " + cd.asid
                    + ", found " + (at == null ? "nothing" : describe(w, at))));
        }
    }

    /** By CPU ASID, each in bind order: a domain then costs the mms sharing its ASID, not all of them. */
    private static Map<Integer, List<Mm>> byCpuAsid(java.util.Collection<Mm> bound) {
        Map<Integer, List<Mm>> out = new java.util.HashMap<>();
        for (Mm mm : bound) out.computeIfAbsent(mm.cpuAsid(), a -> new ArrayList<>()).add(mm);
        return out;
    }

    /** A live S1 domain's private ASID is no bound mm's CPU ASID. */
    private void checkCpuAsid(World w, ArmSmmuDomain d, Map<Integer, List<Mm>> boundByAsid, Consumer<Violation> sink) {
        for (Mm mm : boundByAsid.getOrDefault(d.cd.asid, List.of())) {
            sink.accept(Violation.ofState(id(), describe(w, d.cd) + ": expected a private ASID distinct from the CPU ASID of bound "
                    + mm.name() + ", found both " + d.cd.asid));
        }
    }

    private static String describe(World w, CtxDesc cd) {
        if (cd.mm != null) return "shared CD of " + cd.mm.name() + " (ASID " + cd.asid + ")";
        ArmSmmuDomain d = cd.ownerDomain;
        return "private CD of " + (d == null ? "an unknown domain" : SvaState.domainName(d)) + " (ASID " + cd.asid + ")";
    }
}
