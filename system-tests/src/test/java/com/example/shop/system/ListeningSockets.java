package com.example.shop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The addresses this machine's processes listen on, read from the kernel's socket tables
 * ({@code /proc/net/tcp} and {@code /proc/net/tcp6}): whether a port is open to the
 * network or to this host alone, whatever its process says of itself.
 */
final class ListeningSockets {

	private static final String LISTEN = "0A";

	private ListeningSockets() {
	}

	/** A port of this host that nothing listens on now. */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The local addresses of the TCP sockets listening on a port.
	 * @param port the port
	 * @return the addresses, for example {@code 127.0.0.1} or the wildcard {@code ::}
	 */
	static List<InetAddress> addresses(int port) {
		List<InetAddress> addresses = new ArrayList<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			for (String line : lines(Path.of(table))) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length < 4 || !LISTEN.equals(fields[3]) || !fields[1].contains(":")) {
					continue;
				}
				String[] local = fields[1].split(":");
				if (Integer.parseInt(local[1], 16) == port) {
					addresses.add(address(local[0]));
				}
			}
		}
		return addresses;
	}

	private static List<String> lines(Path table) {
		try {
			return Files.exists(table) ? Files.readAllLines(table) : List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The kernel prints an address as 32-bit words in the machine's byte order
	 * (little-endian on the machines this runs on).
	 */
	private static InetAddress address(String hex) {
		byte[] raw = HexFormat.of().parseHex(hex);
		byte[] address = new byte[raw.length];
		for (int word = 0; word < raw.length; word += 4) {
			for (int i = 0; i < 4; i++) {
				address[word + i] = raw[word + 3 - i];
			}
		}
		try {
			return InetAddress.getByAddress(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
