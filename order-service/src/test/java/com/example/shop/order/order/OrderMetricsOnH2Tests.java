package com.example.shop.order.order;

import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;

/**
 * The backlog gauges on H2 in PostgreSQL mode, the local default database.
 */
@DataJpaTest(properties = "spring.datasource.url=jdbc:h2:mem:orders-metrics;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
		+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@AutoConfigureTestDatabase(replace = Replace.NONE)
class OrderMetricsOnH2Tests extends OrderMetricsContract {

}
