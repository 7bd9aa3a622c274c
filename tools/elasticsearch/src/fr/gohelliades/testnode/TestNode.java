package fr.gohelliades.testnode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * One Elasticsearch node inside this JVM, for the test suite only: loopback, single node, no
 * security layer (as docker-compose runs it), HTTP from Netty4Plugin and the analysis our
 * index settings need from StandInModulesPlugin, both loaded from the classpath.
 *
 * Usage: TestNode HOME_DIR HTTP_PORT. Writes HOME_DIR/ready once the node answers.
 */
public final class TestNode {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String httpPort = args.length > 1 ? args[1] : "9260";
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        Path ready = home.resolve("ready");
        Files.deleteIfExists(ready);

        Settings settings = Settings.builder()
            .put("cluster.name", "gohelliades-tests")
            .put("node.name", "test-node")
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            // Not OpenSearch's 9350-9399: both test nodes may run side by side.
            .put("transport.port", "9400-9449")
            .put("discovery.type", "single-node")
            // A laptop or CI disk can be nearly full; shards must still be allocated.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // Warnings and errors in node.log; INFO would log every index created by the tests.
            .put("logger.level", "WARN")
            .build();

        // What Elasticsearch's own launcher does before anything logs (no log4j2.properties).
        LogConfigurator.configureESLogging();
        LogConfigurator.configureWithoutConfig(settings);

        Environment environment =
            InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), home.resolve("config"), () -> "test-node");
        Node node = new ClasspathPluginsNode(environment, List.of(Netty4Plugin.class, StandInModulesPlugin.class));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
                node.close();
                node.awaitClose(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Shutting down anyway: nothing useful to do with the error.
            }
            stopped.countDown();
        }));

        node.start();
        Files.writeString(ready, "http://127.0.0.1:" + httpPort + "\n", StandardCharsets.UTF_8);
        System.out.println("Elasticsearch test node ready on http://127.0.0.1:" + httpPort);
        stopped.await();
    }
}
