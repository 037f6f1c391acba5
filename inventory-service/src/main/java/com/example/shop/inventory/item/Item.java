package com.example.shop.inventory.item;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * An item and its available stock. Reservations change {@code available} with conditional
 * bulk updates ({@link ItemRepository}), which also bump {@code version}, so that a PUT
 * that read the item before such a change fails instead of silently overwriting it.
 */
@Entity
@Table(name = "item")
class Item {

	@Id
	private String sku;

	@Column(nullable = false, length = 200)
	private String name;

	@Column(nullable = false)
	private int available;

	// A wrapper so that Spring Data sees a new item (null version) and persists it
	// instead of merging: two concurrent creations then clash on the primary key.
	@Version
	private @Nullable Long version;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	Item(String sku, String name, int available) {
		this.sku = sku;
		this.name = name;
		this.available = available;
		this.updatedAt = Instant.now();
	}

	protected Item() {
		// for JPA
	}

	void update(String name, int available) {
		this.name = name;
		this.available = available;
	}

	@PrePersist
	@PreUpdate
	void touch() {
		this.updatedAt = Instant.now();
	}

	String getSku() {
		return this.sku;
	}

	String getName() {
		return this.name;
	}

	int getAvailable() {
		return this.available;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
