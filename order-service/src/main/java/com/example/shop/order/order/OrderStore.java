package com.example.shop.order.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.order.inventory.ReservationLine;
import com.example.shop.order.inventory.ReservationResult;

/**
 * Every database transaction of the order feature, each one short and none of them
 * spanning a call to inventory: an order is committed before inventory is asked, and
 * inventory's answer is recorded in a transaction of its own. Changes are checked against
 * the order's version, so concurrent writers (a placing request, a cancel, the
 * reconcilers of several instances) fail with an optimistic-locking exception instead of
 * overwriting each other.
 */
@Component
class OrderStore {

	/** The version of an order that was just inserted and never changed. */
	private static final long INSERTED_VERSION = 0;

	private final OrderRepository orders;

	private final Clock clock;

	OrderStore(OrderRepository orders, Clock clock) {
		this.orders = orders;
		this.clock = clock;
	}

	/**
	 * The time to store: PostgreSQL keeps microseconds, so an order reads the same before
	 * and after a round trip.
	 */
	Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	@Transactional(readOnly = true)
	public Optional<StoredRequest> findByIdempotencyKey(String owner, String idempotencyKey) {
		return this.orders.findByOwnerAndIdempotencyKey(owner, idempotencyKey)
			.map((order) -> new StoredRequest(order.toView(), order.getRequestHash()));
	}

	/**
	 * Stores a new PENDING order and commits it, unless the owner already used this
	 * Idempotency-Key (then nothing changes). Plain statements, two round trips for a
	 * one-line order and no read: placing is the hot path (docs/performance.md).
	 * @return the stored order, or empty if the key was taken
	 */
	@Transactional
	public Optional<OrderView> insertPending(String owner, String idempotencyKey, String requestHash,
			List<OrderView.Line> lines) {
		return insertPending(owner, idempotencyKey, requestHash, lines, null);
	}

	/**
	 * Stores a new PENDING order like
	 * {@link #insertPending(String, String, String, List)}, with the trace of the request
	 * that places it, which the reconciler's attempts on the order continue.
	 * @param placedIn the placing request's trace, or {@code null} when it is not traced
	 * @return the stored order, or empty if the key was taken
	 */
	@Transactional
	public Optional<OrderView> insertPending(String owner, String idempotencyKey, String requestHash,
			List<OrderView.Line> lines, @Nullable PlacingTrace placedIn) {
		UUID id = UUID.randomUUID();
		Instant now = now();
		if (this.orders.insertPendingIfAbsent(id, owner, idempotencyKey, requestHash, now,
				(placedIn != null) ? placedIn.traceId() : null, (placedIn != null) ? placedIn.spanId() : null) == 0) {
			return Optional.empty();
		}
		for (int lineNo = 0; lineNo < lines.size(); lineNo++) {
			OrderView.Line line = lines.get(lineNo);
			this.orders.insertLine(id, lineNo, line.sku(), line.quantity());
		}
		return Optional.of(new OrderView(id, owner, OrderStatus.PENDING, List.copyOf(lines), List.of(), now, now));
	}

	/**
	 * Records what inventory answered. Only a PENDING order moves; a reservation that
	 * lands on an order cancelled in the meantime is flagged for release, because the
	 * stock it holds belongs to nobody.
	 * <p>
	 * The common case, a reservation for the order exactly as it was stored, is one
	 * UPDATE checked against the stored version; everything else loads the order.
	 * @param pending the order as {@link #insertPending} stored it
	 * @return the order afterwards
	 */
	@Transactional
	public OrderView recordOutcome(OrderView pending, ReservationResult result) {
		if (result instanceof ReservationResult.Reserved) {
			Instant now = now();
			if (this.orders.confirmUnchanged(pending.id(), INSERTED_VERSION, now) == 1) {
				return new OrderView(pending.id(), pending.owner(), OrderStatus.CONFIRMED, pending.lines(), List.of(),
						pending.createdAt(), now);
			}
		}
		return recordOutcome(pending.id(), result);
	}

	/**
	 * Records what inventory answered, for an order in whatever state it is now (the
	 * reconciler's case).
	 * @return the order afterwards
	 */
	@Transactional
	public OrderView recordOutcome(UUID id, ReservationResult result) {
		PurchaseOrder order = this.orders.findById(id).orElseThrow(() -> new OrderNotFoundException(id));
		Instant now = now();
		if (result instanceof ReservationResult.Reserved) {
			if (!order.confirm(now) && order.getStatus() == OrderStatus.CANCELLED) {
				order.requireRelease(now);
			}
		}
		else if (result instanceof ReservationResult.Rejected rejected) {
			order.reject(rejected.shortages()
				.stream()
				.map((shortage) -> new OrderShortage(shortage.sku(), shortage.requested(), shortage.available()))
				.toList(), now);
		}
		// Unavailable: the outcome is unknown, the order stays as it is and the
		// reconciler asks again.
		return this.orders.saveAndFlush(order).toView();
	}

	@Transactional(readOnly = true)
	public Optional<OrderView> find(UUID id, Caller caller) {
		return (caller.admin() ? this.orders.findById(id) : this.orders.findByIdAndOwner(id, caller.owner()))
			.map(PurchaseOrder::toView);
	}

	@Transactional(readOnly = true)
	public Page<OrderView> list(Caller caller, Pageable pageable) {
		Page<PurchaseOrder> page = caller.admin() ? this.orders.findAll(pageable)
				: this.orders.findByOwner(caller.owner(), pageable);
		return page.map(PurchaseOrder::toView);
	}

	/**
	 * Cancels an order of the owner if it is still in the expected status.
	 * @param stockMayBeHeld whether a reservation may still exist that nobody released
	 * @return the cancelled order, or empty if its status changed in the meantime
	 */
	@Transactional
	public Optional<OrderView> cancel(UUID id, String owner, OrderStatus expected, boolean stockMayBeHeld) {
		PurchaseOrder order = this.orders.findByIdAndOwner(id, owner).orElseThrow(() -> new OrderNotFoundException(id));
		if (order.getStatus() != expected || !order.cancel(stockMayBeHeld, now())) {
			return Optional.empty();
		}
		return Optional.of(this.orders.saveAndFlush(order).toView());
	}

	@Transactional(readOnly = true)
	public List<Candidate> pendingSince(Instant cutoff, int limit) {
		return this.orders.findStaleByStatus(OrderStatus.PENDING, cutoff, PageRequest.ofSize(limit))
			.stream()
			.map(Candidate::of)
			.toList();
	}

	@Transactional(readOnly = true)
	public List<Candidate> awaitingReleaseSince(Instant cutoff, int limit) {
		return this.orders.findStaleAwaitingRelease(cutoff, PageRequest.ofSize(limit))
			.stream()
			.map(Candidate::of)
			.toList();
	}

	/**
	 * What the reconciler has yet to do, for the metrics: three small indexed queries.
	 */
	@Transactional(readOnly = true)
	public OrderMetrics.Backlog backlog() {
		return new OrderMetrics.Backlog(this.orders.countByStatus(OrderStatus.PENDING),
				this.orders.oldestCreatedAt(OrderStatus.PENDING).orElse(null), this.orders.countAwaitingRelease());
	}

	/**
	 * Claims a PENDING order for one more reservation attempt, if nobody changed it since
	 * it was seen. The claim moves {@code updated_at}, which hides the order from every
	 * reconciler for the minimum age.
	 * @return the lines to reserve, or empty if the order is no longer this caller's to
	 * handle
	 * @throws org.springframework.dao.OptimisticLockingFailureException if another
	 * instance claimed it at the same moment
	 */
	@Transactional
	public Optional<List<ReservationLine>> claimReservation(Candidate candidate) {
		return this.orders.findById(candidate.id())
			.filter((order) -> order.getStatus() == OrderStatus.PENDING)
			.filter((order) -> Objects.equals(order.getVersion(), candidate.version()))
			.map((order) -> {
				order.attempt(now());
				this.orders.saveAndFlush(order);
				return order.getLines()
					.stream()
					.map((line) -> new ReservationLine(line.sku(), line.quantity()))
					.toList();
			});
	}

	/**
	 * Claims a cancelled order whose stock must be given back.
	 * @return the version the order has after the claim, or empty if it is not this
	 * caller's to handle
	 */
	@Transactional
	public Optional<Long> claimRelease(Candidate candidate) {
		return this.orders.findById(candidate.id())
			.filter(PurchaseOrder::isReleasePending)
			.filter((order) -> Objects.equals(order.getVersion(), candidate.version()))
			.map((order) -> {
				order.requireRelease(now());
				return this.orders.saveAndFlush(order).getVersion();
			});
	}

	/**
	 * Records that inventory gave the stock back, unless a reservation landed (and
	 * flagged the order again) after the claim.
	 */
	@Transactional
	public void markReleased(UUID id, long claimedVersion) {
		this.orders.findById(id)
			.filter((order) -> Objects.equals(order.getVersion(), claimedVersion))
			.ifPresent((order) -> {
				order.released(now());
				this.orders.saveAndFlush(order);
			});
	}

	/**
	 * What an Idempotency-Key was first used for.
	 *
	 * @param order the order it created
	 * @param requestHash the fingerprint of the request that created it
	 */
	record StoredRequest(OrderView order, String requestHash) {
	}

	/**
	 * An order the reconciler may have to handle, as it was when seen.
	 *
	 * @param id the order id
	 * @param version its version then
	 * @param placedIn the trace of the request that placed it, or {@code null}
	 */
	record Candidate(UUID id, long version, @Nullable PlacingTrace placedIn) {

		Candidate(UUID id, long version) {
			this(id, version, null);
		}

		static Candidate of(PurchaseOrder order) {
			return new Candidate(order.getId(), Objects.requireNonNull(order.getVersion()), order.getPlacingTrace());
		}

	}

}
