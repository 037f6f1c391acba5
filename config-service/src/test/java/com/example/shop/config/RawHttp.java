package com.example.shop.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends a request exactly as written, byte for byte: HTTP clients normalise paths and
 * refuse odd methods, which is what hostile requests are made of.
 */
final class RawHttp {

	private RawHttp() {
	}

	static Response send(int port, String requestLine, String... headers) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return Response.parse(answer.toString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Response(int status, String head, String body) {

		static Response parse(String raw) {
			int end = raw.indexOf("\r\n\r\n");
			String head = (end < 0) ? raw : raw.substring(0, end);
			String body = (end < 0) ? "" : raw.substring(end + 4);
			int status = Integer.parseInt(head.substring(9, 12));
			if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
				body = unchunk(body);
			}
			return new Response(status, head, body);
		}

		String header(String name) {
			for (String line : this.head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
					return line.substring(colon + 1).strip();
				}
			}
			return "";
		}

		private static String unchunk(String body) {
			StringBuilder out = new StringBuilder();
			int at = 0;
			while (at < body.length()) {
				int lineEnd = body.indexOf("\r\n", at);
				if (lineEnd < 0) {
					break;
				}
				int size = Integer.parseInt(body.substring(at, lineEnd).strip(), 16);
				if (size == 0) {
					break;
				}
				out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
				at = lineEnd + 2 + size + 2;
			}
			return out.toString();
		}

	}

}
