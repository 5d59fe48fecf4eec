#!/usr/bin/env bash
# Digests rendered and written as MIME messages per second on one thread (target 20,000).
# Usage: bench/digest-render.sh [messages]   (default 200000). Pinned to one core where taskset exists.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
"${pin[@]}" java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.tidings.edition.DigestRenderBenchmark "${1:-200000}" 2>&1 | grep -v -E '^(SLF4J|[0-9:.]+ +(INFO|DEBUG))'
