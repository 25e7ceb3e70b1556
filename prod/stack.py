"""Start the production stack on this machine: ``make prod`` (Ctrl-C stops it all).

PostgreSQL (a private cluster, as ``.ci/with-postgres`` makes), Redis, the search
engine (embedded noida-db, or ``ELASTICSEARCH_URL`` when set), gunicorn with
several workers, the task worker (``db_worker``) and the scheduler, all under
``config.settings.production``. Ports follow ``--port`` (web): engine +1, Redis +2,
PostgreSQL +3. Plain HTTP on loopback only, through ``DJANGO_LOOPBACK_HTTP``.

    python -m prod.stack --port 8300 --data-dir .data/prod [--shops 300]

``bench/prod_smoke.py`` uses the same ``Stack`` to inject its faults.
"""

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MANAGE = [PYTHON, str(ROOT / "manage.py")]


class StackError(RuntimeError):
    pass


def _as_postgres(command: list[str]) -> list[str]:
    """The PostgreSQL server refuses to run as root: run it as ``postgres``."""
    return (
        ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else command
    )


def _pg_bin() -> Path:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name
    )
    if not found:
        raise StackError("PostgreSQL is not installed: apt-get install -y postgresql")
    return found[-1]


def _wait_http(url: str, *, timeout: float, process=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise StackError(f"{url}: the process exited ({process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback)
                return
        except urllib.error.HTTPError:
            return  # it answers, even if not 200
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            time.sleep(0.2)
    raise StackError(f"{url} did not answer within {timeout:.0f} s")


class Service:
    """One long-running process of the stack, in its own process group."""

    def __init__(self, name: str, command: list[str], *, env: dict, log: Path):
        self.name, self.command, self.env, self.log = name, command, env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 20) -> None:
        if not self.running:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class Stack:
    def __init__(self, *, port: int, data_dir: Path, web_workers: int = 3):
        self.port, self.web_workers = port, web_workers
        self.data_dir = data_dir.resolve()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        (self.data_dir / "logs").mkdir(exist_ok=True)
        self.mail_dir = self.data_dir / "mail"
        self.mail_dir.mkdir(exist_ok=True)
        # PostgreSQL runs as `postgres`, which must reach its folders: keep them in
        # /tmp, named by port, rather than under a home or work directory.
        self.pg_dir = Path(tempfile.gettempdir()) / f"vitrine-prod-pg-{port + 3}"
        self.engine_url = os.environ.get("ELASTICSEARCH_URL", "")
        self.services: dict[str, Service] = {}
        self.env = self._environment()

    # ---- configuration -------------------------------------------------------
    def _secret(self) -> str:
        path = self.data_dir / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()

    def _environment(self) -> dict:
        engine = self.engine_url or f"http://127.0.0.1:{self.port + 1}"
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
            "DJANGO_SECRET_KEY": self._secret(),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP is allowed on loopback only, and only when asked for.
            "DJANGO_LOOPBACK_HTTP": "true",
            "DATABASE_URL": (
                f"postgres://postgres@/vitrine?host={self.pg_dir}&port={self.port + 3}"
            ),
            "CACHE_URL": f"redis://127.0.0.1:{self.port + 2}/0",
            "ELASTICSEARCH_URL": engine,
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{self.port}",
            "EMAIL_HOST": "127.0.0.1",
            # No mail server here: each email is written to a file (counted by the
            # smoke test); a real SMTP host replaces this in production.
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "DJANGO_EMAIL_FILE_PATH": str(self.mail_dir),
            "DEFAULT_FROM_EMAIL": "Vitrine <no-reply@vitrine.localhost>",
            "DJANGO_STATIC_ROOT": str(self.data_dir / "static"),
            "DJANGO_MEDIA_ROOT": str(self.data_dir / "media"),
            "OPENDATA_ROOT": str(self.data_dir / "open-data"),
            "OPS_LOCK_DIR": str(self.data_dir / "locks"),
        }

    def manage(self, *args: str, settings: str = "", check: bool = True) -> str:
        env = dict(self.env)
        if settings:
            env["DJANGO_SETTINGS_MODULE"] = settings
        done = subprocess.run(
            [*MANAGE, *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if check and done.returncode:
            raise StackError(
                f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}"
            )
        return done.stdout

    # ---- the services ------------------------------------------------------------
    def _service(self, name: str, command: list[str]) -> Service:
        service = Service(
            name, command, env=self.env, log=self.data_dir / "logs" / f"{name}.log"
        )
        self.services[name] = service
        return service

    def postgres_start(self) -> None:
        pg_bin, data = _pg_bin(), self.pg_dir / "data"
        if not (data / "PG_VERSION").exists():
            self.pg_dir.mkdir(parents=True, exist_ok=True)
            if os.getuid() == 0:
                shutil.chown(self.pg_dir, "postgres")
            subprocess.run(
                _as_postgres(
                    [
                        str(pg_bin / "initdb"),
                        "-D",
                        str(data),
                        "-A",
                        "trust",
                        "-U",
                        "postgres",
                        "-E",
                        "UTF8",
                    ]
                ),
                check=True,
                capture_output=True,
            )
        subprocess.run(
            _as_postgres(
                [
                    str(pg_bin / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(self.pg_dir / "server.log"),
                    "-o",
                    f"-p {self.port + 3} -k {self.pg_dir} -c listen_addresses='' "
                    "-c max_connections=200 -c fsync=off",
                    "-w",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )
        created = subprocess.run(
            _as_postgres(
                [
                    str(pg_bin / "createdb"),
                    "-h",
                    str(self.pg_dir),
                    "-p",
                    str(self.port + 3),
                    "-U",
                    "postgres",
                    "vitrine",
                ]
            ),
            capture_output=True,
            text=True,
        )
        if created.returncode and "already exists" not in created.stderr:
            raise StackError(created.stderr)

    def postgres_stop(self) -> None:
        data = self.pg_dir / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run(
                _as_postgres(
                    [
                        str(_pg_bin() / "pg_ctl"),
                        "-D",
                        str(data),
                        "-m",
                        "fast",
                        "-w",
                        "stop",
                    ]
                ),
                capture_output=True,
            )

    def redis_start(self) -> None:
        service = self.services.get("redis") or self._service(
            "redis",
            [
                shutil.which("redis-server") or "/usr/bin/redis-server",
                "--port",
                str(self.port + 2),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        service.start()
        time.sleep(0.3)

    def engine_start(self) -> None:
        if self.engine_url:
            return
        from search.embedded_engine import _noida_binary

        service = self.services.get("engine") or self._service(
            "engine",
            [
                _noida_binary(),
                "start",
                "--only",
                "elasticsearch",
                "--elasticsearch-port",
                str(self.port + 1),
                "--data-dir",
                str(self.data_dir / "engine"),
            ],
        )
        service.start()
        _wait_http(self.env["ELASTICSEARCH_URL"], timeout=60, process=service.process)

    def web_start(self) -> None:
        service = self.services.get("web") or self._service(
            "web",
            [
                PYTHON,
                "-m",
                "gunicorn",
                "--pythonpath",
                "site",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.web_workers),
                "--no-control-socket",
                "--timeout",
                "30",
                "--graceful-timeout",
                "10",
                "--access-logfile",
                str(self.data_dir / "logs" / "access.log"),
            ],
        )
        service.start()
        _wait_http(
            f"http://127.0.0.1:{self.port}/healthz", timeout=60, process=service.process
        )

    def worker_start(self) -> None:
        service = self.services.get("worker") or self._service(
            "worker",
            [
                *MANAGE,
                "db_worker",
                "--queue-name",
                "*",
                "--interval",
                "0.5",
                "--no-reload",
            ],
        )
        service.start()

    def scheduler_start(self) -> None:
        service = self.services.get("scheduler") or self._service(
            "scheduler", [*MANAGE, "scheduler"]
        )
        service.start()

    # ---- whole stack -------------------------------------------------------------
    def prepare(self, *, shops: int | None) -> None:
        """Schema and static files at every start; on the first (``shops`` given)
        the reference data, the demo and the indices."""
        self.manage("migrate", "--no-input")
        self.manage("collectstatic", "--no-input")
        if shops is None:
            return
        for command in ("load_communes", "load_categories", "create_commune_groups"):
            self.manage(command)
        # The demo is development data: loaded with the dev settings (which allow
        # it) into this same database, never under production settings.
        dev = "config.settings.dev"
        self.manage("load_demo", "--shops", str(shops), "--places", "30", settings=dev)
        self.manage("create_demo_accounts", settings=dev)
        self.manage("search_index", "--rebuild")

    def start(self, *, shops: int | None) -> None:
        print(f"PostgreSQL on port {self.port + 3}…", flush=True)
        self.postgres_start()
        print(f"Redis on port {self.port + 2}…", flush=True)
        self.redis_start()
        print(f"Search engine at {self.env['ELASTICSEARCH_URL']}…", flush=True)
        self.engine_start()
        demo = f" and the demo ({shops} shops)" if shops is not None else ""
        print(f"Preparing the database{demo}…", flush=True)
        self.prepare(shops=shops)
        print(f"gunicorn, {self.web_workers} workers…", flush=True)
        self.web_start()
        self.worker_start()
        self.scheduler_start()
        print(
            f"Vitrine (production settings) at http://127.0.0.1:{self.port}/ "
            f"— logs in {self.data_dir / 'logs'}; Ctrl-C stops everything.",
            flush=True,
        )

    def stop(self) -> None:
        for name in ("scheduler", "worker", "web", "engine", "redis"):
            if name in self.services:
                self.services[name].stop()
        self.postgres_stop()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--data-dir", type=Path, default=ROOT / ".data" / "prod")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--shops", type=int, default=300)
    args = parser.parse_args(argv)
    stack = Stack(port=args.port, data_dir=args.data_dir, web_workers=args.workers)
    first_run = not (stack.pg_dir / "data" / "PG_VERSION").exists()
    # Ctrl-C and a plain `kill` both stop everything, in order. SIGINT is set
    # explicitly: a process started in the background inherits it ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        stack.start(shops=args.shops if first_run else None)
        while all(s.running for s in stack.services.values()):
            time.sleep(1)
        stopped = [name for name, s in stack.services.items() if not s.running]
        print(
            f"stopped on its own: {', '.join(stopped)}; stopping the rest", flush=True
        )
        return 1
    except KeyboardInterrupt:
        print("\nStopping…", flush=True)
        return 0
    except StackError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
