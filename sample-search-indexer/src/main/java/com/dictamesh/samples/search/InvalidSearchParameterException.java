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

/**
 * Thrown when a request parameter of a search is not valid; answered with 400 problem
 * details that name the parameter.
 */
public class InvalidSearchParameterException extends RuntimeException {

	private final String parameter;

	/**
	 * Create an exception.
	 * @param parameter the name of the invalid parameter
	 * @param message what is wrong with it
	 */
	public InvalidSearchParameterException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	/**
	 * Return the name of the invalid parameter.
	 * @return the parameter
	 */
	public String getParameter() {
		return this.parameter;
	}

}
