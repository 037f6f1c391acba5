package com.example.shop.auth.user;

import java.util.Map;

import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The people who may sign in, by user name ({@code auth.users.<name>.password}). A user
 * name becomes the {@code sub} claim of the user's tokens, which is whom order-service
 * files orders under.
 *
 * @param users the password of each user, by user name
 */
@ConfigurationProperties("auth")
@Validated
public record UserProperties(@DefaultValue Map<String, @Valid User> users) {

	/**
	 * One user.
	 *
	 * @param password a BCrypt hash with its {@code {bcrypt}} prefix; anything else (a
	 * plain-text password, <code>{noop}</code>) stops the start
	 * ({@link UserConfiguration}), so that no password is ever kept readable in
	 * configuration
	 */
	public record User(@NotBlank String password) {

		private static final Pattern BCRYPT_HASH = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

		/** Whether the password is a BCrypt hash with its {@code {bcrypt}} prefix. */
		public boolean isBcryptHash() {
			return BCRYPT_HASH.matcher(this.password).matches();
		}

		@Override
		public String toString() {
			return "User[password=(hidden)]";
		}

	}

}
