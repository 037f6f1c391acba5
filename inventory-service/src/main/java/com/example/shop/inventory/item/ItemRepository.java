package com.example.shop.inventory.item;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ItemRepository extends JpaRepository<Item, String> {

	/**
	 * Takes stock in one atomic statement: the row is only changed while enough is
	 * available, and concurrent takers of the same row queue on its row lock and re-check
	 * the condition, so the stock can never go below zero.
	 * @param sku the item
	 * @param quantity how much to take
	 * @param now the change time
	 * @return 1 if the stock was taken, 0 if the item is unknown or has too little
	 */
	@Modifying
	@Query("""
			update Item i
			set i.available = i.available - :quantity, i.version = i.version + 1, i.updatedAt = :now
			where i.sku = :sku and i.available >= :quantity""")
	int takeIfAvailable(String sku, int quantity, Instant now);

	/**
	 * Gives stock back.
	 * @param sku the item
	 * @param quantity how much to give back
	 * @param now the change time
	 * @return 1 if the item exists, else 0
	 */
	@Modifying
	@Query("""
			update Item i
			set i.available = i.available + :quantity, i.version = i.version + 1, i.updatedAt = :now
			where i.sku = :sku""")
	int giveBack(String sku, int quantity, Instant now);

	@Query("select i.available from Item i where i.sku = :sku")
	Optional<Integer> findAvailableBySku(String sku);

}
