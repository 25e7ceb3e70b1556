"""Production settings: loud without their secrets, clean under ``check --deploy``."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-with-enough-entropy-0123456",
    "DJANGO_ALLOWED_HOSTS": "vitrine.example.org",
    "DATABASE_URL": "sqlite:///" + str(ROOT / ".data" / "deploy-check.sqlite3"),
    "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    "WAGTAILADMIN_BASE_URL": "https://vitrine.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "Vitrine <contact@vitrine.example.org>",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "ELASTICSEARCH_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_its_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_URL"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_static_files_collect_under_production_settings(tmp_path):
    """WhiteNoise's manifest storage rewrites references; a missing one is fatal."""
    env = {**PRODUCTION_ENV, "DJANGO_STATIC_ROOT": str(tmp_path)}
    result = _manage("collectstatic", "--no-input", "-v", "0", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "search/vendor/leaflet/leaflet.js" in manifest
    assert "css/vitrine.css" in manifest
