package org.smmubench.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import org.smmubench.kernel.Errno;

class ErrnosTest {
    /** Every name the step library accepts is one the modelled kernel can return. */
    @Test
    void everyNameIsAKernelErrno() {
        for (String n : Errnos.NAMES) assertEquals(n, Errno.name(Errno.parse(n)));
    }
}
