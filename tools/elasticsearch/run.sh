#!/usr/bin/env bash
# A real Elasticsearch 8.19 node in a JVM on 127.0.0.1, for the test suite only.
#   tools/elasticsearch/run.sh start   # resolve (Maven cache), compile, start, wait; prints the URL
#   tools/elasticsearch/run.sh stop | status
# ELASTICSEARCH_TEST_PORT (9260), ELASTICSEARCH_TEST_HOME (/tmp/gohelliades-elasticsearch),
# ELASTICSEARCH_TEST_HEAP (512m). Not ELASTICSEARCH_HEAP: docker-compose's .env uses that one.
here="$(cd "$(dirname "$0")" && pwd)"
port="${ELASTICSEARCH_TEST_PORT:-9260}"
home="${ELASTICSEARCH_TEST_HOME:-/tmp/gohelliades-elasticsearch}"
heap="${ELASTICSEARCH_TEST_HEAP:-512m}"
main=fr.gohelliades.testnode.TestNode
name=Elasticsearch
source "$here/../test-node.sh"
