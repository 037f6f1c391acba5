package com.example.shop.order.order;

import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;

import com.example.shop.common.test.UsePostgres;

/**
 * The backlog gauges on PostgreSQL, where docker and production run.
 */
@DataJpaTest
@UsePostgres
@AutoConfigureTestDatabase(replace = Replace.NONE)
class OrderMetricsOnPostgresTests extends OrderMetricsContract {

}
