package com.example.shop.inventory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.data.web.config.EnableSpringDataWebSupport.PageSerializationMode;

/**
 * Items and stock, and all-or-nothing stock reservations for orders.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
// Pages go out as a stable DTO ({"content":[..],"page":{..}}), never as the PageImpl
// internals whose shape may change between Spring Data versions.
@EnableSpringDataWebSupport(pageSerializationMode = PageSerializationMode.VIA_DTO)
public class InventoryServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(InventoryServiceApplication.class, args);
	}

}
