"""Production refuses to start half-configured, and passes Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def sample_production_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    for line in (BASE_DIR / "deploy" / "check.env").read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    return env


def run_deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = run_deploy_check(sample_production_environment())

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_its_secret_key():
    env = sample_production_environment()
    env["SECRET_KEY"] = ""

    result = run_deploy_check(env)

    assert result.returncode != 0
    assert "La variable d'environnement SECRET_KEY est vide ou absente" in result.stderr
