/** smmu-bench runtime. */
package org.smmubench;
