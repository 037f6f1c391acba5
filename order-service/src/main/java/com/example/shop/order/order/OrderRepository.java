package com.example.shop.order.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OrderRepository extends JpaRepository<PurchaseOrder, UUID> {

	Optional<PurchaseOrder> findByOwnerAndIdempotencyKey(String owner, String idempotencyKey);

	Optional<PurchaseOrder> findByIdAndOwner(UUID id, String owner);

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

}
