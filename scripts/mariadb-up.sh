#!/usr/bin/env bash
# Makes sure a MariaDB server answers on 127.0.0.1:3306 and that the test user exists:
# starts the local one when none is running (without systemd, which containers lack).
# Prints the JDBC URL of the server. User and password: s2svpn / s2svpn (tests create and drop s2svpn_test_* databases).
set -euo pipefail

sock=/run/mysqld/mysqld.sock
if ! mysqladmin --protocol=socket -S "$sock" ping >/dev/null 2>&1; then
    install -d -o mysql -g mysql /run/mysqld
    if [[ ! -d /var/lib/mysql/mysql ]]; then
        mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
    fi
    # setsid: the server outlives this script and the test run, like a system service would
    setsid /usr/sbin/mariadbd --user=mysql --datadir=/var/lib/mysql --socket="$sock" --bind-address=127.0.0.1 --port=3306 \
        >/var/log/s2svpn-mariadb.log 2>&1 < /dev/null &
    for _ in $(seq 1 60); do
        mysqladmin --protocol=socket -S "$sock" ping >/dev/null 2>&1 && break
        sleep 0.5
    done
    mysqladmin --protocol=socket -S "$sock" ping >/dev/null 2>&1 || { echo "mariadb-up: MariaDB did not start; see /var/log/s2svpn-mariadb.log" >&2; exit 1; }
fi
mysql --protocol=socket -S "$sock" -u root <<'SQL'
CREATE USER IF NOT EXISTS 's2svpn'@'localhost' IDENTIFIED BY 's2svpn';
CREATE USER IF NOT EXISTS 's2svpn'@'127.0.0.1' IDENTIFIED BY 's2svpn';
GRANT ALL PRIVILEGES ON `s2svpn\_test\_%`.* TO 's2svpn'@'localhost';
GRANT ALL PRIVILEGES ON `s2svpn\_test\_%`.* TO 's2svpn'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `cloud`.* TO 's2svpn'@'localhost';
GRANT ALL PRIVILEGES ON `cloud`.* TO 's2svpn'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
echo "jdbc:mysql://127.0.0.1:3306/"
