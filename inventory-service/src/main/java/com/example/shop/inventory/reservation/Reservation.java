package com.example.shop.inventory.reservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * The stock reserved for one order. The header row is written first (see
 * {@link ReservationRepository#insertIfAbsent}); it is what makes a repeated or
 * concurrent request for the same order id find the first one's result.
 */
@Entity
@Table(name = "reservation")
class Reservation {

	@Id
	@Column(name = "order_id")
	private UUID orderId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private ReservationStatus status;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "released_at")
	private @Nullable Instant releasedAt;

	@ElementCollection
	@CollectionTable(name = "reservation_line", joinColumns = @JoinColumn(name = "order_id"))
	private List<ReservationLine> lines = new ArrayList<>();

	protected Reservation() {
		// for JPA
	}

	UUID getOrderId() {
		return this.orderId;
	}

	ReservationStatus getStatus() {
		return this.status;
	}

	/**
	 * The lines in SKU order, compared as Java strings: the order in which item rows are
	 * locked. Sorted here rather than by the database, whose collation may order
	 * differently.
	 * @return the lines
	 */
	List<ReservationLine> getLines() {
		return this.lines.stream().sorted(Comparator.comparing(ReservationLine::sku)).toList();
	}

	@Nullable Instant getReleasedAt() {
		return this.releasedAt;
	}

	/**
	 * Whether this reservation holds exactly the given lines: the same quantity of the
	 * same SKUs, in any order. Both sides have one line per SKU.
	 * @param others the lines to compare with
	 * @return whether they are the same
	 */
	boolean hasLines(Collection<ReservationLine> others) {
		return Set.copyOf(this.lines).equals(Set.copyOf(others));
	}

	void addLines(Collection<ReservationLine> reserved) {
		this.lines.addAll(reserved);
	}

	/**
	 * Marks the reservation released.
	 * @param at when
	 * @return whether it was reserved until now, that is whether its stock must be given
	 * back
	 */
	boolean release(Instant at) {
		if (this.status != ReservationStatus.RESERVED) {
			return false;
		}
		this.status = ReservationStatus.RELEASED;
		this.releasedAt = at;
		return true;
	}

}
