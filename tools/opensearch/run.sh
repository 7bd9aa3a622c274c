#!/usr/bin/env bash
# A real OpenSearch 2.19 node in a JVM on 127.0.0.1, for the test suite only.
#   tools/opensearch/run.sh start   # resolve (Maven cache), compile, start, wait; prints the URL
#   tools/opensearch/run.sh stop | status
# OPENSEARCH_PORT (9250), OPENSEARCH_HOME (/tmp/gohelliades-opensearch), OPENSEARCH_HEAP (512m).
here="$(cd "$(dirname "$0")" && pwd)"
port="${OPENSEARCH_PORT:-9250}"
home="${OPENSEARCH_HOME:-/tmp/gohelliades-opensearch}"
heap="${OPENSEARCH_HEAP:-512m}"
main=TestNode
name=OpenSearch
source "$here/../test-node.sh"
