package org.smmubench.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link FunctionTable}'s base class as the model of one kernel function
 * that upstream commits replace. The value is the kernel's own name, the one the method
 * enters with {@code k.enter(...)}; a commit names the functions it touched by these names.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface KernelFunction {
    String value();
}
