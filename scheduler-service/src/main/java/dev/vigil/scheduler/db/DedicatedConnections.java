package dev.vigil.scheduler.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Opens connections outside the pool, with the pool's settings. Session state such as an advisory lock or a LISTEN
 * belongs to one session: a pooled connection handed back would keep the lock alive in someone else's hands.
 */
@Component
public class DedicatedConnections {

    private final String url;
    private final Properties credentials = new Properties();

    public DedicatedConnections(DataSource dataSource) throws SQLException {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        this.url = hikari.getJdbcUrl();
        if (hikari.getUsername() != null && !hikari.getUsername().isEmpty()) {
            credentials.setProperty("user", hikari.getUsername());
        }
        if (hikari.getPassword() != null && !hikari.getPassword().isEmpty()) {
            credentials.setProperty("password", hikari.getPassword());
        }
        // Notice a dead server or network within seconds rather than at the next TCP retransmission timeout.
        credentials.setProperty("tcpKeepAlive", "true");
        credentials.setProperty("socketTimeout", "30");
        credentials.setProperty("connectTimeout", "5");
    }

    public Connection open(String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(credentials);
        properties.setProperty("ApplicationName", applicationName);
        Connection connection = DriverManager.getConnection(url, properties);
        connection.setAutoCommit(true);
        return connection;
    }
}
