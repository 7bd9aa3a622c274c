import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node inside this JVM, for the test suite only: loopback, single node, no
 * security manager, the two modules our index settings need loaded from the classpath.
 *
 * Usage: TestNode HOME_DIR HTTP_PORT. Writes HOME_DIR/ready once the node answers.
 */
public final class TestNode {

    /** Node's plugin constructor is protected: a subclass is the embedding hook it offers. */
    private static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment environment, List<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String httpPort = args.length > 1 ? args[1] : "9250";
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
            .put("transport.port", "9350-9399")
            .put("discovery.type", "single-node")
            // A laptop or CI disk can be nearly full; shards must still be allocated.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();

        Environment environment =
            InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), home.resolve("config"), () -> "test-node");
        Node node = new EmbeddedNode(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class));

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
        System.out.println("OpenSearch test node ready on http://127.0.0.1:" + httpPort);
        stopped.await();
    }
}
