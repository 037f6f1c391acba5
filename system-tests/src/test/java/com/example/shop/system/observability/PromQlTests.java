package com.example.shop.system.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an alert's condition is taken apart into the data it watches.
 */
class PromQlTests {

	@Test
	void keepsWhatTheLastComparisonCompares() {
		assertThat(PromQl.conditionOperands("sum(rate(x_total[5m])) > 0.5")).containsExactly("sum(rate(x_total[5m]))");
		assertThat(PromQl.conditionOperands("a / b > (14.4 * 0.001)")).containsExactly("a / b");
		assertThat(PromQl.conditionOperands("a >= bool 2")).containsExactly("a");
		assertThat(PromQl.conditionOperands("x != 1")).containsExactly("x");
		assertThat(PromQl.conditionOperands("max_over_time(x[5m]) <= 3")).containsExactly("max_over_time(x[5m])");
	}

	@Test
	void keepsAnExpressionThatComparesNothingWhole() {
		assertThat(PromQl.conditionOperands("absent(up{service=\"order-service\"})"))
			.containsExactly("absent(up{service=\"order-service\"})");
		assertThat(PromQl.conditionOperands("sum(x > 0)")).containsExactly("sum(x > 0)");
	}

	@Test
	void ignoresOperatorsInsideLabelMatchersStringsAndBrackets() {
		assertThat(PromQl.conditionOperands("x{uri!=\"/a>b\",status=~\"5..\"} > 1"))
			.containsExactly("x{uri!=\"/a>b\",status=~\"5..\"}");
		assertThat(PromQl.conditionOperands("x{name=\"a and b\"} > 1")).containsExactly("x{name=\"a and b\"}");
		assertThat(PromQl.conditionOperands("histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m]))) > 0.5"))
			.containsExactly("histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))");
	}

	@Test
	void splitsAtTopLevelSetOperatorsWithTheirVectorMatching() {
		assertThat(PromQl.conditionOperands("a > 1 and b > 2")).containsExactly("a", "b");
		assertThat(PromQl.conditionOperands("(a > 1) and on(service) (b > 2)")).containsExactly("a", "b");
		assertThat(PromQl.conditionOperands("a == 0 or ignoring (x) absent(c)")).containsExactly("a", "absent(c)");
		assertThat(PromQl.conditionOperands("a > 1 unless b")).containsExactly("a", "b");
		assertThat(PromQl.conditionOperands("a > 1 AND b < 2")).containsExactly("a", "b");
	}

	@Test
	void doesNotTakeMetricNamesForOperators() {
		assertThat(PromQl.conditionOperands("orders_total > 1 and brand_new > 2")).containsExactly("orders_total",
				"brand_new");
		assertThat(PromQl.conditionOperands("sum by (operator) (x) > 1")).containsExactly("sum by (operator) (x)");
	}

	@Test
	void dropsCommentsAndEnclosingParentheses() {
		assertThat(PromQl.conditionOperands("# burn\n((a / b) > 2) # twice\nand (c > 1)")).containsExactly("a / b",
				"c");
		assertThat(PromQl.withoutEnclosingParentheses("(a) / (b)")).isEqualTo("(a) / (b)");
		assertThat(PromQl.withoutComments("x{a=\"#1\"} # note")).isEqualTo("x{a=\"#1\"}");
	}

}
