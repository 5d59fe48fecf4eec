#!/usr/bin/env bash
# Bounces read from an IMAP mailbox per minute (target 1,000), with the service's heap capped to show
# memory does not grow with the mailbox. The mailbox is a real Dovecot (Debian's dovecot-imapd, started
# by the benchmark; it needs root) whose Maildir is filled directly with copies of one DSN that Postfix
# wrote, each naming another existing reader.
# Usage: bench/bounce-mailbox.sh [DSNs]   (default 10000). Environment: HEAP [-Xmx64m].
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java ${HEAP:--Xmx64m} -XX:+UseSerialGC -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.tidings.bounce.MailboxBenchmark "${1:-10000}" 2>&1 | grep --line-buffered -v -E '^(SLF4J|[0-9:.]+ +(INFO|DEBUG))'
