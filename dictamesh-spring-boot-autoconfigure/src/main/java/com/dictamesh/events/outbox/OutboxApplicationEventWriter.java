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

package com.dictamesh.events.outbox;

import java.util.List;

import com.dictamesh.events.Event;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Writes the application's Spring application events to the outbox, in the publishing
 * thread and so in its transaction, so that domain code needs no Kafka or outbox type:
 * {@link Event} objects as they are, and the application's own types through its
 * {@link ApplicationEventMapper} beans.
 */
public class OutboxApplicationEventWriter implements ApplicationListener<ApplicationEvent> {

	private final OutboxEventPublisher outbox;

	private final List<ApplicationEventMapper> mappers;

	/**
	 * Create a writer.
	 * @param outbox the outbox publisher
	 * @param mappers the mappers of the application's own event types
	 */
	public OutboxApplicationEventWriter(OutboxEventPublisher outbox, List<ApplicationEventMapper> mappers) {
		this.outbox = outbox;
		this.mappers = List.copyOf(mappers);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent applicationEvent) {
		Object payload = (applicationEvent instanceof PayloadApplicationEvent<?> withPayload) ? withPayload.getPayload()
				: applicationEvent;
		if (payload instanceof Event event) {
			this.outbox.publish(event);
			return;
		}
		for (ApplicationEventMapper mapper : this.mappers) {
			Event event = mapper.map(payload);
			if (event != null) {
				this.outbox.publish(event);
				return;
			}
		}
	}

}
