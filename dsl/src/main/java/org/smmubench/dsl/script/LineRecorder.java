package org.smmubench.dsl.script;

import java.util.ArrayList;
import java.util.List;

import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ConstructorNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Makes every statement of a script (its body, its methods and closures) first tell
 * {@link ScriptLines} its line, so an error Groovy raises without a stack trace is still
 * reported at the line that raised it. Constructors are left alone: their first statement may
 * have to be a {@code super(...)} call.
 */
final class LineRecorder extends CompilationCustomizer {
    LineRecorder() {
        super(CompilePhase.SEMANTIC_ANALYSIS);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() { return source; }

            @Override
            public void visitConstructor(ConstructorNode node) {
                // left as written (see the class comment)
            }

            @Override
            public void visitBlockStatement(BlockStatement block) {
                super.visitBlockStatement(block);
                List<Statement> marked = new ArrayList<>();
                for (Statement s : block.getStatements()) {
                    if (s.getLineNumber() > 0) marked.add(record(s.getLineNumber()));
                    marked.add(s);
                }
                block.getStatements().clear();
                block.getStatements().addAll(marked);
            }
        }.visitClass(classNode);
    }

    private static Statement record(int line) {
        return new ExpressionStatement(new StaticMethodCallExpression(ClassHelper.make(ScriptLines.class), "at",
                new ArgumentListExpression(new ConstantExpression(line, true))));
    }
}
