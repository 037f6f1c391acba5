package com.example.shop.order.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface OrderRepository extends JpaRepository<PurchaseOrder, UUID> {

	Optional<PurchaseOrder> findByOwnerAndIdempotencyKey(String owner, String idempotencyKey);

	Optional<PurchaseOrder> findByIdAndOwner(UUID id, String owner);

	/**
	 * Stores a new PENDING order header, unless the owner already used this
	 * Idempotency-Key: one statement, and no read before it, whichever of two concurrent
	 * requests with the same key comes first. The trace ids are those of the placing
	 * request ({@link PlacingTrace}), null when it was not traced.
	 * @return 1 if stored, 0 if the key was taken
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			insert into orders (id, owner, status, idempotency_key, request_hash, created_at, updated_at,
			                    attempts, release_pending, version, trace_id, span_id)
			values (:id, :owner, 'PENDING', :idempotencyKey, :requestHash, :now, :now, 1, false, 0,
			        cast(:traceId as varchar(32)), cast(:spanId as varchar(16)))
			on conflict do nothing""")
	int insertPendingIfAbsent(UUID id, String owner, String idempotencyKey, String requestHash, Instant now,
			@Nullable String traceId, @Nullable String spanId);

	@Modifying
	@Query(nativeQuery = true, value = """
			insert into order_line (order_id, line_no, sku, quantity) values (:orderId, :lineNo, :sku, :quantity)""")
	void insertLine(UUID orderId, int lineNo, String sku, int quantity);

	/**
	 * Confirms a PENDING order that nobody changed since it was stored.
	 * @return 1 if confirmed, 0 if its status or version changed meanwhile
	 */
	@Modifying
	@Query("""
			update PurchaseOrder o set o.status = com.example.shop.order.order.OrderStatus.CONFIRMED,
			  o.updatedAt = :now, o.version = o.version + 1
			where o.id = :id and o.version = :version
			  and o.status = com.example.shop.order.order.OrderStatus.PENDING""")
	int confirmUnchanged(UUID id, long version, Instant now);

	Page<PurchaseOrder> findByOwner(String owner, Pageable pageable);

	/**
	 * Orders in a status that nobody touched since {@code cutoff}, oldest first.
	 * @param status the status
	 * @param cutoff the latest {@code updated_at} to include
	 * @param page how many to return (the first page of this size)
	 * @return the orders
	 */
	@Query("select o from PurchaseOrder o where o.status = :status and o.updatedAt <= :cutoff order by o.updatedAt, o.id")
	List<PurchaseOrder> findStaleByStatus(OrderStatus status, Instant cutoff, Pageable page);

	@Query("select o from PurchaseOrder o where o.status = com.example.shop.order.order.OrderStatus.CANCELLED"
			+ " and o.releasePending = true and o.updatedAt <= :cutoff order by o.updatedAt, o.id")
	List<PurchaseOrder> findStaleAwaitingRelease(Instant cutoff, Pageable page);

	/**
	 * How many orders are in a status (the reconciler's backlog).
	 */
	long countByStatus(OrderStatus status);

	/**
	 * When the oldest order in a status was placed (index orders_status_created_at_idx).
	 */
	@Query("select min(o.createdAt) from PurchaseOrder o where o.status = :status")
	Optional<Instant> oldestCreatedAt(OrderStatus status);

	/**
	 * How many cancelled orders may still hold stock (index orders_release_pending_idx).
	 */
	@Query("select count(o) from PurchaseOrder o where o.releasePending = true"
			+ " and o.status = com.example.shop.order.order.OrderStatus.CANCELLED")
	long countAwaitingRelease();

}
