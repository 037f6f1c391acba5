package com.example.shop.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes to the gateway on a plain socket, so that no client library fixes, refuses
 * or normalises them first, and reads everything until the gateway closes the connection.
 */
final class RawClient {

	private RawClient() {
	}

	static String exchange(int port, String request) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The body of a raw answer: what follows the blank line after its headers. */
	static String body(String answer) {
		int end = answer.indexOf("\r\n\r\n");
		return (end < 0) ? "" : answer.substring(end + 4);
	}

}
