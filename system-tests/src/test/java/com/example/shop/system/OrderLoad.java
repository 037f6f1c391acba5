package com.example.shop.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import com.example.shop.system.Gateway.Response;

/**
 * Concurrent clients placing orders for one SKU through the gateway, as a careful client
 * does: each order has an {@code Idempotency-Key} of its own and, when the answer is a
 * 5xx or no answer at all, is sent again with the same key a few times. Records every
 * answer, and what the stock read through the API was while the orders ran.
 */
final class OrderLoad {

	private final Gateway gateway;

	private final String token;

	private final String sku;

	private int orders = 50;

	private int clients = 10;

	private int maxQuantity = 1;

	private int attempts = 3;

	private Duration pauseBeforeRepeating = Duration.ofMillis(500);

	private @Nullable Runnable halfway;

	private OrderLoad(Gateway gateway, String token, String sku) {
		this.gateway = gateway;
		this.token = token;
		this.sku = sku;
	}

	static OrderLoad of(Gateway gateway, String token, String sku) {
		return new OrderLoad(gateway, token, sku);
	}

	OrderLoad orders(int orders, int clients) {
		this.orders = orders;
		this.clients = clients;
		return this;
	}

	/** Each order asks for 1 to this many units (random). */
	OrderLoad quantityUpTo(int maxQuantity) {
		this.maxQuantity = maxQuantity;
		return this;
	}

	/** How often an order is sent at most (1: never repeated). */
	OrderLoad attempts(int attempts) {
		this.attempts = attempts;
		return this;
	}

	/**
	 * Runs this (on a thread of its own) once half of the orders were answered, while the
	 * others are in flight.
	 */
	OrderLoad halfway(Runnable halfway) {
		this.halfway = halfway;
		return this;
	}

	Result run() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(this.clients + 2);
		AtomicInteger answered = new AtomicInteger();
		AtomicBoolean done = new AtomicBoolean();
		List<Integer> stockSeen = Collections.synchronizedList(new ArrayList<>());
		Future<?> halfwayDone = null;
		try {
			Future<?> sampler = pool.submit(() -> sampleStock(done, stockSeen));
			List<Future<Order>> placed = new ArrayList<>();
			for (int i = 0; i < this.orders; i++) {
				int quantity = ThreadLocalRandom.current().nextInt(1, this.maxQuantity + 1);
				placed.add(pool.submit(() -> {
					Order order = place(UUID.randomUUID().toString(), quantity);
					answered.incrementAndGet();
					return order;
				}));
			}
			if (this.halfway != null) {
				Runnable action = this.halfway;
				halfwayDone = pool.submit(() -> {
					while (answered.get() < this.orders / 2) {
						Thread.sleep(10);
					}
					action.run();
					return null;
				});
			}
			List<Order> result = new ArrayList<>();
			for (Future<Order> order : placed) {
				result.add(order.get(5, TimeUnit.MINUTES));
			}
			if (halfwayDone != null) {
				halfwayDone.get(2, TimeUnit.MINUTES);
			}
			done.set(true);
			sampler.get(30, TimeUnit.SECONDS);
			return new Result(this.sku, result, List.copyOf(stockSeen));
		}
		finally {
			done.set(true);
			pool.shutdownNow();
		}
	}

	private Order place(String key, int quantity) throws InterruptedException {
		List<String> answers = new ArrayList<>();
		Response last = null;
		for (int attempt = 1; attempt <= this.attempts; attempt++) {
			try {
				last = TestData.placeOrder(this.gateway, this.token, key, Map.of(this.sku, quantity));
				answers.add(String.valueOf(last.status()));
				if (last.status() < 500) {
					break;
				}
			}
			catch (IllegalStateException ex) {
				last = null;
				answers.add("no answer (" + ex.getCause() + ")");
			}
			Thread.sleep(this.pauseBeforeRepeating.toMillis());
		}
		return new Order(key, quantity, answers, last, System.nanoTime());
	}

	private void sampleStock(AtomicBoolean done, List<Integer> stockSeen) {
		while (!done.get()) {
			try {
				Response response = this.gateway.get("/api/inventory/items/" + this.sku).token(this.token).send();
				if (response.status() == 200) {
					stockSeen.add(response.json().get("available").asInt());
				}
				Thread.sleep(200);
			}
			catch (IllegalStateException ex) {
				// inventory (or the gateway) is down at the moment: nothing to see
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * One order as its client saw it.
	 *
	 * @param key its idempotency key
	 * @param quantity the units asked for
	 * @param answers the status of every attempt ("no answer ..." for none)
	 * @param last the last answer, if there was one
	 * @param finishedAt when the client was done with it ({@link System#nanoTime()})
	 */
	record Order(String key, int quantity, List<String> answers, @Nullable Response last, long finishedAt) {

		int status() {
			return (this.last != null) ? this.last.status() : -1;
		}

		boolean accepted() {
			return status() >= 200 && status() < 300;
		}

		/** The id of the order the last answer (2xx or a 409 problem) names. */
		Optional<UUID> orderId() {
			if (this.last == null || !(accepted() || status() == 409)) {
				return Optional.empty();
			}
			JsonNode body = this.last.json();
			JsonNode id = accepted() ? body.get("id") : body.get("orderId");
			return Optional.ofNullable(id).map((node) -> UUID.fromString(node.asString()));
		}

	}

	/**
	 * What a load did.
	 *
	 * @param sku the SKU every order asked for
	 * @param orders every order placed
	 * @param stockSeen the available stock read through the API while the orders ran
	 */
	record Result(String sku, List<Order> orders, List<Integer> stockSeen) {

		List<Order> accepted() {
			return this.orders.stream().filter(Order::accepted).toList();
		}

		long withStatus(int status) {
			return this.orders.stream().filter((order) -> order.status() == status).count();
		}

		String summary() {
			Map<String, Long> byAnswers = new java.util.TreeMap<>();
			this.orders.forEach((order) -> byAnswers.merge(String.join(" > ", order.answers()), 1L, Long::sum));
			return this.orders.size() + " orders of " + this.sku + ", answers: " + byAnswers;
		}

	}

}
