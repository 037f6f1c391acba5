package com.example.shop.common.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The current value of a constructor-bound {@code @ConfigurationProperties} record,
 * rebound when a refresh changes a key under its prefix.
 * <p>
 * Spring Cloud's refresh cannot rebind records (they are immutable, spring-cloud-commons
 * #844) and {@code @RefreshScope} cannot proxy them (records are final). Register one
 * instance per record as a bean; it listens for Spring Cloud's
 * {@link EnvironmentChangeEvent} and binds the record again with Boot's {@link Binder},
 * then validates it with the same Bean Validation constraints that were checked at start.
 * A new value that does not bind or breaks a constraint is refused: the old value stays,
 * and one ERROR line names the key and the reason. Code that must see a change reads
 * {@link #get()} on every use (never keeps the record), or registers a listener with
 * {@link #onChange(Consumer)} to rebuild what it derived from the value (a client, a
 * Resilience4j configuration).
 *
 * @param <T> the record type
 */
public final class LiveProperties<T> implements ApplicationListener<EnvironmentChangeEvent> {

	private static final Log logger = LogFactory.getLog(LiveProperties.class);

	private final String prefix;

	private final Class<T> type;

	private final ConfigurableEnvironment environment;

	private final @Nullable Validator validator;

	private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

	private volatile T current;

	/**
	 * Holds the value bound at start.
	 * @param prefix the record's {@code @ConfigurationProperties} prefix
	 * @param type the record type
	 * @param initial the value bound and validated at start (the record bean)
	 * @param environment the environment a refresh changes
	 * @param validator the Bean Validation validator, or {@code null} for none
	 */
	public LiveProperties(String prefix, Class<T> type, T initial, ConfigurableEnvironment environment,
			@Nullable Validator validator) {
		this.prefix = prefix.toLowerCase(Locale.ROOT);
		this.type = type;
		this.current = initial;
		this.environment = environment;
		this.validator = validator;
	}

	/**
	 * The value that applies now.
	 * @return the current record
	 */
	public T get() {
		return this.current;
	}

	/**
	 * Calls the listener with every accepted new value (on the thread of the refresh).
	 * @param listener what to do with a new value
	 */
	public void onChange(Consumer<T> listener) {
		this.listeners.add(listener);
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		if (event.getKeys().stream().anyMatch(this::isUnderPrefix)) {
			rebind();
		}
	}

	private boolean isUnderPrefix(String key) {
		String canonical = key.toLowerCase(Locale.ROOT).replace('_', '.');
		return canonical.startsWith(this.prefix + ".") || canonical.equals(this.prefix);
	}

	/**
	 * Binds and validates the record again from the environment; keeps the old value if
	 * the new one is invalid.
	 * @return whether the new value was accepted
	 */
	public synchronized boolean rebind() {
		T candidate;
		try {
			candidate = Binder.get(this.environment).bindOrCreate(this.prefix, Bindable.of(this.type));
		}
		catch (BindException ex) {
			String key = ex.getName().toString();
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			logger.error("Refused new value of " + key + ", keeping the old settings of " + this.prefix + ": "
					+ cause.getMessage());
			return false;
		}
		if (this.validator != null) {
			Set<ConstraintViolation<T>> violations = this.validator.validate(candidate);
			if (!violations.isEmpty()) {
				String reasons = violations.stream()
					.map((violation) -> this.prefix + "." + violation.getPropertyPath() + " " + violation.getMessage())
					.sorted()
					.collect(Collectors.joining("; "));
				logger.error("Refused new value of " + reasons + ", keeping the old settings of " + this.prefix);
				return false;
			}
		}
		if (!candidate.equals(this.current)) {
			this.current = candidate;
			this.listeners.forEach((listener) -> listener.accept(candidate));
		}
		return true;
	}

}
