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

package com.dictamesh.samples.search;

import com.dictamesh.samples.search.IndexRebuilder.RebuildReport;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations on the index: {@code POST /index/rebuild}.
 */
@RestController
public class IndexController {

	private final IndexRebuilder rebuilder;

	public IndexController(IndexRebuilder rebuilder) {
		this.rebuilder = rebuilder;
	}

	/**
	 * Empty the index and replay the topic; 202 because the replay goes on after the
	 * answer.
	 */
	@PostMapping("/index/rebuild")
	@ResponseStatus(HttpStatus.ACCEPTED)
	RebuildReport rebuild() {
		return this.rebuilder.rebuild();
	}

}
