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

package com.dictamesh.events.web;

import java.io.IOException;
import java.util.regex.Pattern;

import com.dictamesh.events.CausalContext;
import com.dictamesh.events.EventContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Starts a flow for each HTTP request: the request's correlation header, or a new id when
 * it has none, becomes the correlation id of the events published while the request is
 * handled, and is written back on the response.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

	// Ids end up in log lines and headers: accept printable ASCII only, not too long.
	private static final Pattern VALID_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

	private final String headerName;

	/**
	 * Create a filter.
	 * @param headerName the name of the request and response header with the correlation
	 * id
	 */
	public CorrelationIdFilter(String headerName) {
		this.headerName = headerName;
	}

	/**
	 * Return the name of the correlation header.
	 * @return the header name
	 */
	public String getHeaderName() {
		return this.headerName;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CausalContext context = CausalContext.startingFlow(validOrNull(request.getHeader(this.headerName)));
		response.setHeader(this.headerName, context.correlationId());
		try (EventContext.Scope scope = EventContext.open(context)) {
			chain.doFilter(request, response);
		}
	}

	private static @Nullable String validOrNull(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.trim();
		return VALID_ID.matcher(trimmed).matches() ? trimmed : null;
	}

}
