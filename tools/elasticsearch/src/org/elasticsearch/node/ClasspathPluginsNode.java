package org.elasticsearch.node;

import java.util.Collection;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * A node whose plugins are classes on the classpath instead of folders under modules/ and
 * plugins/: what the Maven artifacts allow, since no distribution is unpacked here.
 *
 * It sits in Elasticsearch's own package because the hook (NodeConstruction and the service
 * provider it asks for the plugin service) is package-private; the test framework's MockNode
 * uses the same hook but also needs the randomized-testing runner, which this JVM must not load.
 */
public final class ClasspathPluginsNode extends Node {

    public ClasspathPluginsNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(environment, null, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader pluginsLoader) {
                return new MockPluginsService(env.settings(), env, plugins);
            }
        }, true));
    }
}
