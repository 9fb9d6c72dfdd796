package org.smmubench.dsl.script;

import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Refuses, at compile time and at its line, a script that would end the JVM:
 * {@code System.exit}, {@code Runtime.getRuntime().exit/halt} and their method pointers. One
 * script's {@code System.exit(0)} would otherwise end the whole run with exit code 0 and no
 * report, hiding every other file's result. Java 17+ has no SecurityManager to trap the call at
 * run time, so this is a compile-time check of what is written; a script determined to exit
 * (reflection, a string method name) still can: scripts are code, not a sandbox.
 */
final class ExitGuard extends CompilationCustomizer {
    ExitGuard() {
        super(CompilePhase.SEMANTIC_ANALYSIS);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() { return source; }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                if (ends(call.getObjectExpression(), call.getMethodAsString())) refuse(source, call);
                super.visitMethodCallExpression(call);
            }

            @Override
            public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
                if (ends(new ClassExpression(call.getOwnerType()), call.getMethod())) refuse(source, call);
                super.visitStaticMethodCallExpression(call);
            }

            @Override
            public void visitMethodPointerExpression(MethodPointerExpression ptr) {
                if (ends(ptr.getExpression(), ptr.getMethodName().getText())) refuse(source, ptr);
                super.visitMethodPointerExpression(ptr);
            }
        }.visitClass(classNode);
    }

    /** {@code System.exit}, {@code Runtime.getRuntime().exit|halt} (also through a Runtime-typed name). */
    private static boolean ends(Expression receiver, String method) {
        if (method == null) return false;
        if (method.equals("exit") && isClass(receiver, "java.lang.System")) return true;
        if (!method.equals("exit") && !method.equals("halt")) return false;
        if (receiver instanceof MethodCallExpression m && "getRuntime".equals(m.getMethodAsString())) return true;
        if (receiver instanceof StaticMethodCallExpression m && "getRuntime".equals(m.getMethod())) return true;
        return receiver.getType() != null && receiver.getType().getName().equals("java.lang.Runtime");
    }

    private static boolean isClass(Expression e, String name) {
        if (e instanceof ClassExpression c) return c.getType().getName().equals(name);
        if (e instanceof PropertyExpression p) return p.getText().equals(name);
        return false;
    }

    private static void refuse(SourceUnit source, Expression at) {
        source.getErrorCollector().addErrorAndContinue(new SyntaxException(
                "a scenario script may not end the JVM (System.exit, Runtime.exit/halt): it would end the whole run"
                        + " and hide every other result; throw an exception or use assert to stop with an error",
                at.getLineNumber(), at.getColumnNumber(), at.getLastLineNumber(), at.getLastColumnNumber()), source);
    }
}
