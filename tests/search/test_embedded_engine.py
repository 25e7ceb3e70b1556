"""The run command's engine wrapper: starts the engine, and stops all it started."""

import signal
import socket
import subprocess
import sys
import time

from search.embedded_engine import free_port

PRINT_ENGINE_STATUS = (
    "import os, urllib.request; "
    "print(urllib.request.urlopen(os.environ['ELASTICSEARCH_URL']).status)"
)


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _wrapper(port: int, data_dir, *command: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "search.embedded_engine",
            "--port",
            str(port),
            "--data-dir",
            str(data_dir),
            "--",
            *command,
        ],
        env={"PATH": "/usr/bin:/bin"},
        **kwargs,
    )


def test_the_command_runs_against_the_engine_which_stops_afterwards(tmp_path):
    port = free_port()
    wrapper = _wrapper(
        port,
        tmp_path,
        sys.executable,
        "-c",
        PRINT_ENGINE_STATUS,
        stdout=subprocess.PIPE,
        text=True,
    )
    out, _ = wrapper.communicate(timeout=60)
    assert wrapper.returncode == 0
    assert out.strip().endswith("200")
    assert _port_is_free(port)


def test_a_stop_signal_ends_the_command_and_the_engine(tmp_path):
    port = free_port()
    # A duration unique to this run, so that pgrep sees no other test's sleep.
    duration = f"119.{port}"
    wrapper = _wrapper(port, tmp_path, "sleep", duration)
    deadline = time.monotonic() + 30
    while _port_is_free(port) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)
    wrapper.send_signal(signal.SIGTERM)
    wrapper.wait(timeout=30)
    assert _port_is_free(port)
    for leftover in (f"sleep {duration}", f"--elasticsearch-port {port} "):
        found = subprocess.run(["pgrep", "-f", "--", leftover], capture_output=True)
        assert found.returncode == 1, leftover


def test_a_busy_port_gives_a_clear_error(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        wrapper = _wrapper(
            busy.getsockname()[1], tmp_path, "true", stderr=subprocess.PIPE, text=True
        )
        _, err = wrapper.communicate(timeout=30)
    assert wrapper.returncode == 1
    assert "already in use" in err
