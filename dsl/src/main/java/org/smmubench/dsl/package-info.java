/** smmu-bench dsl. */
package org.smmubench.dsl;
