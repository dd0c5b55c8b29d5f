#!/usr/bin/env bash
# Back up the hall's PostgreSQL database while it runs: pg_dump reads one consistent
# snapshot (each command's events and the hall's snapshot are written in one
# transaction, so the copy holds whole commands only) and the show goes on meanwhile.
# Custom format: compressed, restored by deploy/restore.sh.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hoithi deploy/backup.sh [FILE]
#
# FILE defaults to backups/hoithi-<UTC date and time>.dump.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
cd "$(dirname "$0")/.."
out="${1:-backups/hoithi-$(date -u +%Y%m%d-%H%M%S).dump}"
mkdir -p "$(dirname "$out")"
pg_dump --format=custom --no-owner --no-privileges --file "$out.partial" "$DATABASE_URL"
mv "$out.partial" "$out"
echo "backup: $out ($(du -h "$out" | cut -f1))"
