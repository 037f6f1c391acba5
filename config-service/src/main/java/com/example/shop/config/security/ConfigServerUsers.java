package com.example.shop.config.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * The two users of the config server, from the environment ({@code application.yml} maps
 * {@code CONFIG_SERVER_*} and {@code CONFIG_ADMIN_*} onto these properties). There is no
 * default password: without one the server refuses to start, rather than run open or with
 * a generated password nobody knows.
 *
 * @param client reads configuration ({@code GET /{application}/{profile}} and the
 * resource paths)
 * @param operator everything else: encrypt, decrypt, bus refresh, webhooks, actuator
 */
@ConfigurationProperties("config-service.security")
public record ConfigServerUsers(Credentials client, Credentials operator) {

	public ConfigServerUsers {
		client.check("client", "CONFIG_SERVER_USERNAME", "CONFIG_SERVER_PASSWORD");
		operator.check("operator", "CONFIG_ADMIN_USERNAME", "CONFIG_ADMIN_PASSWORD");
		if (client.username().equals(operator.username())) {
			throw new IllegalArgumentException("The client and the operator of config-service must have different "
					+ "user names (CONFIG_SERVER_USERNAME, CONFIG_ADMIN_USERNAME)");
		}
	}

	/**
	 * One user's credentials.
	 *
	 * @param username the user name
	 * @param password the password, in plain text as the environment gives it
	 */
	public record Credentials(String username, String password) {

		void check(String role, String usernameVariable, String passwordVariable) {
			if (!StringUtils.hasText(this.username)) {
				throw new IllegalArgumentException(
						"config-service needs a user name for its " + role + " user: set " + usernameVariable);
			}
			if (!StringUtils.hasText(this.password)) {
				throw new IllegalArgumentException("config-service needs a password for its " + role
						+ " user and has no default: set " + passwordVariable);
			}
		}

		@Override
		public String toString() {
			return "Credentials[username=" + this.username + ", password=<hidden>]";
		}

	}

}
