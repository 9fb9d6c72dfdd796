/** smmu-bench features. */
package org.smmubench.features;
