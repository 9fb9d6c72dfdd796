package org.smmubench.driver.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.smmubench.kernel.FunctionTable;

/**
 * Each commit's declaration tells the truth about its code: the classes holding its versions
 * override exactly the functions it declares, each declared function lives in one of them, and
 * the hosts' tables name them.
 */
class CommitDeclarationsTest {
    @Test
    void eachCommitOverridesExactlyTheFunctionsItDeclares() {
        for (Commit c : Commits.all()) {
            List<String> overridden = new ArrayList<>();
            for (Patch<?, ?> p : c.patches()) {
                Class<?> versions = p.versions();
                Map<String, Method> replaceable = FunctionTable.functionsOf(versions.getSuperclass());
                assertTrue(!replaceable.isEmpty(), versions + " extends no function class");
                for (Method m : versions.getDeclaredMethods()) {
                    if (Modifier.isStatic(m.getModifiers()) || m.isSynthetic()) continue;
                    String kernelName = replaceable.entrySet().stream()
                            .filter(e -> e.getValue().getName().equals(m.getName())
                                    && List.of(e.getValue().getParameterTypes()).equals(List.of(m.getParameterTypes())))
                            .map(Map.Entry::getKey).findFirst()
                            .orElseThrow(() -> new AssertionError(versions.getSimpleName() + "." + m.getName()
                                    + " is not a replaceable kernel function: a commit class holds only the functions it changed"));
                    overridden.add(kernelName);
                }
            }
            assertEquals(new TreeSet<>(c.functions()), new TreeSet<>(overridden), c.hash());
            assertEquals(c.functions().size(), overridden.size(), c.hash() + " overrides a function twice");
        }
    }

    @Test
    void hashesAreUniqueAndTwelveHexDigits() {
        List<String> hashes = Commits.all().stream().map(Commit::hash).toList();
        assertEquals(hashes.size(), new TreeSet<>(hashes).size());
    }
}
