# Shared by bin/demo and bin/test: create or refresh the project's virtual environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
pick_python() {
  for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Python 3.11 or newer is required" >&2; return 1
}
if [ ! -x .venv/bin/python ]; then
  "$(pick_python)" -m venv .venv
fi
# Installs exactly what requirements.lock pins (bin/lock regenerates it from pyproject.toml).
stamp=".venv/.installed-$(cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  # (the grep drops pip's notes about unreachable local mirrors configured on some machines)
  .venv/bin/python -m pip install --quiet --upgrade pip 2>&1 | grep -v "WARNING: Location" || true
  .venv/bin/python -m pip install --quiet -r requirements.lock 2>&1 | grep -v "WARNING: Location" || true
  .venv/bin/python -c "import django, channels, daphne, msgspec, xdist" # fail loudly if the install failed
  rm -f .venv/.installed-*
  touch "$stamp"
fi
export PATH="$ROOT/.venv/bin:$PATH"
