/**
 * The {@code smmu-bench} command line (docs/cli.md): {@code run}, {@code repl},
 * {@code drivers}, {@code invariants}, {@code sites}. Scenario files reach their runner by
 * extension through {@link java.util.ServiceLoader}, and the REPL through
 * {@link org.smmubench.dsl.cli.ReplLauncher}, so each front-end plugs in without the CLI
 * knowing it.
 */
package org.smmubench.dsl.cli;
