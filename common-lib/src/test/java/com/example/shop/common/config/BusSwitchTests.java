package com.example.shop.common.config;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.cloud.bus.endpoint.AbstractBusEndpoint;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.shop.common.test.TestBus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service with the Spring Cloud Bus starter on its classpath, started as a real
 * {@link SpringApplication} with every auto-configuration it finds: with the bus off
 * nothing of RabbitMQ or the bus is in the context (although the broker settings point at
 * a port where nothing listens), with the bus on (here from a profile file, as
 * config-repo's {@code docker} profile does) the connection factory, the broker's health
 * and the bus endpoints are there and reach the RabbitMQ on 127.0.0.1:5672 (guest/guest;
 * fails without it, never skips).
 */
class BusSwitchTests {

	@Test
	void leavesRabbitMqTheBinderAndTheBusEndpointsOutWhileTheBusIsOff() throws IOException {
		try (ConfigurableApplicationContext service = start("--spring.rabbitmq.port=" + closedPort())) {
			assertThat(service.getBeanNamesForType(ConnectionFactory.class)).isEmpty();
			assertThat(service.getBeanNamesForType(AbstractBusEndpoint.class)).isEmpty();
			HealthContributorRegistry health = service.getBean(HealthContributorRegistry.class);
			assertThat(health.getContributor("rabbit")).isNull();
			assertThat(health.getContributor("binders")).isNull();
		}
	}

	@Test
	void bringsRabbitMqItsHealthAndTheBusEndpointsWhenAProfileTurnsTheBusOn() {
		try (TestBus bus = TestBus.start();
				ConfigurableApplicationContext service = start("--spring.profiles.active=bus",
						"--spring.cloud.bus.destination=" + bus.destination())) {
			assertThat(service.getBeanNamesForType(ConnectionFactory.class)).isNotEmpty();
			assertThat(service.getBeansOfType(AbstractBusEndpoint.class).keySet())
				.anyMatch((name) -> name.toLowerCase(Locale.ROOT).contains("refresh"));
			HealthContributorRegistry health = service.getBean(HealthContributorRegistry.class);
			assertThat(health.getContributor("rabbit")).isInstanceOfSatisfying(HealthIndicator.class,
					(rabbit) -> assertThat(rabbit.health().getStatus()).isEqualTo(Status.UP));
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		SpringApplication application = new SpringApplication(Service.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] all = new String[args.length + 4];
		all[0] = "--spring.config.location=classpath:/bus-switch/";
		all[1] = "--spring.config.name=bus-switch-test";
		all[2] = "--spring.rabbitmq.host=127.0.0.1";
		// The config client is on this module's test classpath too; no config server
		// here.
		all[3] = "--spring.cloud.config.enabled=false";
		System.arraycopy(args, 0, all, 4, args.length);
		return application.run(all);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Service {

	}

}
