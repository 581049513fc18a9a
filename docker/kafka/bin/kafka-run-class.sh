#!/usr/bin/env bash
# Runs a Java main class with the image's Kafka jars (a small kafka-run-class.sh honouring the same
# environment variables as Kafka's own: KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_OPTS,
# KAFKA_GC_LOG_OPTS, KAFKA_JMX_OPTS, KAFKA_OPTS).
set -euo pipefail
if [[ $# -lt 1 ]]; then
    echo "USAGE: $0 classname [opts]" >&2
    exit 1
fi
main=$1
shift
: "${KAFKA_HEAP_OPTS:=-Xmx256M}"
: "${KAFKA_JVM_PERFORMANCE_OPTS:=-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
: "${KAFKA_LOG4J_OPTS:=-Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.properties}"
# word splitting of the *_OPTS variables is intended
# shellcheck disable=SC2086
exec java $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS ${KAFKA_GC_LOG_OPTS:-} ${KAFKA_JMX_OPTS:-} \
    $KAFKA_LOG4J_OPTS -cp '/opt/kafka/libs/*' ${KAFKA_OPTS:-} "$main" "$@"
