package com.example.shop.system.observability;

/**
 * One PromQL expression of a dashboard or a rule file, and where it comes from.
 *
 * @param origin the file and the panel, target or rule that holds it
 * @param expression the expression as written there (Grafana variables and all)
 */
public record Query(String origin, String expression) {

	@Override
	public String toString() {
		return this.origin + ": " + this.expression;
	}

}
