"""The settings pick their backends from the environment (checked in fresh processes)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'db': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'layer': settings.CHANNEL_LAYERS['default']['BACKEND'], "
    "'cache': settings.CACHES['default']['BACKEND'], 'tz': settings.TIME_ZONE, "
    "'lang': settings.LANGUAGE_CODE, 'debug': settings.DEBUG}))"
)


def probe(**env: str) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY")
    }
    base["DJANGO_SETTINGS_MODULE"] = "hall.settings"
    base.update(env)
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_embedded_default_is_sqlite_and_in_memory_layer() -> None:
    out = probe(DEBUG="1")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["db"] == "django.db.backends.sqlite3"
    assert data["layer"] == "channels.layers.InMemoryChannelLayer"
    assert data["tz"] == "Asia/Ho_Chi_Minh"
    assert data["lang"] == "vi"


def test_database_url_and_redis_url_select_postgresql_and_redis() -> None:
    out = probe(
        DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/hoithi",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["db"] == "django.db.backends.postgresql"
    assert data["name"] == "hoithi"
    assert data["layer"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    assert data["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_missing_secret_key_without_debug_is_a_clear_startup_error() -> None:
    out = probe()
    assert out.returncode != 0
    assert "SECRET_KEY is not set" in out.stderr


def test_secret_key_from_environment_without_debug() -> None:
    out = probe(SECRET_KEY="x" * 60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["debug"] is False


def test_deploy_check_is_clean_with_production_settings() -> None:
    drop = ("DATABASE_URL", "REDIS_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        SECRET_KEY="k" * 30 + "Zq8!rT#2vY@9pL$4mN&6bX*1cV^3" + "s" * 10,
        SECURE_SSL_REDIRECT="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_PRELOAD="1",
        DJANGO_SETTINGS_MODULE="hall.settings",
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_sqlite_database_url_starts_migrates_and_has_no_pool(tmp_path) -> None:
    """DATABASE_URL=sqlite:///path used to crash ('pool' is an invalid keyword argument)."""
    path = tmp_path / "hall.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DEBUG="1", DATABASE_URL=f"sqlite:///{path}", DJANGO_SETTINGS_MODULE="hall.settings")
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert migrate.returncode == 0, migrate.stderr
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]; "
        "from hall.models import Contest; "
        "print(json.dumps({'name': str(settings.DATABASES['default']['NAME']), "
        "'options': sorted(settings.DATABASES['default']['OPTIONS']), 'mode': mode, "
        "'contests': Contest.objects.count()}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["name"] == str(path)
    assert "pool" not in data["options"]
    assert data["mode"] == "wal" and data["contests"] == 0


def test_postgresql_url_gets_the_pool_unless_disabled() -> None:
    script = (
        "import json, django; from django.conf import settings; "
        "print(json.dumps(sorted(settings.DATABASES['default'].get('OPTIONS', {}))))"
    )
    url = "postgres://postgres@127.0.0.1:5432/hoithi"
    for pool, expected in (("1", ["pool"]), ("0", [])):
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env.update(
            DEBUG="1", DATABASE_URL=url, DB_POOL=pool, DJANGO_SETTINGS_MODULE="hall.settings"
        )
        out = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == expected
