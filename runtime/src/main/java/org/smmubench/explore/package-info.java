/**
 * {@code smmu-bench explore}: scenarios generated from a seed, run on driver trees with every
 * invariant, and each finding shrunk to a minimal regression scenario. It sits above
 * {@code bench}: it only builds {@link org.smmubench.scenario.Scenario} records and runs them
 * through {@link org.smmubench.bench.Bench}, exactly as a user's file would run.
 */
package org.smmubench.explore;
