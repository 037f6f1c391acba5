package com.example.shop.system.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of PromQL's syntax to take an alert's condition apart: comments, string
 * literals and brackets are told apart from the operators at the top level of an
 * expression, so that the set operators ({@code and}, {@code or}, {@code unless}) and the
 * comparisons that make an expression a condition can be cut away. An alert's condition
 * returns nothing while all is well, so a test that wants to know whether its data exists
 * evaluates what it compares instead.
 */
public final class PromQl {

	private static final Pattern SET_OPERATOR = Pattern.compile("(?i)(and|or|unless)(?![A-Za-z0-9_:])");

	private static final Pattern VECTOR_MATCHING = Pattern.compile("(?i)^\\s*(on|ignoring)\\s*\\([^)]*\\)\\s*");

	private PromQl() {
	}

	/**
	 * The parts of an alert's expression whose data the alert needs: the expression is
	 * split at its top-level set operators, each part stripped of enclosing parentheses
	 * (and split again), and of each part the left-hand side of its last top-level
	 * comparison is kept (the whole part if it compares nothing).
	 */
	public static List<String> conditionOperands(String expression) {
		List<String> operands = new ArrayList<>();
		for (String part : splitAtSetOperators(withoutComments(expression))) {
			String unwrapped = withoutEnclosingParentheses(part);
			if (!unwrapped.equals(part)) {
				operands.addAll(conditionOperands(unwrapped));
				continue;
			}
			operands.add(leftOfLastComparison(part));
		}
		return operands;
	}

	/**
	 * The expression without its {@code #} comments (a multi-line YAML expression may
	 * have some), string literals left alone.
	 */
	public static String withoutComments(String expression) {
		StringBuilder result = new StringBuilder();
		Scanner scanner = new Scanner(expression);
		while (scanner.hasNext()) {
			char c = expression.charAt(scanner.position);
			if (c == '#' && !scanner.inString()) {
				while (scanner.hasNext() && expression.charAt(scanner.position) != '\n') {
					scanner.position++;
				}
				continue;
			}
			scanner.advance();
			result.append(c);
		}
		return result.toString().strip();
	}

	/**
	 * The expression cut at every {@code and}, {@code or} and {@code unless} outside
	 * brackets and strings; the {@code on(...)} or {@code ignoring(...)} after one goes
	 * with it.
	 */
	public static List<String> splitAtSetOperators(String expression) {
		List<String> parts = new ArrayList<>();
		Scanner scanner = new Scanner(expression);
		int start = 0;
		while (scanner.hasNext()) {
			int at = scanner.position;
			if (scanner.atTopLevel() && startsWord(expression, at)) {
				Matcher operator = SET_OPERATOR.matcher(expression).region(at, expression.length());
				if (operator.lookingAt()) {
					parts.add(expression.substring(start, at));
					Matcher matching = VECTOR_MATCHING.matcher(expression).region(operator.end(), expression.length());
					start = matching.lookingAt() ? matching.end() : operator.end();
					scanner.position = start;
					continue;
				}
			}
			scanner.advance();
		}
		parts.add(expression.substring(start));
		return parts.stream().map(String::strip).filter((part) -> !part.isEmpty()).toList();
	}

	/**
	 * What the last top-level comparison ({@code >}, {@code <}, {@code >=}, {@code <=},
	 * {@code ==}, {@code !=}) of the expression compares: the text before it, or the
	 * whole expression if there is none.
	 */
	public static String leftOfLastComparison(String expression) {
		Scanner scanner = new Scanner(expression);
		int last = -1;
		while (scanner.hasNext()) {
			int at = scanner.position;
			if (scanner.atTopLevel() && comparisonLength(expression, at) > 0) {
				last = at;
				scanner.position += comparisonLength(expression, at);
				continue;
			}
			scanner.advance();
		}
		return (last < 0) ? expression.strip() : withoutEnclosingParentheses(expression.substring(0, last).strip());
	}

	/**
	 * The expression without parentheses that enclose all of it, as many pairs as there
	 * are.
	 */
	public static String withoutEnclosingParentheses(String expression) {
		String current = expression.strip();
		while (current.startsWith("(") && closingOf(current) == current.length() - 1) {
			current = current.substring(1, current.length() - 1).strip();
		}
		return current;
	}

	private static int closingOf(String expression) {
		Scanner scanner = new Scanner(expression);
		scanner.advance();
		while (scanner.hasNext()) {
			if (scanner.depth == 0) {
				return scanner.position - 1;
			}
			scanner.advance();
		}
		return (scanner.depth == 0) ? scanner.position - 1 : -1;
	}

	private static int comparisonLength(String expression, int at) {
		char c = expression.charAt(at);
		char next = (at + 1 < expression.length()) ? expression.charAt(at + 1) : ' ';
		if ((c == '=' || c == '!') && next == '=') {
			return 2;
		}
		if (c == '>' || c == '<') {
			return (next == '=') ? 2 : 1;
		}
		return 0;
	}

	private static boolean startsWord(String expression, int at) {
		return at == 0 || !isWordCharacter(expression.charAt(at - 1));
	}

	private static boolean isWordCharacter(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == ':';
	}

	/**
	 * Walks an expression one character at a time, keeping track of the brackets and
	 * string literals it is in.
	 */
	private static final class Scanner {

		private final String text;

		private int position;

		private int depth;

		private char quote;

		private Scanner(String text) {
			this.text = text;
		}

		boolean hasNext() {
			return this.position < this.text.length();
		}

		boolean inString() {
			return this.quote != 0;
		}

		boolean atTopLevel() {
			return this.depth == 0 && this.quote == 0;
		}

		/** Steps over the current character (two for an escape inside a string). */
		void advance() {
			char c = this.text.charAt(this.position);
			if (this.quote != 0) {
				if (c == '\\' && this.quote != '`') {
					this.position++;
				}
				else if (c == this.quote) {
					this.quote = 0;
				}
			}
			else if (c == '"' || c == '\'' || c == '`') {
				this.quote = c;
			}
			else if (c == '(' || c == '[' || c == '{') {
				this.depth++;
			}
			else if (c == ')' || c == ']' || c == '}') {
				this.depth--;
			}
			this.position++;
		}

	}

}
