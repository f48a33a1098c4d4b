#!/bin/sh
# Runs once, when the PostgreSQL container initialises an empty data directory (before the
# platform's first migration): creates the Grafana role with its password. Migration 0005 then
# finds the role and grants it SELECT on the views of schema `supervision` only.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$GRAFANA_DB_PASSWORD" <<'SQL'
CREATE ROLE cheguan_grafana LOGIN PASSWORD :'password';
ALTER ROLE cheguan_grafana SET default_transaction_read_only = on;
ALTER ROLE cheguan_grafana SET statement_timeout = '30s';
SQL
