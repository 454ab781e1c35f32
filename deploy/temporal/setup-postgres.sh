#!/bin/sh
# Creates (or upgrades) Temporal's two PostgreSQL databases; run by the
# temporal-admin-tools service of temporal-compose.yml before the server starts.
set -eu

until nc -z -w 5 postgresql 5432; do sleep 1; done

for database in temporal:temporal temporal_visibility:visibility; do
  name=${database%%:*}
  schema=${database##*:}
  # On a re-run the database and its base schema exist already; update-schema is what must succeed.
  temporal-sql-tool --plugin postgres12 --ep postgresql -u temporal -p 5432 --db "$name" create || true
  temporal-sql-tool --plugin postgres12 --ep postgresql -u temporal -p 5432 --db "$name" setup-schema -v 0.0 || true
  temporal-sql-tool --plugin postgres12 --ep postgresql -u temporal -p 5432 --db "$name" \
    update-schema -d "/etc/temporal/schema/postgresql/v12/$schema/versioned"
done
