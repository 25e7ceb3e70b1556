"""``make prod-smoke``: the production stack from scratch, under load, with faults.

Starts ``prod.stack`` in a temporary folder (PostgreSQL, Redis, the engine,
gunicorn, the task worker, the scheduler), loads a ~300-shop demo, prepares 20
shops taking orders paid at pickup, then runs Locust headless (``prod/locustfile.py``)
while it injects faults:

- one gunicorn worker killed with SIGKILL;
- Redis stopped 15 s;
- the search engine stopped 30 s;
- the task worker stopped 60 s, then restarted;
- the scheduler restarted.

Afterwards it lets the tasks drain, checks the index, reconciles orders, units,
stock and emails with what the load did, and writes ``bench/results/prod-smoke.json``.
Exit status 1 when an order, a unit or an email is lost or doubled, anything is
oversold, the index drifts after the drain, or a 5xx came outside a fault window.

    python bench/prod_smoke.py [--reduced] [--port 8310] [--seconds 240]
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from prod.stack import PYTHON, Stack  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "prod-smoke.json"
# How long after a fault that touches web requests its effects may still show: a
# worker respawning, a cache reconnecting; after the engine, the circuit breaker
# stays open SEARCH_BREAKER_RESET_SECONDS (30) before it tries the engine again,
# and the suggestions API answers 503 meanwhile.
GRACE_SECONDS = 5
ENGINE_GRACE_SECONDS = 30 + GRACE_SECONDS


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


class Faults:
    """Runs each fault at its offset in its own thread; records its window."""

    def __init__(self, stack: Stack):
        self.stack, self.windows, self.log = stack, [], []
        self.threads: list[threading.Thread] = []
        self.started = 0.0

    def at(self, offset: float, name: str, action, *, web_grace: float | None) -> None:
        """``web_grace``: seconds after the fault excused (None: no web fault)."""

        def run():
            time.sleep(max(0.0, self.started + offset - time.time()))
            begin = time.time()
            try:
                action()
                error = ""
            except Exception as exc:  # a fault that failed is reported, not fatal
                error = repr(exc)
            end = time.time()
            self.log.append(
                {
                    "fault": name,
                    "start_s": round(begin - self.started, 1),
                    "end_s": round(end - self.started, 1),
                    "error": error,
                }
            )
            if web_grace is not None:
                self.windows.append((begin - 1, end + web_grace))

        self.threads.append(threading.Thread(target=run, daemon=True))

    def start(self) -> None:
        self.started = time.time()
        for thread in self.threads:
            thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join()

    def inside(self, moment: float) -> bool:
        return any(begin <= moment <= end for begin, end in self.windows)


def _gunicorn_worker_kill(stack: Stack) -> None:
    master = stack.services["web"].process.pid
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    os.kill(int(children[0]), signal.SIGKILL)
    time.sleep(2)  # gunicorn's master notices and starts a new worker


def _stopped_for(stack: Stack, name: str, seconds: float, start) -> None:
    stack.services[name].stop()
    time.sleep(seconds)
    start()


def _engine_restart(stack: Stack) -> None:
    port = stack.port + 1
    deadline = time.time() + 20
    while time.time() < deadline:
        done = subprocess.run(
            [shutil.which("ss") or "/usr/bin/ss", "-ltn", f"sport = :{port}"],
            capture_output=True,
            text=True,
        )
        if str(port) not in done.stdout:
            break
        time.sleep(0.2)
    stack.engine_start()


def _mail_to_smoke(mail_dir: Path) -> int:
    count = 0
    for path in mail_dir.glob("*"):
        count += len(
            re.findall(r"^To: .*smoke-", path.read_text(errors="replace"), re.M)
        )
    return count


def _shell(stack: Stack, script: Path, **env) -> dict:
    stack.env.update(env)
    return json.loads(
        stack.manage("shell", "-c", script.read_text()).strip().splitlines()[-1]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reduced", action="store_true", help="about 60 s of load (CI)"
    )
    parser.add_argument("--seconds", type=int, default=0)
    parser.add_argument("--users", type=int, default=12)
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("SMOKE_PORT", 8310))
    )
    parser.add_argument("--shops", type=int, default=300)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    seconds = args.seconds or (60 if args.reduced else 240)

    work = Path(tempfile.mkdtemp(prefix="vitrine-smoke-"))
    stack = Stack(port=args.port, data_dir=work, web_workers=args.workers)
    shutil.rmtree(stack.pg_dir, ignore_errors=True)  # from scratch
    began = time.time()
    try:
        stack.start(shops=args.shops)
        setup_seconds = time.time() - began
        setup = json.loads(
            stack.manage("shell", "-c", (ROOT / "prod" / "smoke_setup.py").read_text())
            .strip()
            .splitlines()[-1]
        )
        product_ids = [p for shop in setup["shops"] for p in shop["products"]]
        check_script = ROOT / "prod" / "smoke_check.py"
        before = _shell(stack, check_script, SMOKE_PRODUCTS=json.dumps(product_ids))
        (work / "smoke-data.json").write_text(json.dumps(setup))

        faults = Faults(stack)
        s = seconds
        faults.at(
            0.08 * s,
            "gunicorn worker SIGKILL",
            lambda: _gunicorn_worker_kill(stack),
            web_grace=GRACE_SECONDS,
        )
        faults.at(
            0.17 * s,
            "redis stopped 15 s",
            lambda: _stopped_for(stack, "redis", 15, stack.redis_start),
            web_grace=GRACE_SECONDS,
        )
        faults.at(
            0.45 * s,
            "engine stopped 30 s",
            lambda: _stopped_for(stack, "engine", 30, lambda: _engine_restart(stack)),
            web_grace=ENGINE_GRACE_SECONDS,
        )
        worker_at = 0.05 * s if args.reduced else 0.55 * s
        faults.at(
            worker_at,
            "task worker stopped 60 s",
            lambda: _stopped_for(stack, "worker", 60, stack.worker_start),
            web_grace=None,
        )
        faults.at(
            0.7 * s,
            "scheduler restarted",
            lambda: _stopped_for(stack, "scheduler", 1, stack.scheduler_start),
            web_grace=None,
        )

        out = work / "locust"
        locust_log = open(work / "locust.log", "w")  # noqa: SIM115 (closed below)
        locust = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "locust",
                "-f",
                str(ROOT / "prod" / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.users),
                "--run-time",
                f"{seconds}s",
                "--stop-timeout",
                "10",
                "--only-summary",
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "SMOKE_DATA": str(work / "smoke-data.json"),
                "SMOKE_OUT": str(out),
            },
            stdout=locust_log,
            stderr=subprocess.STDOUT,
        )
        faults.start()
        locust.wait()
        locust_log.close()
        load_seconds = time.time() - faults.started
        faults.join()

        # The queue drains (emails out), the index catches up, then we look.
        drain_began = time.time()
        while time.time() - drain_began < 300:
            after = _shell(stack, check_script)
            if not after["tasks_waiting"]:
                break
            time.sleep(3)
        drain_seconds = time.time() - drain_began
        stack.manage("search_index", "--drain")
        check = stack.manage("search_index", "--check", check=False)
        after = _shell(stack, check_script)
        rebuild = _shell(stack, ROOT / "prod" / "smoke_rebuild.py")
        drift = sum(
            int(n)
            for n in re.findall(r"(\d+) (?:missing|out of date|left over)", check)
        )

        requests = json.loads((out / "requests.json").read_text())
        checkouts = json.loads((out / "checkouts.json").read_text())
        decisions = json.loads((out / "decisions.json").read_text())
        report = _report(
            requests=requests,
            checkouts=checkouts,
            decisions=decisions,
            faults=faults,
            before=before,
            after=after,
            product_ids=product_ids,
            setup=setup,
            mail_sent=_mail_to_smoke(stack.mail_dir),
            drift=drift,
            check=check,
            seconds=load_seconds,
            workers=args.workers,
            users=args.users,
        )
        report["rebuild_shops"] = rebuild
        report["timings_s"] = {
            "stack_start_and_demo": round(setup_seconds, 1),
            "load": round(load_seconds, 1),
            "queue_drain_after_load": round(drain_seconds, 1),
        }
    finally:
        stack.stop()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(
        json.dumps(
            {
                k: report[k]
                for k in (
                    "requests",
                    "rps",
                    "errors_5xx",
                    "errors_5xx_outside_faults",
                    "orders_placed",
                    "orders_in_db",
                    "emails_expected",
                    "emails_sent",
                    "oversold",
                    "index_drift",
                    "problems",
                )
            },
            indent=2,
        )
    )
    print(f"Report: {args.out}; logs kept in {work}")
    return 1 if report["problems"] else 0


def _report(
    *,
    requests,
    checkouts,
    decisions,
    faults,
    before,
    after,
    product_ids,
    setup,
    mail_sent,
    drift,
    check,
    seconds,
    workers,
    users,
) -> dict:
    groups: dict[str, list[float]] = {}
    for _, name, _status, latency, _ in requests:
        groups.setdefault(name, []).append(latency)
    fives = [(t, name, status) for t, name, status, _, _ in requests if status >= 500]
    outside = [f for f in fives if not faults.inside(f[0])]
    connection_errors = [r for r in requests if r[2] == 0]

    placed = {c["email"] for c in checkouts if c["outcome"] == "placed"}
    unknown = {c["email"] for c in checkouts if c["outcome"] == "unknown"}
    in_db = after["orders_by_email"]
    lost = sorted(placed - set(in_db))
    doubled = sorted(email for email, count in in_db.items() if count > 1)
    unexplained = sorted(set(in_db) - placed - unknown)

    units_by_load: dict[str, int] = {}
    for c in checkouts:
        if c["email"] in in_db:
            for product, quantity in c["units"].items():
                units_by_load[product] = units_by_load.get(product, 0) + quantity
    units_db = after["units_by_product"]
    stock = {}
    oversold, stock_mismatch = [], []
    for pk in map(str, product_ids):
        start, end = before["stock"].get(pk), after["stock"].get(pk)
        kept = after["units_kept_by_product"].get(pk, 0)
        stock[pk] = {
            "before": start,
            "after": end,
            "units_ordered": units_db.get(pk, 0),
            "units_kept": kept,
        }
        if start is not None:
            if (end is not None and end < 0) or kept > start:
                oversold.append(pk)
            if end != start - kept:
                stock_mismatch.append(pk)

    problems = []
    if lost:
        problems.append(f"{len(lost)} order(s) lost")
    if doubled:
        problems.append(f"{len(doubled)} order(s) doubled")
    if unexplained:
        problems.append(
            f"{len(unexplained)} order(s) in the database the load never placed"
        )
    if units_by_load != units_db:
        problems.append("units ordered by the load differ from the database's")
    if stock_mismatch:
        problems.append(
            f"stock does not reconcile for {len(stock_mismatch)} product(s)"
        )
    if oversold:
        problems.append(f"{len(oversold)} product(s) oversold")
    if mail_sent != after["emails_expected"]:
        problems.append(
            f"emails: {after['emails_expected']} expected, {mail_sent} sent"
        )
    if after["emails_recorded"] != after["emails_expected"]:
        problems.append("sent-email records differ from the emails expected")
    if after["tasks_given_up"]:
        problems.append(f"{after['tasks_given_up']} task(s) gave up")
    if drift:
        problems.append(f"index drift after the drain: {drift} document(s)")
    if outside:
        problems.append(f"{len(outside)} 5xx outside the fault windows")

    return {
        "seconds": round(seconds, 1),
        "users": users,
        "web_workers": workers,
        "requests": len(requests),
        "rps": round(len(requests) / seconds, 1),
        "rps_per_web_worker": round(len(requests) / seconds / workers, 1),
        # A sync gunicorn worker serves one request at a time: 1 / mean latency is
        # what one worker could serve of this mix if kept busy (queueing included,
        # so an underestimate on a loaded machine).
        "rps_per_web_worker_capacity_estimate": round(
            1000 / statistics.fmean([r[3] for r in requests]), 1
        ),
        "errors_5xx": len(fives),
        "errors_5xx_outside_faults": len(outside),
        "errors_5xx_by_group": {
            name: sum(1 for f in fives if f[1] == name)
            for name in {f[1] for f in fives}
        },
        "connection_errors": len(connection_errors),
        "connection_errors_outside_faults": sum(
            1 for r in connection_errors if not faults.inside(r[0])
        ),
        "latency_ms": {
            name: {
                "count": len(values),
                "p50": _percentile(values, 0.5),
                "p95": _percentile(values, 0.95),
                "p99": _percentile(values, 0.99),
                "mean": round(statistics.fmean(values), 1),
            }
            for name, values in sorted(groups.items())
        },
        "faults": faults.log,
        "checkout_attempts": len(checkouts),
        "checkouts_refused": sum(1 for c in checkouts if c["outcome"] == "refused"),
        "checkouts_unknown_outcome": len(unknown),
        "orders_placed": len(placed),
        "orders_in_db": len(in_db),
        "orders_lost": lost,
        "orders_doubled": doubled,
        "merchant_decisions": {
            action: sum(1 for d in decisions if d["action"] == action)
            for action in ("accept", "refuse")
        },
        "shop_order_statuses": after["shop_order_statuses"],
        "units_ordered": sum(units_db.values()),
        "stock": stock,
        "oversold": len(oversold),
        "emails_expected": after["emails_expected"],
        "emails_sent": mail_sent,
        "emails_recorded_sent_once": after["emails_recorded"],
        "tasks_failed": after["tasks_failed"],
        "tasks_given_up": after["tasks_given_up"],
        "index_drift": drift,
        "index_check": check.strip().splitlines(),
        "problems": problems,
    }


if __name__ == "__main__":
    sys.exit(main())
