#!/usr/bin/env bash
# Runs one benchmark of BENCHMARKS.md by its class name and prints its figures, e.g.
#   scripts/bench.sh ApiBenchmark [-Dbench.routers=100 ...]
# Like test.sh it starts MariaDB when none runs; it builds without running the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 ]] || { echo "usage: scripts/bench.sh BenchmarkClass [-Dname=value ...]" >&2; exit 2; }
name=$1; shift
S2SVPN_TEST_MYSQL_URL=$(scripts/mariadb-up.sh)
export S2SVPN_TEST_MYSQL_URL S2SVPN_TEST_MYSQL_USER=s2svpn S2SVPN_TEST_MYSQL_PASSWORD=s2svpn
mvn -B -q -ntp install -DskipTests
mvn -B -q -ntp -pl test surefire:test -Dtest="$name" "$@"
