// The bug b5bf7778 fixed, in the Groovy spelling (the YAML counterpart is
// examples/seed/leaf-at-1024.yaml). CD 0 lives in leaf 0 of the two-level CD table, so
// PASID 0x400 is the first SSID of leaf 1, which does not exist yet. Pre-fix, the leaf is
// allocated with GFP_KERNEL inside arm_smmu_mmu_notifier_get, under devices_lock with IRQs
// off: the atomic-sleep splat. Fixed, __arm_smmu_sva_bind writes the CD with mutexes only.
scenario 'first SVA bind at PASID 0x400 allocates a CD leaf'
driver 'pre-fix', 'fixed', 'v6.10', 'v6.11', 'v6.18'
smmu cdTable: 'two-level', ssidBits: 20
pci 'nic0', sid: 0x100
process 'proc1', pasid: 0x400, mappings: [[va: 0x400000, size: 0x10000, prot: 'rw']]
bind 'nic0', 'proc1'
dma 'nic0', 'proc1', va: 0x400000, access: 'write', expect: 'ok'
unbind 'nic0', 'proc1'
dma 'nic0', 'proc1', va: 0x400000, access: 'write', expect: 'C_BAD_CD'
expect 'pre-fix', violations: ['atomic-sleep']
expect 'fixed', violations: []
expect 'v6.10', violations: []
expect 'v6.11', violations: []
expect 'v6.18', violations: []
