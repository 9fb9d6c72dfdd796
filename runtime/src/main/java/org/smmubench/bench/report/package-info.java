/**
 * The three views of a run's results (docs/report.md): the console text a developer reads,
 * the JSON report scripts consume, and the JUnit XML report CI systems display. All three are
 * pure functions of the {@link org.smmubench.bench.RunResult}s, so identical inputs give
 * identical output (only durations differ).
 */
package org.smmubench.bench.report;
