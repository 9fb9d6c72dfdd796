package org.smmubench.hw.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldTest {

    @Test
    void extractAndInsertWorkOnTheDeclaredBitsOnly() {
        Field f = Field.bits("X", 0, 11, 8);
        assertEquals(0xA, f.extract(0xFFFF_FAFFL));
        assertEquals(0xFFFF_F5FFL, f.insert(0xFFFF_FFFFL, 0x5));
        assertEquals(0x500L, f.maskedValue(5));
        assertThrows(IllegalArgumentException.class, () -> f.insert(0, 0x10));
    }

    @Test
    void fullWidthFieldRoundTrips() {
        Field f = Field.bits("ALL", 3, 63, 0);
        long[] e = new long[4];
        f.set(e, -1L);
        assertEquals(-1L, f.get(e));
        assertEquals(-1L, e[3]);
    }

    @Test
    void addressFieldsStoreTheAddressInPlace() {
        long[] ste = new long[Ste.DWORDS];
        Ste.S1_CONTEXT_PTR.setAddress(ste, 0x1234_5640L);
        assertEquals(0x1234_5640L, Ste.S1_CONTEXT_PTR.getAddress(ste));
        assertEquals(0x1234_5640L >>> 6, Ste.S1_CONTEXT_PTR.get(ste));
        assertThrows(IllegalArgumentException.class, () -> Ste.S1_CONTEXT_PTR.setAddress(ste, 0x1234_5641L));
    }

    @Test
    void dumpRendersEveryFieldByName() {
        long[] l1 = new long[1];
        L1Cd.V.set(l1, 1);
        L1Cd.L2PTR.setAddress(l1, 0x8000_1000L);
        assertEquals("V=0x1\nL2PTR=0x80001000", Dump.render(L1Cd.FIELDS, l1));
    }

    /** Every field of a layout survives a round trip, and writing one never disturbs another. */
    static void assertLayoutRoundTrips(List<Field> fields, int dwords) {
        for (Field f : fields) {
            long[] e = new long[dwords];
            long ones = f.valueMask();
            f.set(e, ones);
            assertEquals(ones, f.get(e), f.name());
            for (Field other : fields) {
                if (other != f && !overlap(f, other)) {
                    assertEquals(0, other.get(e), f.name() + " leaked into " + other.name());
                }
            }
            long pattern = 0x5A5A_5A5A_5A5A_5A5AL & ones;
            long[] full = new long[dwords];
            java.util.Arrays.fill(full, -1L);
            f.set(full, pattern);
            assertEquals(pattern, f.get(full), f.name() + " with neighbours set");
            assertEquals(-1L & ~f.mask() | f.maskedValue(pattern), full[f.dword()], f.name() + " neighbours kept");
        }
    }

    static boolean overlap(Field a, Field b) {
        return a.dword() == b.dword() && a.lo() <= b.hi() && b.lo() <= a.hi();
    }

    static void assertNoOverlaps(List<Field> fields) {
        for (Field a : fields) {
            for (Field b : fields) {
                assertTrue(a == b || !overlap(a, b), a.name() + " overlaps " + b.name());
            }
        }
    }

    @Test
    void steFieldsRoundTripWithoutOverlap() {
        assertNoOverlaps(Ste.FIELDS);
        assertLayoutRoundTrips(Ste.FIELDS, Ste.DWORDS);
    }

    @Test
    void cdFieldsRoundTripWithoutOverlap() {
        assertNoOverlaps(Cd.FIELDS);
        assertLayoutRoundTrips(Cd.FIELDS, Cd.DWORDS);
    }

    @Test
    void l1DescriptorFieldsRoundTrip() {
        assertNoOverlaps(L1Cd.FIELDS);
        assertLayoutRoundTrips(L1Cd.FIELDS, L1Cd.DWORDS);
        assertNoOverlaps(L1Std.FIELDS);
        assertLayoutRoundTrips(L1Std.FIELDS, L1Std.DWORDS);
    }

    @Test
    void everyCommandsFieldsRoundTripWithoutOverlap() {
        for (Opcode op : Opcode.values()) {
            List<Field> fs = Cmd.fieldsFor(op);
            assertNoOverlaps(fs);
            assertLayoutRoundTrips(fs, Cmd.DWORDS);
        }
    }

    @Test
    void eventFieldsRoundTrip() {
        List<Field> translationFault = Evt.FIELDS.stream().filter(f -> f != Evt.FETCH_ADDR).toList();
        assertNoOverlaps(translationFault);
        assertLayoutRoundTrips(Evt.FIELDS, Evt.DWORDS);
    }

    @Test
    void registerFieldsRoundTripWithoutOverlap() {
        for (List<Field> fs : List.of(Regs.Idr0.FIELDS, Regs.Idr1.FIELDS, Regs.Idr3.FIELDS, Regs.Idr5.FIELDS,
                Regs.Cr0.FIELDS, Regs.Cr1.FIELDS, Regs.Cr2.FIELDS, Regs.Gbpa.FIELDS, Regs.Gerror.FIELDS,
                Regs.StrtabBase.FIELDS, Regs.StrtabBaseCfg.FIELDS, Regs.QBase.FIELDS, Pte.FIELDS)) {
            assertNoOverlaps(fs);
            assertLayoutRoundTrips(fs, 1);
        }
    }

    @Test
    void architectedBitPositionsMatchTheReference() {
        assertEquals(1L << 31, Cd.V.mask());
        assertEquals(0xFFFFL << 48, Cd.ASID.mask());
        assertEquals(1L << 14, Cd.EPD0.mask());
        assertEquals(1L << 45, Cd.R.mask());
        assertEquals(0x1FL << 59, Ste.S1CDMAX.mask());
        assertEquals(3L << 28, Ste.EATS.mask());
        assertEquals(1L << 19, Regs.Idr0.CD2L.mask());
        assertEquals(0x1FL << 6, Regs.Idr1.SSIDSIZE.mask());
        assertEquals(3L << 16, Regs.StrtabBaseCfg.FMT.mask());
        assertEquals(0x7FL << 24, Regs.QPtr.ERR.mask());
        assertEquals(0x100A8, Regs.EVTQ_PROD);
        assertEquals(0x100AC, Regs.EVTQ_CONS);
    }

    @Test
    void opcodesHaveArchitectedValuesAndDecode() {
        assertEquals(0x46, Opcode.CMD_SYNC.code());
        assertEquals(0x40, Opcode.ATC_INV.code());
        assertEquals(0x11, Opcode.TLBI_NH_ASID.code());
        assertEquals(Opcode.CFGI_STE_RANGE, Opcode.fromCode(0x04).orElseThrow());
        assertTrue(Opcode.fromCode(0x7F).isEmpty());
        for (Opcode op : Opcode.values()) {
            if (op != Opcode.CFGI_ALL) {
                assertEquals(op, Opcode.fromCode(op.code()).orElseThrow());
            }
        }
    }

    @Test
    void eventTypesCoverTheReferenceCodes() {
        assertEquals(0x02, EventType.C_BAD_STREAMID.code());
        assertEquals(0x0A, EventType.C_BAD_CD.code());
        assertEquals(0x13, EventType.F_PERMISSION.code());
        assertEquals(0x25, EventType.F_VMS_FETCH.code());
        assertTrue(EventType.F_ACCESS.isTranslationFault());
        assertTrue(!EventType.C_BAD_CD.isTranslationFault());
        for (EventType t : EventType.values()) {
            assertEquals(t, EventType.fromCode(t.code()).orElseThrow());
        }
    }
}
