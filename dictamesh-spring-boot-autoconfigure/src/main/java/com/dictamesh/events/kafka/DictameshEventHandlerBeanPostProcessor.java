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

package com.dictamesh.events.kafka;

import com.dictamesh.events.EventsConfigurationException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.dictamesh.events.DictameshEventHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link DictameshEventHandler} methods on beans and registers them in an
 * {@link EventHandlerRegistry}.
 * <p>
 * The starter dispatches to handler methods itself instead of meta-annotating
 * {@code @KafkaListener}: a {@code @KafkaListener} method gets a consumer of its own, so
 * two handlers in one group on one topic would split the partitions between them and each
 * would miss the other's records. Here the handlers of a group share one container that
 * routes each record by its {@code event-type} header.
 */
public class DictameshEventHandlerBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private final EventHandlerRegistry registry = new EventHandlerRegistry();

	private @Nullable ConfigurableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		if (beanFactory instanceof ConfigurableBeanFactory configurable) {
			this.beanFactory = configurable;
		}
	}

	/**
	 * Return the registry the handlers are registered in.
	 * @return the registry
	 */
	public EventHandlerRegistry getRegistry() {
		return this.registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		Map<Method, DictameshEventHandler> annotated = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<DictameshEventHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, DictameshEventHandler.class));
		annotated.forEach((method, annotation) -> this.registry.register(createHandler(bean, method, annotation)));
		return bean;
	}

	private EventHandlerMethod createHandler(Object bean, Method method, DictameshEventHandler annotation) {
		String id = StringUtils.hasText(annotation.id()) ? resolve(annotation.id())
				: AopUtils.getTargetClass(bean).getSimpleName() + "." + method.getName();
		Set<String> types = new LinkedHashSet<>();
		types.addAll(resolveAll(annotation.value()));
		types.addAll(resolveAll(annotation.types()));
		if (types.isEmpty()) {
			throw new EventsConfigurationException("@DictameshEventHandler method " + id + " declares no event type.",
					"Set its types, e.g. types = \"entity.created\", or \"*\" for all types of its topics.");
		}
		String groupId = resolve(annotation.groupId());
		Duration backoff = null;
		String backoffText = resolve(annotation.backoff());
		if (StringUtils.hasText(backoffText)) {
			try {
				backoff = DurationStyle.detectAndParse(backoffText);
			}
			catch (IllegalArgumentException ex) {
				throw new EventsConfigurationException("@DictameshEventHandler method " + id + " has backoff '"
						+ backoffText + "', which is not a duration.", "Use a duration such as 500ms or 2s.");
			}
		}
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		return new EventHandlerMethod(id, bean, invocable, new ArrayList<>(types),
				new LinkedHashSet<>(resolveAll(annotation.entityTypes())), resolveAll(annotation.topics()),
				StringUtils.hasText(groupId) ? groupId : null, annotation.concurrency(), annotation.maxAttempts(),
				backoff, annotation.idempotent());
	}

	private List<String> resolveAll(String[] values) {
		return Arrays.stream(values).map(this::resolve).filter(StringUtils::hasText).toList();
	}

	private String resolve(String value) {
		if (this.beanFactory == null || !StringUtils.hasText(value)) {
			return value;
		}
		String resolved = this.beanFactory.resolveEmbeddedValue(value);
		return (resolved != null) ? resolved : value;
	}

}
