"""Load on the web service: N concurrent clients on loopback for a bounded time.

    python bench/serve_load.py                         # 16 clients, 20 s, example world archive
    python bench/serve_load.py --clients 32 --seconds 30 --archive world.sqlite

Starts `newstrace.web.serve` in a subprocess on a free 127.0.0.1 port (so the clients do
not share the server's interpreter), then runs the clients as asyncio tasks with httpx, each
sending a mix of requests back to back:

    check   POST /api/check with one of the example world's texts (a full analysis)
    search  GET  /api/search?q=... with a word from a fixed list
    report  GET  /api/reports/{id} of a report made earlier, or its HTML page

Prints throughput, p50/p99 latency per kind and responses by status. Traffic only ever goes
to the loopback server started here; the run stops by itself after --seconds (capped at
120 s), and each request times out after 30 s. Exit status 1 when any response was a 5xx.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORLD = REPO / "examples" / "world"
HARD_CAP_S = 120.0
WORDS = ["Velmark", "Concord", "exercises", "Drovnia", "harbour", "gas", "\"joint exercises\"", "minister",
         "Krostan", "ferry", "market", "Ostmere", "fisheries", "storm", "bridge", "general"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_archive(path: Path) -> None:
    from newstrace.archive import Archive
    from newstrace.read import read_path

    with Archive(path) as a:
        a.ingest(read_path(WORLD))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    k = min(len(v) - 1, max(0, int(round(p / 100 * (len(v) - 1)))))
    return v[k]


async def run_clients(base: str, clients: int, seconds: float, mix: dict[str, float], texts: list[str]) -> dict:
    import httpx

    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    report_ids: list[str] = []
    kinds = list(mix)
    weights = [mix[k] for k in kinds]
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        # One report to start from, so "report" requests have something to read.
        r = await http.post("/api/check", json={"text": texts[0]})
        r.raise_for_status()
        report_ids.append(r.json()["id"])
        stop_at = time.perf_counter() + seconds

        async def client(n: int) -> None:
            rnd = random.Random(n)
            while time.perf_counter() < stop_at:
                kind = rnd.choices(kinds, weights)[0]
                t0 = time.perf_counter()
                try:
                    if kind == "check":
                        resp = await http.post("/api/check", json={"text": rnd.choice(texts)})
                        if resp.status_code == 201:
                            report_ids.append(resp.json()["id"])
                            del report_ids[:-100]  # well inside the store's 200, so none was evicted
                    elif kind == "search":
                        resp = await http.get("/api/search", params={"q": rnd.choice(WORDS), "limit": 20})
                    else:
                        rid = rnd.choice(report_ids)
                        path = f"/api/reports/{rid}" if rnd.random() < 0.5 else f"/reports/{rid}/document"
                        resp = await http.get(path)
                except httpx.HTTPError as exc:
                    failures[f"{kind}: {type(exc).__name__}"] += 1
                    continue
                latencies[kind].append(time.perf_counter() - t0)
                statuses[str(resp.status_code)] += 1

        t_start = time.perf_counter()
        await asyncio.gather(*(client(i) for i in range(clients)))
        elapsed = time.perf_counter() - t_start
    return {"latencies": latencies, "statuses": statuses, "failures": failures, "elapsed": elapsed}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--archive", type=Path, default=None, help="archive to serve (default: the example world, ingested into a temp file)")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=20.0, help=f"run time (capped at {HARD_CAP_S:.0f} s)")
    ap.add_argument("--mix", default="check=2,search=5,report=3", help="relative weights of check, search and report requests")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    seconds = min(max(1.0, args.seconds), HARD_CAP_S)
    mix = {k: float(v) for k, v in (part.split("=") for part in args.mix.split(","))}
    unknown = set(mix) - {"check", "search", "report"}
    if unknown:
        ap.error(f"unknown request kinds in --mix: {', '.join(sorted(unknown))}")
    random.seed(args.seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted((WORLD / "text").glob("*.txt"))]

    with tempfile.TemporaryDirectory() as tmp:
        archive = args.archive
        if archive is None:
            archive = Path(tmp) / "world.sqlite"
            build_archive(archive)
        port = free_port()
        code = (
            "import logging, sys; from newstrace.web import serve; "
            f"serve({str(archive)!r}, host='127.0.0.1', port={port}, log_level='warning')"
        )
        env = {**os.environ, "NEWSTRACE_TOKEN": ""}
        server = subprocess.Popen([sys.executable, "-c", code], env=env)
        try:
            import httpx

            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    print("the server did not start", file=sys.stderr)
                    return 2
                time.sleep(0.1)
            res = asyncio.run(run_clients(base, args.clients, seconds, mix, texts))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()

    lat, statuses, failures, elapsed = res["latencies"], res["statuses"], res["failures"], res["elapsed"]
    total = sum(len(v) for v in lat.values())
    print(f"serve_load: {args.clients} clients, {elapsed:.1f} s, mix {args.mix}, {os.cpu_count()} CPUs")
    print(f"  requests answered: {total}  throughput: {total / elapsed:.1f} req/s")
    print(f"  {'kind':<8}{'n':>7}{'req/s':>9}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for kind in ("check", "search", "report"):
        v = lat.get(kind, [])
        if v:
            print(f"  {kind:<8}{len(v):>7}{len(v) / elapsed:>9.1f}{percentile(v, 50) * 1000:>10.1f}"
                  f"{percentile(v, 99) * 1000:>10.1f}{max(v) * 1000:>10.1f}")
    print("  responses by status: " + ", ".join(f"{k}: {n}" for k, n in sorted(statuses.items())))
    if failures:
        print("  transport errors: " + ", ".join(f"{k}: {n}" for k, n in sorted(failures.items())))
    fivexx = sum(n for k, n in statuses.items() if k.startswith("5"))
    print(f"  5xx responses: {fivexx}")
    return 1 if fivexx or failures else 0


if __name__ == "__main__":
    sys.exit(main())
