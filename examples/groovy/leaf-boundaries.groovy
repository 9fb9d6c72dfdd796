// Where exactly does the seed bug bite? One scenario per PASID around the CD leaf
// boundaries, built by one helper closure. A leaf holds 1024 CDs; leaf 0 already exists
// (it holds the RID's CD 0), so a first bind at a PASID in leaf 0 allocates nothing, and a
// first bind anywhere in a later leaf allocates that leaf: pre-fix with devices_lock held.
driver 'pre-fix', 'fixed', 'v6.10', 'v6.11', 'v6.18'
pci 'nic0', sid: 0x100

def firstBindAt = { long pasid ->
    scenario "first bind at PASID ${String.format('0x%x', pasid)}"
    process 'proc1', pasid: pasid, mappings: [[va: 0x400000, size: 0x1000, prot: 'rw']]
    bind 'nic0', 'proc1'
    dma 'nic0', 'proc1', va: 0x400000, access: 'read', expect: 'ok'
    unbind 'nic0', 'proc1'
    boolean newLeaf = pasid >= 1024
    expect 'pre-fix', violations: newLeaf ? ['atomic-sleep'] : []
    expect 'fixed', violations: []
}

[0x1, 0x3ff, 0x400, 0x7ff, 0x800, 0xfffff].each(firstBindAt)
