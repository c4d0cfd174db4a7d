#!/bin/sh
# First start: a cluster in $PGDATA, password authentication over TCP, and the service's user and
# database (POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB). Every start: postgres in the
# foreground as PID 1 (SIGINT, the image's stop signal, is its fast shutdown).
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
    initdb -D "$PGDATA" --username=postgres --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 >/dev/null
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    user=${POSTGRES_USER:-logreg}
    database=${POSTGRES_DB:-logreg}
    password=$(printf '%s' "$POSTGRES_PASSWORD" | sed "s/'/''/g")
    postgres --single -D "$PGDATA" postgres >/dev/null <<SQL
CREATE USER "$user" PASSWORD '$password';
CREATE DATABASE "$database" OWNER "$user";
SQL
fi
exec postgres -D "$PGDATA" -c listen_addresses='*'
