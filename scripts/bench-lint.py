#!/usr/bin/env python3
"""Benchmark `followup lint` and print figures (not a test: nothing here fails on speed).

usage: scripts/bench-lint.py [--runs N] [--drafts N] [--folder-runs N] [--no-peers]

Prints:
  1. whole-process wall time to lint one 250-word draft with all rules
     (median and spread of --runs runs, process start included);
  2. drafts per second linting a folder of --drafts generated drafts (the
     median of --folder-runs runs after one that fills the page cache), with
     peak memory (maximum resident set size);
  3. where a peer prose linter can be run (proselint from PyPI, write-good
     from npm), its time on the same draft and the ratio.
Peers are installed into target/bench/ on first use unless --no-peers.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "target", "bench")
BIN = os.path.join(ROOT, "target", "release", "followup")


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def wall(cmd, runs):
    times = []
    run(cmd)  # warm the page cache
    for _ in range(runs):
        t = time.perf_counter()
        run(cmd)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[len(times) // 10], times[-1 - len(times) // 10]


def peak_rss_mb(cmd):
    """Wall time, peak resident memory of `cmd` alone, and its exit code."""
    if os.path.exists("/usr/bin/time"):
        t = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - t
        kb = int(proc.stderr.strip().splitlines()[-1]) if proc.stderr.strip() else 0
        return elapsed, kb / 1024, proc.returncode
    # Without GNU time, run it from a fresh child whose only child is `cmd`.
    code = ("import resource,subprocess,sys;p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);sys.exit(p.returncode)")
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code] + cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    return elapsed, int(proc.stdout.strip() or 0) / 1024, proc.returncode


def peers():
    found = {}
    venv = os.path.join(BENCH, "venv")
    proselint = os.path.join(venv, "bin", "proselint")
    if shutil.which("proselint"):
        found["proselint"] = [shutil.which("proselint")]
    elif not os.path.exists(proselint) and not ARGS.no_peers:
        run([sys.executable, "-m", "venv", venv])
        run([os.path.join(venv, "bin", "pip"), "install", "--quiet", "proselint"])
    if os.path.exists(proselint):
        found["proselint"] = [proselint]
    node_dir = os.path.join(BENCH, "node")
    write_good = os.path.join(node_dir, "node_modules", ".bin", "write-good")
    if not os.path.exists(write_good) and shutil.which("npm") and not ARGS.no_peers:
        os.makedirs(node_dir, exist_ok=True)
        run(["npm", "install", "--silent", "--prefix", node_dir, "write-good"])
    if os.path.exists(write_good):
        found["write-good"] = [write_good]
    return found


def main():
    os.makedirs(BENCH, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    gen = os.path.join(ROOT, "scripts", "gen-drafts.py")
    one_dir = os.path.join(BENCH, "one")
    shutil.rmtree(one_dir, ignore_errors=True)
    subprocess.run([sys.executable, gen, one_dir, "1", "--words", "250"], check=True)
    draft = os.path.join(one_dir, "draft-00000.md")
    with open(draft, encoding="utf-8") as fh:
        words = len(fh.read().split())
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
    print(f"machine: {os.cpu_count()} cores, {cpu}")
    print(f"draft: {words} words ({draft})\n")

    cmd = [BIN, "lint", "--no-config", "--format", "json", draft]
    med, lo, hi = wall(cmd, ARGS.runs)
    print(f"followup lint, one draft: median {med:.2f} ms (p10 {lo:.2f}, p90 {hi:.2f}) over {ARGS.runs} runs")
    true_med, _, _ = wall(["true"], ARGS.runs)
    print(f"  (process start of `true` on this machine: median {true_med:.2f} ms)")

    folder = os.path.join(BENCH, f"folder-{ARGS.drafts}")
    if not os.path.isdir(folder) or len(os.listdir(folder)) != ARGS.drafts:
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, gen, folder, str(ARGS.drafts)], check=True)
    # One run to bring the drafts into the page cache, then the median of
    # --folder-runs runs (a single run mostly measures the disk).
    fcmd = [BIN, "lint", "--no-config", "--format", "json", folder]
    peak_rss_mb(fcmd)
    runs = [peak_rss_mb(fcmd) for _ in range(ARGS.folder_runs)]
    times = sorted(r[0] for r in runs)
    elapsed = statistics.median(times)
    rss = max(r[1] for r in runs)
    code = runs[-1][2]
    print(f"\nfollowup lint, folder of {ARGS.drafts} drafts: median {elapsed:.2f} s "
          f"(fastest {times[0]:.2f}, slowest {times[-1]:.2f}, {ARGS.folder_runs} runs), "
          f"{ARGS.drafts / elapsed:,.0f} drafts/s, peak RSS {rss:.1f} MB (exit {code})")

    for name, base in peers().items():
        pcmd = base + [draft]
        pmed, _, _ = wall(pcmd, max(5, ARGS.runs // 10))
        print(f"\n{name}, same draft: median {pmed:.1f} ms -> followup is {pmed / med:.1f}x faster")
    if not ARGS.no_peers and not peers():
        print("\nno peer linter could be installed (proselint, write-good)")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--drafts", type=int, default=10000)
    ap.add_argument("--folder-runs", type=int, default=5)
    ap.add_argument("--no-peers", action="store_true")
    ARGS = ap.parse_args()
    main()
