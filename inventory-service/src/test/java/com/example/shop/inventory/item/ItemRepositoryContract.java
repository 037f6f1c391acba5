package com.example.shop.inventory.item;

import java.time.Instant;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the stock statements must do on every database the service runs on: the subclasses
 * run it on PostgreSQL (docker, production) and on H2 in PostgreSQL mode (the local
 * default), each schema created by the Flyway migrations.
 * <p>
 * {@code @Transactional} is repeated here because the transaction of a test method is
 * looked up on the class that declares the method, not on the {@code @DataJpaTest}
 * subclass.
 */
@Transactional
abstract class ItemRepositoryContract {

	@Autowired
	private ItemRepository items;

	@Autowired
	private TestEntityManager entityManager;

	@Test
	void takesStockWhenEnoughIsAvailable() {
		givenItem("A-1", 10);

		assertThat(this.items.takeIfAvailable("A-1", 4, Instant.now())).isEqualTo(1);

		assertThat(reload("A-1").getAvailable()).isEqualTo(6);
	}

	@Test
	void takesTheLastUnitsDownToZero() {
		givenItem("A-1", 3);

		assertThat(this.items.takeIfAvailable("A-1", 3, Instant.now())).isEqualTo(1);

		assertThat(reload("A-1").getAvailable()).isZero();
	}

	@Test
	void leavesStockUntouchedWhenTooLittleIsAvailable() {
		givenItem("A-1", 3);

		assertThat(this.items.takeIfAvailable("A-1", 4, Instant.now())).isZero();

		assertThat(reload("A-1").getAvailable()).isEqualTo(3);
	}

	@Test
	void takesNothingOfAnUnknownItem() {
		assertThat(this.items.takeIfAvailable("UNKNOWN", 1, Instant.now())).isZero();
		assertThat(this.items.findAvailableBySku("UNKNOWN")).isEmpty();
	}

	@Test
	void givesStockBack() {
		givenItem("A-1", 3);

		assertThat(this.items.giveBack("A-1", 2, Instant.now())).isEqualTo(1);

		assertThat(this.items.findAvailableBySku("A-1")).contains(5);
	}

	@Test
	void everyStockChangeBumpsTheVersionSoThatStaleWritesFail() {
		Item item = givenItem("A-1", 10);
		Instant later = item.getUpdatedAt().plusSeconds(60);

		this.items.takeIfAvailable("A-1", 1, later);
		this.items.giveBack("A-1", 1, later);

		Item reloaded = reload("A-1");
		assertThat(reloaded.getAvailable()).isEqualTo(10);
		assertThat(this.entityManager.getEntityManager()
			.createQuery("select i.version from Item i where i.sku = 'A-1'", Long.class)
			.getSingleResult()).isEqualTo(2L);
		assertThat(reloaded.getUpdatedAt()).isAfter(item.getUpdatedAt());
	}

	@Test
	void databaseRefusesNegativeStockWhateverTheCode() {
		givenItem("A-1", 1);

		assertThatExceptionOfType(PersistenceException.class).isThrownBy(() -> this.entityManager.getEntityManager()
			.createNativeQuery("update item set available = -1 where sku = 'A-1'")
			.executeUpdate());
	}

	private Item givenItem(String sku, int available) {
		Item item = this.entityManager.persistFlushFind(new Item(sku, "Item " + sku, available));
		this.entityManager.clear();
		return item;
	}

	private Item reload(String sku) {
		this.entityManager.clear();
		return this.entityManager.find(Item.class, sku);
	}

}
