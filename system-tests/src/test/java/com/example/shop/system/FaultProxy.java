package com.example.shop.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of one service whose behaviour can be switched while the system
 * runs: it passes the bytes through (optionally with a delay before every answer), resets
 * connections, or answers by itself with an HTTP 500 problem or a 200 whose body is not
 * JSON. A switch closes every connection open at that moment, so that the next request of
 * a pooling client meets the new behaviour.
 */
final class FaultProxy implements AutoCloseable {

	private static final String PROBLEM = "{\"type\":\"https://example.com/problems/internal\",\"title\":\"Internal Server Error\",\"status\":500}";

	private static final String MALFORMED = "{\"orderId\":\"not-a-uuid\",\"status\":\"RESERVED\",\"lines\":[{\"sku\":";

	private final ServerSocket server;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "fault-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.passThrough());

	private final AtomicLong connections = new AtomicLong();

	private volatile int upstreamPort = -1;

	FaultProxy() {
		try {
			this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.threads.execute(this::accept);
	}

	/** Where clients connect instead of to the service. */
	String url() {
		return "http://localhost:" + this.server.getLocalPort();
	}

	/** The service behind the proxy (on this machine). */
	void forwardTo(int port) {
		this.upstreamPort = port;
	}

	/** Connections accepted so far. */
	long connections() {
		return this.connections.get();
	}

	/** Switches the behaviour for every connection from now on. */
	void switchTo(Mode next) {
		this.mode.set(next);
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.connections.incrementAndGet();
				this.open.add(client);
				this.threads.execute(() -> handle(client, this.mode.get()));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void handle(Socket client, Mode mode) {
		try (client) {
			switch (mode.kind) {
				case PASS_THROUGH -> passThrough(client, mode.latency);
				case RESET -> {
					readRequest(client.getInputStream());
					client.setSoLinger(true, 0);
				}
				case ERROR_500 -> answer(client, "500 Internal Server Error", "application/problem+json", PROBLEM);
				case MALFORMED_JSON -> answer(client, "200 OK", "application/json", MALFORMED);
			}
		}
		catch (IOException ex) {
			// the client or the service went away: so does this connection
		}
		finally {
			this.open.remove(client);
		}
	}

	private void passThrough(Socket client, Duration latency) throws IOException {
		try (Socket upstream = new Socket()) {
			try {
				upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.upstreamPort), 1000);
			}
			catch (IOException ex) {
				// The service is down: the client sees its connection closed without an
				// answer, which is what it sees of a dead peer.
				client.setSoLinger(true, 0);
				return;
			}
			this.open.add(upstream);
			AtomicBoolean requestSent = new AtomicBoolean();
			this.threads.execute(() -> pump(client, upstream, requestSent, false, Duration.ZERO));
			pump(upstream, client, requestSent, true, latency);
		}
		finally {
			this.open.removeIf((socket) -> socket.isClosed());
		}
	}

	/**
	 * Copies bytes from one socket to the other. In the direction of the answers, waits
	 * {@code latency} before the first bytes of each answer (the first bytes after the
	 * client sent something).
	 */
	private static void pump(Socket from, Socket to, AtomicBoolean requestSent, boolean answers, Duration latency) {
		byte[] buffer = new byte[16 * 1024];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) != -1) {
				if (!answers) {
					requestSent.set(true);
				}
				else if (requestSent.getAndSet(false) && !latency.isZero()) {
					Thread.sleep(latency.toMillis());
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side closed
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private static void answer(Socket client, String status, String contentType, String body) throws IOException {
		readRequest(client.getInputStream());
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String head = "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
				+ "\r\nConnection: close\r\n\r\n";
		OutputStream out = client.getOutputStream();
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
		out.flush();
	}

	/** Reads one HTTP request: its head and a body of Content-Length bytes. */
	private static void readRequest(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < end.length) {
			int next = in.read();
			if (next == -1) {
				return;
			}
			head.write(next);
			matched = (next == end[matched]) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
		long length = 0;
		for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Long.parseLong(line.substring("content-length:".length()).trim());
			}
		}
		in.skipNBytes(length);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// already closed
		}
		this.open.forEach(FaultProxy::closeQuietly);
		this.threads.shutdownNow();
	}

	/** What the proxy does with a connection. */
	static final class Mode {

		private final Kind kind;

		private final Duration latency;

		private Mode(Kind kind, Duration latency) {
			this.kind = kind;
			this.latency = latency;
		}

		/** Every byte through, at once. */
		static Mode passThrough() {
			return new Mode(Kind.PASS_THROUGH, Duration.ZERO);
		}

		/** Every byte through, each answer only after this delay. */
		static Mode latency(Duration latency) {
			return new Mode(Kind.PASS_THROUGH, latency);
		}

		/**
		 * Reads the request, then resets the connection (RST, SO_LINGER 0) without an
		 * answer; the service never sees the request.
		 */
		static Mode reset() {
			return new Mode(Kind.RESET, Duration.ZERO);
		}

		/** Answers 500 with a problem body; the service never sees the request. */
		static Mode error500() {
			return new Mode(Kind.ERROR_500, Duration.ZERO);
		}

		/** Answers 200 with a JSON body cut short; the service never sees the request. */
		static Mode malformedJson() {
			return new Mode(Kind.MALFORMED_JSON, Duration.ZERO);
		}

		@Override
		public String toString() {
			return this.kind + (this.latency.isZero() ? "" : " " + this.latency);
		}

		private enum Kind {

			PASS_THROUGH, RESET, ERROR_500, MALFORMED_JSON

		}

	}

}
