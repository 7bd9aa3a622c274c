package fr.gohelliades.testnode;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterName;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.bytes.BytesArray;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.env.Environment;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

/**
 * TEST ONLY — never part of the application, never deployed: it is compiled and loaded by
 * tools/elasticsearch/run.sh for the test node alone. It stands in for two modules of the
 * Elasticsearch distribution that Maven Central does not publish, so that the node built from
 * Maven artifacts accepts our index definition and our client unchanged:
 *
 * - analysis-common: exactly the analysis components that our index settings
 *   (search/analysis.py) and Wagtail's elasticsearch8 backend name and the server lacks — the
 *   elision, asciifolding, stemmer (light_french), synonym_graph, edge_ngram and ngram filters,
 *   the edge_ngram and ngram tokenizers. Each is the Lucene class Elasticsearch's own factory
 *   wraps (from the lucene-analysis-common jar the server ships with), read from the same
 *   settings; a setting we do not use is refused rather than ignored, so that the test node
 *   never silently differs from production.
 * - rest-root: GET / and HEAD / (the version document), which the client's info() and ping()
 *   call.
 *
 * Anything else those modules or the other missing ones (painless, reindex, by-query...)
 * provide stays absent here: a test needing it is skipped on this engine, saying so.
 */
public final class StandInModulesPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    private volatile ClusterService clusterService;

    @Override
    public Collection<?> createComponents(PluginServices services) {
        clusterService = services.clusterService();
        return List.of();
    }

    // ---- analysis-common, the part our mapping uses ----

    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        // "lowercase" by name comes with the server itself.
        return List.of(PreConfiguredTokenFilter.singleton("asciifolding", true, ASCIIFoldingFilter::new));
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "elision", AnalysisPlugin.requiresAnalysisSettings(StandInModulesPlugin::elision),
            "asciifolding", StandInModulesPlugin::asciiFolding,
            "stemmer", AnalysisPlugin.requiresAnalysisSettings(StandInModulesPlugin::stemmer),
            "synonym_graph", AnalysisPlugin.requiresAnalysisSettings(SynonymGraph::new),
            "edge_ngram", StandInModulesPlugin::edgeNGramFilter,
            "ngram", StandInModulesPlugin::nGramFilter
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "edge_ngram", (indexSettings, env, name, settings) -> {
                int[] grams = grams(settings, name, Set.of("min_gram", "max_gram", "side"));
                return TokenizerFactory.newFactory(name, () -> new EdgeNGramTokenizer(grams[0], grams[1]));
            },
            "ngram", (indexSettings, env, name, settings) -> {
                int[] grams = grams(settings, name, Set.of("min_gram", "max_gram"));
                checkNGramDiff(indexSettings, grams);
                return TokenizerFactory.newFactory(name, () -> new NGramTokenizer(grams[0], grams[1]));
            }
        );
    }

    private static TokenFilterFactory elision(IndexSettings index, Environment env, String name, Settings settings) {
        onlyKnown(settings, name, Set.of("articles", "articles_case"));
        CharArraySet parsed = Analysis.parseArticles(env, settings);
        CharArraySet articles = parsed == null ? FrenchAnalyzer.DEFAULT_ARTICLES : parsed;
        return new Normalizing(name, settings, stream -> new ElisionFilter(stream, articles));
    }

    private static TokenFilterFactory asciiFolding(IndexSettings index, Environment env, String name, Settings settings) {
        onlyKnown(settings, name, Set.of("preserve_original"));
        boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        return new Normalizing(name, settings, stream -> new ASCIIFoldingFilter(stream, preserveOriginal)) {
            @Override
            public TokenStream normalize(TokenStream stream) {
                return new ASCIIFoldingFilter(stream, false);
            }
        };
    }

    private static TokenFilterFactory stemmer(IndexSettings index, Environment env, String name, Settings settings) {
        onlyKnown(settings, name, Set.of("language", "name"));
        String language = settings.get("language", settings.get("name", "english"));
        if (!"light_french".equals(language)) {
            throw new IllegalArgumentException(
                "[" + name + "]: the test node's stemmer knows only light_french, not [" + language + "]"
            );
        }
        return new Simple(name, settings, FrenchLightStemFilter::new);
    }

    private static TokenFilterFactory edgeNGramFilter(IndexSettings index, Environment env, String name, Settings settings) {
        int[] grams = grams(settings, name, Set.of("min_gram", "max_gram", "preserve_original"));
        boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        return new Simple(name, settings, stream -> new EdgeNGramTokenFilter(stream, grams[0], grams[1], preserveOriginal));
    }

    private static TokenFilterFactory nGramFilter(IndexSettings index, Environment env, String name, Settings settings) {
        int[] grams = grams(settings, name, Set.of("min_gram", "max_gram", "preserve_original"));
        checkNGramDiff(index, grams);
        boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
        return new Simple(name, settings, stream -> new NGramTokenFilter(stream, grams[0], grams[1], preserveOriginal));
    }

    /** min_gram and max_gram with Elasticsearch's defaults (1 and 2). */
    private static int[] grams(Settings settings, String name, Set<String> known) {
        onlyKnown(settings, name, known);
        return new int[] { settings.getAsInt("min_gram", 1), settings.getAsInt("max_gram", 2) };
    }

    /** Elasticsearch refuses wide n-gram ranges (index.max_ngram_diff): so must we, or a
     * mapping accepted here could be refused in production. */
    private static void checkNGramDiff(IndexSettings index, int[] grams) {
        int allowed = index.getMaxNgramDiff();
        if (grams[1] - grams[0] > allowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: ["
                    + allowed + "] but was [" + (grams[1] - grams[0]) + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting."
            );
        }
    }

    private static void onlyKnown(Settings settings, String name, Set<String> known) {
        for (String key : settings.keySet()) {
            // "type" and index.version.created come with every component's settings.
            if (!"type".equals(key) && !key.startsWith("index.") && !known.contains(key)) {
                throw new IllegalArgumentException(
                    "[" + name + "]: setting [" + key + "] is not supported by the test node's stand-in for analysis-common"
                );
            }
        }
    }

    private static class Simple extends AbstractTokenFilterFactory {
        private final Function<TokenStream, TokenStream> filter;

        Simple(String name, Settings settings, Function<TokenStream, TokenStream> filter) {
            super(name, settings);
            this.filter = filter;
        }

        @Override
        public TokenStream create(TokenStream stream) {
            return filter.apply(stream);
        }
    }

    /** Also applied to the terms of wildcard and prefix queries, as Elasticsearch does. */
    private static class Normalizing extends Simple implements NormalizingTokenFilterFactory {
        Normalizing(String name, Settings settings, Function<TokenStream, TokenStream> filter) {
            super(name, settings, filter);
        }
    }

    /**
     * Inline Solr-format rules, parsed through the filters that precede this one in the
     * analyzer (as Elasticsearch does), so « Terril » in a rule matches what a search for
     * « terril » has become by then.
     */
    private static final class SynonymGraph extends AbstractTokenFilterFactory {
        private final List<String> rules;

        SynonymGraph(IndexSettings index, Environment env, String name, Settings settings) {
            super(name, settings);
            onlyKnown(settings, name, Set.of("synonyms"));
            rules = settings.getAsList("synonyms");
        }

        @Override
        public TokenStream create(TokenStream stream) {
            throw new IllegalStateException("[" + name() + "] needs its analyzer chain to parse its rules");
        }

        @Override
        public TokenFilterFactory getChainAwareTokenFilterFactory(
            IndexCreationContext context,
            TokenizerFactory tokenizer,
            List<CharFilterFactory> charFilters,
            List<TokenFilterFactory> previousTokenFilters,
            Function<String, TokenFilterFactory> allFilters
        ) {
            Analyzer chain = new CustomAnalyzer(
                tokenizer,
                charFilters.toArray(new CharFilterFactory[0]),
                previousTokenFilters.stream().map(TokenFilterFactory::getSynonymFilter).toArray(TokenFilterFactory[]::new)
            );
            SynonymMap map;
            try {
                SolrSynonymParser parser = new SolrSynonymParser(true, true, chain);
                parser.parse(new StringReader(String.join("\n", rules)));
                map = parser.build();
            } catch (IOException | ParseException e) {
                throw new IllegalArgumentException("[" + name() + "]: failed to build synonyms", e);
            }
            String name = name();
            return new TokenFilterFactory() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public TokenStream create(TokenStream stream) {
                    return map.fst == null ? stream : new SynonymGraphFilter(stream, map, false);
                }
            };
        }
    }

    // ---- rest-root: the version document ----

    @Override
    public Collection<RestHandler> getRestHandlers(
        Settings settings,
        NamedWriteableRegistry namedWriteableRegistry,
        RestController restController,
        ClusterSettings clusterSettings,
        IndexScopedSettings indexScopedSettings,
        SettingsFilter settingsFilter,
        IndexNameExpressionResolver indexNameExpressionResolver,
        Supplier<DiscoveryNodes> nodesInCluster,
        Predicate<NodeFeature> clusterSupportsFeature
    ) {
        return List.of(new BaseRestHandler() {
            @Override
            public String getName() {
                return "test_node_main_action";
            }

            @Override
            public List<Route> routes() {
                return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
            }

            @Override
            protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
                if (request.method() == RestRequest.Method.HEAD) {
                    return channel -> channel.sendResponse(new RestResponse(RestStatus.OK, RestResponse.TEXT_CONTENT_TYPE, BytesArray.EMPTY));
                }
                return channel -> {
                    Build build = Build.current();
                    XContentBuilder body = channel.newBuilder();
                    body.startObject()
                        .field("name", Node.NODE_NAME_SETTING.get(settings))
                        .field("cluster_name", ClusterName.CLUSTER_NAME_SETTING.get(settings).value())
                        .field("cluster_uuid", clusterService.state().metadata().clusterUUID())
                        .startObject("version")
                        .field("number", build.qualifiedVersion())
                        .field("build_flavor", build.flavor())
                        .field("build_type", build.type().displayName())
                        .field("build_hash", build.hash())
                        .field("build_date", build.date())
                        .field("build_snapshot", build.isSnapshot())
                        .field("lucene_version", org.apache.lucene.util.Version.LATEST.toString())
                        .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
                        .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
                        .endObject()
                        .field("tagline", "You Know, for Search")
                        .endObject();
                    channel.sendResponse(new RestResponse(RestStatus.OK, body));
                };
            }
        });
    }
}
