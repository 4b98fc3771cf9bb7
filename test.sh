#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine with a JDK and Maven, as root:
# installs what is missing (MariaDB, the API clients), starts MariaDB when none runs, builds, runs every test.
set -euo pipefail
cd "$(dirname "$0")"

scripts/test-deps.sh
S2SVPN_TEST_MYSQL_URL=$(scripts/mariadb-up.sh)
export S2SVPN_TEST_MYSQL_URL S2SVPN_TEST_MYSQL_USER=s2svpn S2SVPN_TEST_MYSQL_PASSWORD=s2svpn

mvn -B -ntp verify "$@"
