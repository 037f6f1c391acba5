package com.example.shop.inventory.item;

import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;

import com.example.shop.common.test.UsePostgres;

/**
 * The stock statements on PostgreSQL, where docker and production run.
 */
@DataJpaTest
@UsePostgres
@AutoConfigureTestDatabase(replace = Replace.NONE)
class ItemRepositoryTests extends ItemRepositoryContract {

}
