package nl.beleidsgraaf.neo4j;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Starts an embedded Neo4j Community DBMS with only the Bolt connector enabled
 * (no auth, no HTTP) and blocks until the JVM is asked to stop (SIGTERM/SIGINT).
 *
 * <pre>
 * usage: java -jar neo4j-launcher.jar [port] [home-dir]
 *   port     : arg 1, else $NEO4J_PORT, else 7687
 *   home-dir : arg 2, else $NEO4J_HOME_DIR, else a fresh temp dir that is
 *              deleted again on shutdown
 *   bind host: $NEO4J_HOST, else 127.0.0.1
 *   page cache: $NEO4J_PAGECACHE, else 64m
 * </pre>
 */
public final class Launcher {

    public static void main(String[] args) throws Exception {
        String host = env("NEO4J_HOST", "127.0.0.1");
        int port = Integer.parseInt(args.length > 0 ? args[0] : env("NEO4J_PORT", "7687"));
        String homeArg = args.length > 1 ? args[1] : env("NEO4J_HOME_DIR", "");
        boolean tempHome = homeArg.isEmpty();
        Path home = tempHome ? Files.createTempDirectory("neo4j-embedded-") : Path.of(homeArg);
        Files.createDirectories(home);
        long pageCache = parseBytes(env("NEO4J_PAGECACHE", "64m"));

        DatabaseManagementService dbms;
        try {
            dbms = build(home, host, port, pageCache);
        } catch (Throwable t) { // e.g. port already in use
            if (tempHome) {
                deleteRecursively(home);
            }
            throw t;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j shutting down");
            try {
                dbms.shutdown();
            } catch (Throwable t) {
                t.printStackTrace();
            }
            if (tempHome) {
                deleteRecursively(home);
            }
            System.out.println("neo4j stopped");
            System.out.flush();
            stopped.countDown();
        }, "neo4j-shutdown"));

        // Make sure the default database is online and answering before we
        // announce readiness (Bolt may already accept TCP a bit earlier).
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofMinutes(2).toMillis())) {
            System.err.println("neo4j default database '" + db.databaseName() + "' did not become available");
            System.exit(1);
        }
        db.executeTransactionally("RETURN 1");

        System.out.println("neo4j ready bolt://" + host + ":" + port + " (home " + home + ")");
        System.out.flush();
        stopped.await();
    }

    private static DatabaseManagementService build(Path home, String host, int port, long pageCache) {
        return new DatabaseManagementServiceBuilder(home.toAbsolutePath())
                .setUserLogProvider(new Log4jLogProvider(System.out))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Defaults are 5 s each and are waited out even with zero open
                // connections, making every stop take ~11 s. 1 s is plenty for tests.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Otherwise every database preallocates a 256 MB transaction log
                // (~0.5 GB of disk for system + neo4j on each fresh start).
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 32L << 20)
                .build();
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    private static long parseBytes(String s) {
        String v = s.trim().toLowerCase();
        long mul = 1;
        char last = v.charAt(v.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            mul = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            v = v.substring(0, v.length() - 1);
        }
        return Long.parseLong(v) * mul;
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
