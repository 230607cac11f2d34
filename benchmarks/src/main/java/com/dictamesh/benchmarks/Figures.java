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

import java.util.List;

/**
 * The repeated measurements of one quantity, in one unit.
 *
 * @param values one value per repetition
 */
record Figures(List<Double> values) {

	Figures {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("No repetitions measured");
		}
		values = List.copyOf(values);
	}

	double median() {
		List<Double> sorted = this.values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	double min() {
		return this.values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
	}

	double max() {
		return this.values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
	}

}
