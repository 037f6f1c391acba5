package com.example.shop.inventory.reservation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;

import com.example.shop.common.test.UsePostgres;

import static org.assertj.core.api.Assertions.assertThat;

@DataJpaTest
@UsePostgres
@AutoConfigureTestDatabase(replace = Replace.NONE)
class ReservationRepositoryTests {

	@Autowired
	private ReservationRepository reservations;

	@Autowired
	private TestEntityManager entityManager;

	@Test
	void insertsTheHeaderOfAnOrderOnlyOnce() {
		UUID orderId = UUID.randomUUID();

		assertThat(this.reservations.insertIfAbsent(orderId, Instant.now())).isEqualTo(1);
		assertThat(this.reservations.insertIfAbsent(orderId, Instant.now())).isZero();

		assertThat(this.reservations.findById(orderId)).hasValueSatisfying((reservation) -> {
			assertThat(reservation.getStatus()).isEqualTo(ReservationStatus.RESERVED);
			assertThat(reservation.getLines()).isEmpty();
		});
	}

	@Test
	void storesLinesAndReadsThemBackInSkuOrder() {
		UUID orderId = UUID.randomUUID();
		givenItems("b-2", "B-1", "a-1");
		this.reservations.insertIfAbsent(orderId, Instant.now());
		Reservation reservation = this.reservations.findById(orderId).orElseThrow();
		reservation.addLines(
				List.of(new ReservationLine("b-2", 1), new ReservationLine("a-1", 2), new ReservationLine("B-1", 3)));
		this.entityManager.flush();
		this.entityManager.clear();

		assertThat(this.reservations.findForUpdate(orderId).orElseThrow().getLines()).containsExactly(
				new ReservationLine("B-1", 3), new ReservationLine("a-1", 2), new ReservationLine("b-2", 1));
	}

	@Test
	void releasingMarksTheReservationOnce() {
		UUID orderId = UUID.randomUUID();
		this.reservations.insertIfAbsent(orderId, Instant.now());
		Reservation reservation = this.reservations.findForUpdate(orderId).orElseThrow();

		assertThat(reservation.release(Instant.now())).isTrue();
		assertThat(reservation.release(Instant.now())).isFalse();
		this.entityManager.flush();
		this.entityManager.clear();

		Reservation reloaded = this.reservations.findById(orderId).orElseThrow();
		assertThat(reloaded.getStatus()).isEqualTo(ReservationStatus.RELEASED);
		assertThat(reloaded.getReleasedAt()).isNotNull();
	}

	private void givenItems(String... skus) {
		for (String sku : skus) {
			this.entityManager.getEntityManager()
				.createNativeQuery("insert into item (sku, name, available, version, updated_at) "
						+ "values (:sku, :sku, 10, 0, current_timestamp)")
				.setParameter("sku", sku)
				.executeUpdate();
		}
	}

}
