/*
 * Copyright 2026 the DictaMesh authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package com.dictamesh.benchmarks;

/**
 * One row of the results: the starter's figures beside the baseline's, measured in the
 * same run, and the ratio of their medians.
 *
 * @param scenario the scenario's id, such as {@code S1}
 * @param measure what was measured
 * @param unit the unit of both figures
 * @param ours the starter's figures
 * @param baselineName what the baseline is
 * @param baseline the baseline's figures
 * @param higherIsBetter whether a higher value is better (throughput) or worse (latency)
 * @param target the target, as text, or an empty string
 */
record Result(String scenario, String measure, String unit, Figures ours, String baselineName, Figures baseline,
		boolean higherIsBetter, String target) {

	/**
	 * Return the starter's median divided by the baseline's.
	 * @return the ratio
	 */
	double ratio() {
		return this.ours.median() / this.baseline.median();
	}

}
