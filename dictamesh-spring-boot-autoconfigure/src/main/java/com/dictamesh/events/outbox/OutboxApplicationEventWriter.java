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

import com.dictamesh.events.Event;

import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Writes {@link Event events} that the application publishes as Spring application events
 * ({@code ApplicationEventPublisher.publishEvent(event)}) to the outbox, in the
 * publishing thread and so in its transaction: domain code needs no Kafka or outbox type.
 */
public class OutboxApplicationEventWriter implements ApplicationListener<PayloadApplicationEvent<Event>> {

	private final OutboxEventPublisher outbox;

	/**
	 * Create a writer.
	 * @param outbox the outbox publisher
	 */
	public OutboxApplicationEventWriter(OutboxEventPublisher outbox) {
		this.outbox = outbox;
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<Event> event) {
		this.outbox.publish(event.getPayload());
	}

}
