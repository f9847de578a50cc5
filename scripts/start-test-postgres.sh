#!/usr/bin/env bash
# Start a local PostgreSQL for the scaled-mode test run and print its URL on stdout.
# Installs the server from Debian's packages when missing; the role's password is drawn
# anew each time (no default passwords, even for a throwaway test database).
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
read -r version cluster _ < <(pg_lsclusters -h | head -n 1)
pg_ctlcluster "$version" "$cluster" start >&2 2>&1 || true
for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 1
done
password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
su postgres -c "psql -v ON_ERROR_STOP=1 -q" >&2 <<SQL
SELECT 'CREATE ROLE casework_test LOGIN'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'casework_test')\gexec
-- CREATEDB: the scaled-mode test gives its Prefect server a database of its own.
ALTER ROLE casework_test WITH LOGIN CREATEDB PASSWORD '$password';
SELECT 'CREATE DATABASE casework_test OWNER casework_test'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'casework_test')\gexec
ALTER DATABASE casework_test OWNER TO casework_test;
SQL
echo "postgresql+psycopg://casework_test:${password}@127.0.0.1:$(pg_lsclusters -h | head -n 1 | awk '{print $3}')/casework_test"
