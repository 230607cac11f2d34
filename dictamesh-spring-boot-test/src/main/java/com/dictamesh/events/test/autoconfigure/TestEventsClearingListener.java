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

package com.dictamesh.events.test.autoconfigure;

import com.dictamesh.events.test.AutoConfigureDictameshEvents;
import com.dictamesh.events.test.TestEvents;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Has {@link TestEvents} forget what it recorded before each test method of a class
 * annotated with {@link AutoConfigureDictameshEvents}, so that each test sees its own
 * events.
 */
public class TestEventsClearingListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		// After dependency injection, before the test's own @BeforeEach methods.
		return 5000;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureDictameshEvents.class)) {
			testContext.getApplicationContext().getBeanProvider(TestEvents.class).ifAvailable(TestEvents::clear);
		}
	}

}
