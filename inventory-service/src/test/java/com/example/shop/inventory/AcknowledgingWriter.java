package com.example.shop.inventory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The writer process of {@link EmbeddedDatabaseDurabilityTests}: commits one row per
 * transaction, as fast as it can, and prints the id of each row on its own line once its
 * commit has returned, that is once the database has acknowledged it. It never closes the
 * database: it runs until it is killed (or, should nobody kill it, for at most a minute).
 */
public final class AcknowledgingWriter {

	static final String TABLE = "acknowledged_commit";

	private static final Duration MAX_LIFETIME = Duration.ofMinutes(1);

	private AcknowledgingWriter() {
	}

	/**
	 * Commits until killed.
	 * @param args the JDBC URL and the first id to write
	 * @throws SQLException if the database cannot be written
	 */
	public static void main(String[] args) throws SQLException {
		String url = args[0];
		int firstId = Integer.parseInt(args[1]);
		long deadline = System.nanoTime() + MAX_LIFETIME.toNanos();
		Connection connection = DriverManager.getConnection(url, "sa", "");
		connection.setAutoCommit(false);
		PreparedStatement insert = connection.prepareStatement("insert into " + TABLE + " (id) values (?)");
		for (int id = firstId; System.nanoTime() < deadline; id++) {
			insert.setInt(1, id);
			insert.executeUpdate();
			connection.commit();
			System.out.println(id);
			System.out.flush();
		}
	}

}
