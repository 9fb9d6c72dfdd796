// The seed bug in a non-PCI iommu_group of four DSPs (examples/groups has the group of
// two in YAML). Pre-fix, binding one device writes the CD into every master of the RID
// domain under devices_lock, allocating each master's leaf there: the splat. Either way,
// after the bind every device of the group translates for proc1, and after the unbind
// none does. A loop says that for all four. On v6.11 and v6.18 dsp1-dsp3 never join the DMA
// domain's devices list at probe (domain-devices); why, and why the SVA results do not depend
// on it, is told in examples/groups/platform-group-of-two.yaml.
scenario 'platform group of four binds at PASID 0x400'
driver 'pre-fix', 'fixed', 'v6.10', 'v6.11', 'v6.18'

def dsps = (0..3).collect { "dsp$it" }
dsps.eachWithIndex { name, i -> platform name, sid: 0x10 + i, group: 'dsp' }
process 'proc1', pasid: 0x400, mappings: [[va: 0x400000, size: 0x4000, prot: 'rw']]

bind 'dsp0', 'proc1'
dsps.eachWithIndex { name, i ->
    dma name, 'proc1', va: 0x400000 + i * 0x1000, access: 'write', expect: 'ok'
}
unbind 'dsp0', 'proc1'
dsps.each { dma it, 'proc1', va: 0x400000, access: 'read', expect: 'C_BAD_CD' }

expect 'pre-fix', violations: ['atomic-sleep']
expect 'fixed', violations: []
expect 'v6.10', violations: []
expect 'v6.11', violations: ['domain-devices']
expect 'v6.18', violations: ['domain-devices']
