package org.smmubench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;

class FunctionTableTest {
    /** A modelled file with two replaceable functions and one that is not. */
    static class Functions {
        @KernelFunction("foo_get")
        String get() { return "base get"; }

        @KernelFunction("foo_put")
        String put() { return "base put"; }

        String helper() { return "helper"; }
    }

    static final class NewGet extends Functions {
        @Override
        String get() { return "new get"; }
    }

    @Test
    void theBaseClassNamesTheReplaceableFunctions() {
        assertEquals(Set.of("foo_get", "foo_put"), new FunctionTable<>(new Functions()).names());
    }

    @Test
    void aCommitReplacesOnlyWhatItInstalls() {
        FunctionTable<Functions> t = new FunctionTable<>(new Functions());
        Functions patch = new NewGet();
        t.install("foo_get", patch, "+0123456789ab");
        assertEquals("new get", t.get("foo_get").get());
        assertEquals("base put", t.get("foo_put").put());
        assertSame(patch, t.get("foo_get"));
        assertEquals("+0123456789ab", t.replacedBy("foo_get"));
        assertNull(t.replacedBy("foo_put"));
    }

    @Test
    void aSecondReplacementOfOneFunctionIsRefusedNamingBothTerms() {
        FunctionTable<Functions> t = new FunctionTable<>(new Functions());
        t.install("foo_get", new NewGet(), "+0123456789ab");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.install("foo_get", new NewGet(), "-ba9876543210"));
        assertEquals("+0123456789ab and -ba9876543210 both replace foo_get", e.getMessage());
    }

    @Test
    void aTermDeclaredToComposeReplacesTheEarlierTermsVersionOnly() {
        FunctionTable<Functions> t = new FunctionTable<>(new Functions());
        t.install("foo_get", new Functions(), "+0123456789ab");
        NewGet later = new NewGet();
        t.install("foo_get", later, "+ba9876543210", Set.of("+0123456789ab"));
        assertSame(later, t.get("foo_get"));
        assertEquals("+ba9876543210", t.replacedBy("foo_get"));
        // Composing with one term does not license replacing another's.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> t.install("foo_get", new NewGet(), "+aaaaaaaaaaaa", Set.of("+0123456789ab")));
        assertEquals("+ba9876543210 and +aaaaaaaaaaaa both replace foo_get", e.getMessage());
    }

    @Test
    void unknownFunctionNamesAreProgrammingErrors() {
        FunctionTable<Functions> t = new FunctionTable<>(new Functions());
        assertThrows(IllegalArgumentException.class, () -> t.get("foo_helper"));
        assertThrows(IllegalArgumentException.class, () -> t.install("foo_helper", new NewGet(), "+0123456789ab"));
    }
}
