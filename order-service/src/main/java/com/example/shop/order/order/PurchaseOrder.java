package com.example.shop.order.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.jspecify.annotations.Nullable;

/**
 * An order as stored in table {@code orders}. Never leaves this package: it is mapped to
 * an {@link OrderView} inside the transaction that loaded it.
 * <p>
 * The state changes below are the only ones allowed; each returns whether it changed
 * anything so that callers can stay idempotent. {@code version} makes concurrent changes
 * (a placing request, the reconcilers of several instances, a cancel) fail instead of
 * overwriting each other.
 */
@Entity(name = "PurchaseOrder")
@Table(name = "orders")
class PurchaseOrder {

	@Id
	private UUID id;

	@Column(nullable = false, updatable = false)
	private String owner;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private OrderStatus status;

	@Column(name = "idempotency_key", nullable = false, updatable = false)
	private String idempotencyKey;

	@Column(name = "request_hash", nullable = false, updatable = false)
	private String requestHash;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	/** How many times a reservation was attempted. */
	@Column(nullable = false)
	private int attempts;

	/**
	 * Set when a cancelled order may still hold stock in inventory (it was cancelled
	 * while PENDING, or a reservation landed after the cancel): the reconciler releases
	 * it and clears the flag.
	 */
	@Column(name = "release_pending", nullable = false)
	private boolean releasePending;

	@Version
	private @Nullable Long version;

	/** The trace of the placing request ({@link PlacingTrace}); null when not traced. */
	@Column(name = "trace_id", updatable = false)
	private @Nullable String traceId;

	@Column(name = "span_id", updatable = false)
	private @Nullable String spanId;

	@ElementCollection
	@CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
	@OrderColumn(name = "line_no")
	@BatchSize(size = 50)
	private List<OrderLine> lines = new ArrayList<>();

	@ElementCollection
	@CollectionTable(name = "order_shortage", joinColumns = @JoinColumn(name = "order_id"))
	@BatchSize(size = 50)
	private List<OrderShortage> shortages = new ArrayList<>();

	protected PurchaseOrder() {
		// for JPA
	}

	private PurchaseOrder(UUID id, String owner, String idempotencyKey, String requestHash, List<OrderLine> lines,
			Instant now) {
		this.id = id;
		this.owner = owner;
		this.idempotencyKey = idempotencyKey;
		this.requestHash = requestHash;
		this.lines = new ArrayList<>(lines);
		this.status = OrderStatus.PENDING;
		this.createdAt = now;
		this.updatedAt = now;
		// The placing request tries once right after the insert.
		this.attempts = 1;
	}

	static PurchaseOrder pending(String owner, String idempotencyKey, String requestHash, List<OrderLine> lines,
			Instant now) {
		return new PurchaseOrder(UUID.randomUUID(), owner, idempotencyKey, requestHash, lines, now);
	}

	boolean confirm(Instant now) {
		if (this.status != OrderStatus.PENDING) {
			return false;
		}
		this.status = OrderStatus.CONFIRMED;
		this.updatedAt = now;
		return true;
	}

	boolean reject(List<OrderShortage> shortages, Instant now) {
		if (this.status != OrderStatus.PENDING) {
			return false;
		}
		this.status = OrderStatus.REJECTED;
		this.shortages = new ArrayList<>(shortages);
		this.updatedAt = now;
		return true;
	}

	/**
	 * Records a new reservation attempt, which also hides the order from other
	 * reconcilers for the minimum age.
	 */
	void attempt(Instant now) {
		this.attempts++;
		this.updatedAt = now;
	}

	/**
	 * Cancels the order.
	 * @param stockMayBeHeld whether inventory may still hold stock for it that nobody has
	 * released yet
	 * @param now the time
	 * @return whether the order changed
	 */
	boolean cancel(boolean stockMayBeHeld, Instant now) {
		if (this.status != OrderStatus.PENDING && this.status != OrderStatus.CONFIRMED) {
			return false;
		}
		this.status = OrderStatus.CANCELLED;
		this.releasePending = stockMayBeHeld;
		this.updatedAt = now;
		return true;
	}

	/**
	 * A reservation landed on an order that is already cancelled: the stock must be given
	 * back again.
	 */
	void requireRelease(Instant now) {
		this.releasePending = true;
		this.updatedAt = now;
	}

	void released(Instant now) {
		this.releasePending = false;
		this.updatedAt = now;
	}

	OrderView toView() {
		return new OrderView(this.id, this.owner, this.status,
				this.lines.stream().map((line) -> new OrderView.Line(line.sku(), line.quantity())).toList(),
				this.shortages.stream()
					.map((shortage) -> new OrderView.Shortage(shortage.sku(), shortage.requested(),
							shortage.available()))
					.toList(),
				this.createdAt, this.updatedAt);
	}

	UUID getId() {
		return this.id;
	}

	OrderStatus getStatus() {
		return this.status;
	}

	String getRequestHash() {
		return this.requestHash;
	}

	boolean isReleasePending() {
		return this.releasePending;
	}

	@Nullable Long getVersion() {
		return this.version;
	}

	@Nullable PlacingTrace getPlacingTrace() {
		return PlacingTrace.of(this.traceId, this.spanId);
	}

	List<OrderLine> getLines() {
		return List.copyOf(this.lines);
	}

}
