package com.example.shop.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends the hostile input test's requests exactly as built: through {@link HttpClient}
 * when the request is well-formed HTTP, over a raw socket when it is not (headers larger
 * than any server accepts). Requests to the gateway are paced so that this test stays
 * well below any per-client rate limit the gateway may enforce: a 429 is never an answer
 * this test may provoke.
 */
final class HostileInputHttp {

	/** At most this many requests per second reach the gateway from this test. */
	static final int GATEWAY_REQUESTS_PER_SECOND = 8;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String gatewayUrl;

	private long lastGatewayRequest;

	HostileInputHttp(String gatewayUrl) {
		this.gatewayUrl = gatewayUrl;
	}

	/**
	 * Sends a request and returns whatever came back.
	 * @param baseUrl the gateway or a service
	 * @param request the request
	 * @return the answer
	 */
	Answer send(String baseUrl, Request request) {
		if (baseUrl.equals(this.gatewayUrl)) {
			pace();
		}
		try {
			return request.raw() ? sendRaw(baseUrl, request) : sendWithClient(baseUrl, request);
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + baseUrl + request.path() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private synchronized void pace() {
		long spacing = 1_000_000_000L / GATEWAY_REQUESTS_PER_SECOND;
		long wait = this.lastGatewayRequest + spacing - System.nanoTime();
		if (wait > 0) {
			try {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.lastGatewayRequest = System.nanoTime();
	}

	private Answer sendWithClient(String baseUrl, Request request) throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
			.timeout(TIMEOUT)
			.method(request.method(), (request.body().length == 0) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(request.body()));
		request.headers().forEach(builder::header);
		HttpResponse<byte[]> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				new String(response.body(), StandardCharsets.UTF_8));
	}

	/**
	 * HTTP/1.1 written by hand, for requests {@link HttpClient} would not send as they
	 * are. Reads until the server closes the connection.
	 */
	private Answer sendRaw(String baseUrl, Request request) throws IOException {
		URI uri = URI.create(baseUrl);
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			StringBuilder head = new StringBuilder();
			head.append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n");
			head.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
			request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append("Content-Length: ").append(request.body().length).append("\r\n");
			head.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(request.body());
			out.flush();
			return parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				bytes.write(buffer, 0, read);
			}
		}
		catch (java.net.SocketException ex) {
			// A server may reset the connection after answering a request it refused.
			if (bytes.size() == 0) {
				throw ex;
			}
		}
		return bytes.toByteArray();
	}

	private static Answer parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IllegalStateException("No HTTP answer, only: " + text);
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = unchunk(body);
		}
		return new Answer(status, headers.getOrDefault("content-type", ""), new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] unchunk(byte[] chunked) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int position = 0;
		while (position < chunked.length) {
			int lineEnd = indexOfCrLf(chunked, position);
			String sizeLine = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
			int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			body.write(chunked, lineEnd + 2, size);
			position = lineEnd + 2 + size + 2;
		}
		return body.toByteArray();
	}

	private static int indexOfCrLf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length - 1; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
				return i;
			}
		}
		return bytes.length;
	}

	/**
	 * A request as sent.
	 *
	 * @param method the HTTP method
	 * @param path the path and query, already encoded as they go on the wire
	 * @param headers the headers besides Host, Content-Length and Connection
	 * @param body the body bytes
	 * @param raw whether to write it over a raw socket
	 */
	record Request(String method, String path, Map<String, String> headers, byte[] body, boolean raw) {

	}

	/**
	 * What came back.
	 *
	 * @param status the status code
	 * @param contentType the Content-Type header, empty if none
	 * @param body the body as text
	 */
	record Answer(int status, String contentType, String body) {

		@Override
		public String toString() {
			String shown = (this.body.length() > 600) ? this.body.substring(0, 600) + "..." : this.body;
			return this.status + " " + this.contentType + " " + shown;
		}

	}

}
