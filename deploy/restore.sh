#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into a NEW database, then check it.
#
#   deploy/restore.sh FILE NEW_DATABASE_URL [ORIGINAL_DATABASE_URL]
#
# Refuses a database that already exists. After the restore: no migration may be
# pending, every contest's log must fold to its saved snapshot (manage.py
# contest_fingerprint), and, given the original database, each contest's log there up
# to the restored seq must fold to the same state with the same results. Prints the
# restored fingerprint (FILE.restored.json). Then point DATABASE_URL at the new
# database and restart the app servers.
set -euo pipefail
usage="usage: deploy/restore.sh FILE NEW_DATABASE_URL [ORIGINAL_DATABASE_URL]"
file="${1:?$usage}"
target="${2:?$usage}"
original="${3:-}"
cd "$(dirname "$0")/.."
[ -s "$file" ] || { echo "no backup at $file" >&2; exit 1; }
name="${target##*/}"
name="${name%%\?*}"
server="${target%/*}/postgres"
if [ -n "$(psql "$server" -tAc "select 1 from pg_database where datname = '$name'")" ]; then
  echo "database $name already exists: restore into a new one" >&2
  exit 1
fi
psql "$server" -q -c "create database \"$name\""
pg_restore --no-owner --no-privileges --exit-on-error --dbname "$target" "$file"
echo "restored into $name"
py=.venv/bin/python
export DEBUG="${DEBUG:-1}"  # management commands only: no SECRET_KEY needed
DATABASE_URL="$target" $py manage.py migrate --check >/dev/null \
  || { echo "the restored database has pending migrations: run manage.py migrate" >&2; exit 1; }
DATABASE_URL="$target" $py manage.py contest_fingerprint > "$file.restored.json"
$py - "$file.restored.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
bad = [slug for slug, c in data["contests"].items() if not c["fold_equals_snapshot"]]
if bad:
    sys.exit(f"the log does not fold to the snapshot for: {', '.join(bad)}")
print(f"{len(data['contests'])} contests: every log folds to its snapshot")
PY
if [ -n "$original" ]; then
  at=$($py - "$file.restored.json" <<'PY'
import json, sys
contests = json.load(open(sys.argv[1]))["contests"]
print(" ".join("--at %s=%d" % (slug, c["seq"]) for slug, c in contests.items()))
PY
)
  # shellcheck disable=SC2086
  DATABASE_URL="$original" $py manage.py contest_fingerprint $at > "$file.original.json"
  $py - "$file.restored.json" "$file.original.json" <<'PY'
import json, sys
restored, original = (json.load(open(p))["contests"] for p in sys.argv[1:3])
for slug, r in restored.items():
    o = original.get(slug)
    if o is None or (o["seq"], o["state"], o["results"]) != (r["seq"], r["state"], r["results"]):
        sys.exit(f"{slug}: the restored log differs from the original at seq {r['seq']}")
print(f"same logs, states and results as the original at the restored seqs ({len(restored)} contests)")
PY
fi
