package org.smmubench.hw;

/**
 * Stage-1 permission checks for one access against a translation's attributes (AP[2]
 * read-only, AP[1] EL0, UXN/PXN, PAN, WXN). Returns null when allowed, else the reason.
 */
final class Permissions {
    private Permissions() {
    }

    static String check(Transaction t, boolean readOnly, boolean el0, boolean uxn, boolean pxn,
                        boolean pan, boolean wxn) {
        if (!t.privileged() && !el0) {
            return "unprivileged access to a page without AP[1] (EL0) permission";
        }
        if (t.write() && readOnly) {
            return "write to a read-only page (AP[2]=1)";
        }
        if (t.privileged() && el0 && pan && !t.instruction()) {
            return "privileged data access to an EL0 page with PAN=1";
        }
        if (t.instruction()) {
            if (!t.privileged() && uxn) {
                return "unprivileged instruction fetch from a UXN page";
            }
            if (t.privileged() && pxn) {
                return "privileged instruction fetch from a PXN page";
            }
            if (wxn && !readOnly) {
                return "instruction fetch from a writable page with WXN=1";
            }
        }
        return null;
    }
}
