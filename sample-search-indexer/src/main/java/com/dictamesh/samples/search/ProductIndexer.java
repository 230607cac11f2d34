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

import java.io.IOException;
import java.util.List;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventTypes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Applies the products' events to the {@link ProductIndex}: {@code entity.created} and
 * {@code entity.updated} index the product's document, {@code entity.deleted} removes it.
 * <p>
 * One batch handler takes the events of a poll in partition order, and therefore each
 * product's events in the order they were published: a product created and deleted in the
 * same batch ends deleted. After applying the batch it commits the index before
 * returning, and only then does the listener container commit the batch's offsets. So the
 * index on disk is never behind the committed offsets: a crash between the two commits
 * re-delivers events the index already holds, which is harmless because applying an event
 * is idempotent (a document is replaced or deleted by the product id).
 * <p>
 * For the same reason the handler is declared {@code idempotent = false}: it needs no
 * idempotency store, and one would be wrong here, because a {@link IndexRebuilder
 * rebuild} replays events that were processed before and must apply them again.
 */
@Component
public class ProductIndexer {

	private static final Log logger = LogFactory.getLog(ProductIndexer.class);

	private final ProductIndex index;

	private final JsonMapper jsonMapper;

	public ProductIndexer(ProductIndex index, JsonMapper jsonMapper) {
		this.index = index;
		this.jsonMapper = jsonMapper;
	}

	// tag::handler[]
	@DictameshEventHandler(types = { EventTypes.ENTITY_CREATED, EventTypes.ENTITY_UPDATED, EventTypes.ENTITY_DELETED },
			entityTypes = "product", groupId = "${search.group-id:" + SearchProperties.DEFAULT_GROUP_ID + "}",
			idempotent = false)
	void apply(List<Event> events) throws IOException {
		int indexed = 0;
		int deleted = 0;
		for (Event event : events) {
			String id = event.entityId();
			if (id == null) {
				logger.warn("Skipping event " + event.eventId() + " (" + event.eventType() + "): no entity_id");
				continue;
			}
			if (EventTypes.ENTITY_DELETED.equals(event.eventType())) {
				this.index.delete(id);
				deleted++;
				continue;
			}
			Product product = product(event);
			if (product != null) {
				this.index.index(product.withId(id));
				indexed++;
			}
		}
		this.index.commit();
		if (logger.isDebugEnabled()) {
			logger.debug(
					"Applied " + events.size() + " product event(s): " + indexed + " indexed, " + deleted + " deleted");
		}
	}
	// end::handler[]

	private @Nullable Product product(Event event) {
		if (event.data() == null) {
			// No retry can give the event a body: skip it rather than hold back the
			// events behind it.
			logger.warn("Skipping event " + event.eventId() + " (" + event.eventType() + ") of product "
					+ event.entityId() + ": it has no data");
			return null;
		}
		try {
			return this.jsonMapper.convertValue(event.data(), Product.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			logger.warn("Skipping event " + event.eventId() + " (" + event.eventType() + ") of product "
					+ event.entityId() + ": its data is not a product: " + ex.getMessage());
			return null;
		}
	}

}
