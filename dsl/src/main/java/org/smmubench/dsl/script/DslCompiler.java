package org.smmubench.dsl.script;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;

import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

import groovy.transform.ThreadInterrupt;

/**
 * The Groovy compiler set up for scenario scripts: {@link BenchScript} as the base class
 * and the bench's packages imported, so users write no imports and no boilerplate.
 */
public final class DslCompiler {
    /** Star-imported into every script and REPL line. */
    public static final String[] PACKAGES = {
            "org.smmubench.dsl.script", "org.smmubench.scenario", "org.smmubench.bench",
            "org.smmubench.check", "org.smmubench.driver.sva", "org.smmubench.iommu", "org.smmubench.mm",
            "org.smmubench.kernel"};

    private DslCompiler() {}

    public static CompilerConfiguration configuration() {
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(BenchScript.class.getName());
        cc.setSourceEncoding("UTF-8");
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStarImports(PACKAGES);
        // Let @BaseScript and @NamedParam be written without an import, for IDE users.
        imports.addImports("groovy.transform.BaseScript");
        cc.addCompilationCustomizers(imports);
        cc.addCompilationCustomizers(new ExitGuard());
        cc.addCompilationCustomizers(new LineRecorder());
        // Loops and method entries check the thread's interrupt flag, so a runaway script can
        // be stopped (--script-timeout, Ctrl-C in the REPL) and says at which line it was.
        cc.addCompilationCustomizers(new ASTTransformationCustomizer(ThreadInterrupt.class));
        return cc;
    }

    public static GroovyShell shell(Binding binding) {
        return new GroovyShell(DslCompiler.class.getClassLoader(), binding, configuration());
    }
}
