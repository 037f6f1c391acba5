package com.example.shop.inventory.reservation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ReservationRepository extends JpaRepository<Reservation, UUID> {

	/**
	 * Writes the header of a new reservation unless one exists for the order. A
	 * concurrent transaction that inserted the same order id makes this statement wait
	 * until it commits (then nothing is inserted) or rolls back (then this one inserts):
	 * so exactly one request per order id goes on to take stock. {@code ON CONFLICT DO
	 * NOTHING} works on PostgreSQL and on H2 in PostgreSQL mode.
	 * @param orderId the order
	 * @param createdAt the creation time
	 * @return 1 if this call created the reservation, 0 if it existed
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			insert into reservation (order_id, status, created_at)
			values (:orderId, 'RESERVED', :createdAt)
			on conflict do nothing""")
	int insertIfAbsent(UUID orderId, Instant createdAt);

	/**
	 * Loads a reservation and locks its header row until the transaction ends, so that
	 * concurrent releases of the same order give the stock back only once.
	 * @param orderId the order
	 * @return the locked reservation
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from Reservation r where r.orderId = :orderId")
	Optional<Reservation> findForUpdate(UUID orderId);

}
