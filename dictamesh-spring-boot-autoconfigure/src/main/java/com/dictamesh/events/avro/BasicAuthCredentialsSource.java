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
package com.dictamesh.events.avro;

/**
 * Where the schema registry client takes its basic authentication credentials from
 * ({@code basic.auth.credentials.source}).
 */
public enum BasicAuthCredentialsSource {

	/**
	 * The user info of each registry URL, {@code http://user:password@host:8081}.
	 */
	URL,

	/**
	 * The {@code basic.auth.user.info} setting, {@code user:password}.
	 */
	USER_INFO

}
