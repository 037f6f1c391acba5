package com.example.shop.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service that misbehaves below HTTP, on a plain loopback socket: what it does with
 * each connection is set per test. It counts the requests it read, so that a test can
 * tell whether the gateway sent one again.
 */
final class RawBackend implements AutoCloseable {

	/** What the service does with a connection. */
	@FunctionalInterface
	interface Behaviour {

		void serve(Socket connection, RawBackend backend) throws IOException;

	}

	/** Closes the connection at once, before reading anything. */
	static final Behaviour CLOSE_AT_ONCE = (connection, backend) -> connection.close();

	/** Reads the request, then closes without a byte of answer. */
	static final Behaviour CLOSE_AFTER_REQUEST = (connection, backend) -> {
		backend.readRequest(connection);
		connection.close();
	};

	private final ServerSocket server;

	private final AtomicInteger requests = new AtomicInteger();

	private volatile Behaviour behaviour = CLOSE_AFTER_REQUEST;

	RawBackend() {
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "raw-backend");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	void behave(Behaviour behaviour) {
		this.behaviour = behaviour;
		this.requests.set(0);
	}

	/** Requests read since the last {@link #behave(Behaviour)}. */
	int requestsReceived() {
		return this.requests.get();
	}

	/**
	 * Reads a request's head and as much of its declared body as arrives, and counts it.
	 * @param connection the connection
	 * @throws IOException when reading fails
	 */
	void readRequest(Socket connection) throws IOException {
		connection.setSoTimeout(5_000);
		InputStream in = connection.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				return;
			}
			head.write(next);
		}
		this.requests.incrementAndGet();
		String text = head.toString(StandardCharsets.ISO_8859_1).toLowerCase();
		int lengthAt = text.indexOf("content-length:");
		if (lengthAt >= 0) {
			int length = Integer.parseInt(text.substring(lengthAt + 15, text.indexOf("\r\n", lengthAt)).trim());
			in.readNBytes(length);
		}
	}

	/**
	 * Reads the request, writes these bytes and closes the connection.
	 * @param answer the raw start of an answer
	 * @return the behaviour
	 */
	static Behaviour answerThenClose(String answer) {
		return (connection, backend) -> {
			backend.readRequest(connection);
			OutputStream out = connection.getOutputStream();
			out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			connection.close();
		};
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket connection = this.server.accept();
				Thread worker = new Thread(() -> serve(connection), "raw-backend-connection");
				worker.setDaemon(true);
				worker.start();
			}
			catch (IOException ex) {
				// Closed: the test is over.
			}
		}
	}

	private void serve(Socket connection) {
		try (connection) {
			this.behaviour.serve(connection, this);
		}
		catch (IOException ex) {
			// The gateway hung up first; nothing to do.
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
