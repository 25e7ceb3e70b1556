"""Run a command beside the embedded Elasticsearch-compatible engine (noida-db).

Development and tests use it the way they use SQLite: no server to install. When
``ELASTICSEARCH_URL`` is already set (a real cluster, or an engine started by
hand) nothing is started and the command runs against that URL.

    python -m search.embedded_engine --port 9201 --data-dir .data/search -- CMD...

The engine stops when the command ends, including on Ctrl-C.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path


class EngineStartError(RuntimeError):
    pass


def _noida_binary() -> str:
    beside_python = Path(sys.executable).parent / "noida-db"
    found = shutil.which("noida-db") or (
        str(beside_python) if beside_python.exists() else None
    )
    if not found:
        raise EngineStartError(
            "noida-db is not installed: run `make run` or `make test`, "
            "which install it, "
            "or set ELASTICSEARCH_URL to a running Elasticsearch 8."
        )
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_is_taken(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_until_answering(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EngineStartError(
                f"the search engine exited with code {process.returncode}"
            )
        try:
            # Our own loopback URL, never user input.
            with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise EngineStartError(
        f"the search engine did not answer at {url} within {timeout:.0f} s"
    )


def _stop_group(process: subprocess.Popen, *, timeout: float) -> int:
    """SIGTERM the process group led by ``process`` (a graceful stop), SIGKILL if stuck.

    SIGTERM rather than SIGINT: processes started from a non-interactive shell
    inherit an ignored SIGINT, and the noida-db launcher has a child of its own.
    """
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    return process.wait()


@contextmanager
def embedded_engine(*, port: int, data_dir: Path, log_path: Path | None = None):
    """Start noida-db on loopback, yield its URL, stop it gracefully on exit."""
    if _port_is_taken(port):
        raise EngineStartError(
            f"port {port} is already in use: stop what runs there, or set "
            "ELASTICSEARCH_URL to use an engine that is already running."
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    command = [_noida_binary(), "start", "--only", "elasticsearch"]
    command += ["--elasticsearch-port", str(port), "--data-dir", str(data_dir)]
    url = f"http://127.0.0.1:{port}"
    with open(log_path or data_dir / "engine.log", "ab") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # our Ctrl-C handling stops it, gracefully, once
        )
        try:
            _wait_until_answering(url, process, timeout=30)
            yield url
        finally:
            _stop_group(process, timeout=15)
            # The launcher exits before the engine binary it started has let go
            # of the port; the next run must find it free.
            deadline = time.monotonic() + 15
            while _port_is_taken(port) and time.monotonic() < deadline:
                time.sleep(0.1)
            if _port_is_taken(port):
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


def _wait_forwarding_stop(child: subprocess.Popen) -> int:
    """Wait for ``child``; on Ctrl-C or SIGTERM stop its whole process group first.

    The child runs in its own session (``make``, then ``runserver`` and its
    reloader), so the stop is passed on to every process in it; the engine stops
    after it, when :func:`embedded_engine` exits.
    """
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        return child.wait()
    except KeyboardInterrupt:
        return _stop_group(child, timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=9201)
    parser.add_argument("--data-dir", type=Path, default=Path(".data/search"))
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    if os.environ.get("ELASTICSEARCH_URL"):
        return subprocess.call(command)
    try:
        with embedded_engine(port=args.port, data_dir=args.data_dir) as url:
            print(
                f"Search engine (embedded noida-db) at {url}, data in {args.data_dir}",
                flush=True,
            )
            child = subprocess.Popen(
                command,
                env={**os.environ, "ELASTICSEARCH_URL": url},
                start_new_session=True,  # so that a stop reaches all it started
            )
            return _wait_forwarding_stop(child)
    except EngineStartError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
