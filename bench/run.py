#!/usr/bin/env python3
"""Runs every benchmark program over every scenario and dialect.

Each program does one scenario per process and prints one JSON line (see
bench/common/bench_common.hpp). This runner fills the shared tables with
`bench_raw --scenario setup` once per dialect, runs the programs, checks
that every program's checksum equals the raw program's, prints a table per
dialect and writes every figure as JSON.

    bench/run.py                          # the full run (long)
    bench/run.py --small                  # the small sizes the test suite uses
    bench/run.py --dialects sqlite --scenarios findByPk,eager --impls tabula,raw
    bench/run.py --runs 3 --rounds 2      # each program started twice, in turns

Servers come from --postgres-url / --mysql-url, else TABULA_BENCH_POSTGRES_URL /
TABULA_BENCH_MYSQL_URL, else TABULA_TEST_POSTGRES_URL / TABULA_TEST_MYSQL_URL.
The exit status is non-zero when a program fails or a checksum disagrees;
timings never fail a run.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIALECTS = ["sqlite", "postgres", "mysql"]
SCENARIOS = ["findByPk", "findAll", "bulkCreate", "eager", "roundtrips", "pool"]
IMPLS = ["raw", "tabula", "soci", "poco", "sequelize", "sequelize-raw"]
NODE_IMPLS = {"sequelize", "sequelize-raw"}
# Programs that take longer get fewer runs, as the benchmark contract says.
SLOW_RUNS = 3


def cases(small):
    """The scenario runs, in order: (scenario, size, threads, variant)."""
    if small:
        find_by_pk, find_all, bulk, rt, pool = 500, [1000], 1000, 3, 1000
    else:
        find_by_pk, find_all, bulk, rt, pool = 100000, [10000, 100000], 100000, 100, 100000
    out = [("findByPk", find_by_pk, 1, "")]
    out += [("findAll", n, 1, "") for n in find_all]
    out += [("bulkCreate", bulk, 1, ""), ("bulkCreate", bulk, 1, "returning")]
    out += [("eager", 1000, 1, ""), ("roundtrips", rt, 1, "")]
    out += [("pool", pool, t, "pooled") for t in (1, 8, 64)]
    out += [("pool", pool, 16, "dedicated")]
    return out


def label(scenario, size, threads, variant):
    if scenario == "eager":
        return "eager"
    if scenario == "pool":
        return f"pool {variant} T={threads}"
    text = f"{scenario} {size}"
    return f"{text} {variant}" if variant else text


def command_for(impl, bin_dir):
    """The command line prefix for an implementation, or (None, reason)."""
    if impl in NODE_IMPLS:
        script = os.path.join(ROOT, "bench", "node", "bench.js")
        if not os.path.exists(script):
            return None, "bench/node/bench.js is missing"
        if not os.path.isdir(os.path.join(ROOT, "bench", "node", "node_modules")):
            return None, "bench/node/node_modules is missing (run npm ci in bench/node)"
        node = shutil.which("node")
        if not node:
            return None, "node is not installed"
        return [node, script, "--impl", impl], None
    program = os.path.join(bin_dir, "bench_" + impl)
    if not os.access(program, os.X_OK):
        return None, f"{program} is not built"
    return [program], None


def server_url(dialect, args):
    if dialect == "sqlite":
        return args.sqlite
    explicit = args.postgres_url if dialect == "postgres" else args.mysql_url
    upper = dialect.upper()
    return (explicit or os.environ.get(f"TABULA_BENCH_{upper}_URL")
            or os.environ.get(f"TABULA_TEST_{upper}_URL"))


def run_program(cmd, dialect, url, scenario, size, runs, threads, variant, timeout):
    """Runs one program for one scenario; returns (record, error text)."""
    full = cmd + ["--dialect", dialect, "--url", url, "--scenario", scenario,
                  "--size", str(size), "--runs", str(runs), "--threads", str(threads)]
    if variant:
        full += ["--variant", variant]
    started = time.monotonic()
    try:
        proc = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s"
    wall = time.monotonic() - started
    lines = [l for l in proc.stdout.splitlines() if l.startswith("{")]
    stderr = proc.stderr.strip()
    if proc.returncode != 0 or not lines:
        detail = stderr.splitlines()[-1] if stderr else "no output"
        return None, f"exit {proc.returncode}: {detail}"
    try:
        record = json.loads(lines[-1])
    except json.JSONDecodeError as e:
        return None, f"bad JSON line ({e}): {lines[-1][:200]}"
    record["wall_s"] = round(wall, 3)
    return record, None


def merge_rounds(records):
    """One record from a program's rounds: every timed run pooled, the median
    over all of them, the largest peak memory. Returns (record, error text)."""
    if len(records) == 1:
        return records[0], None
    merged = dict(records[-1])
    merged["runs_ms"] = [ms for r in records for ms in r["runs_ms"]]
    merged["median_ms"] = statistics.median(merged["runs_ms"])
    merged["peak_rss_kb"] = max(r["peak_rss_kb"] for r in records)
    merged["wall_s"] = round(sum(r.get("wall_s", 0) for r in records), 3)
    merged["rounds"] = len(records)
    answers = {(r["checksum"], r["rows"]) for r in records}
    if len(answers) > 1:
        return merged, f"rounds disagree on the checksum and rows: {sorted(answers)}"
    return merged, None


def fmt_ms(v):
    return f"{v:,.1f}" if v >= 10 else f"{v:,.3f}"


def print_table(dialect, rows, out):
    header = ["scenario", "impl", "median ms", "rows/s", "ratio", "peak RSS MB", "checksum"]
    table = [header]
    for r in rows:
        if r.get("error"):
            table.append([r["label"], r["impl"], "FAILED", "", "", "", r["error"][:60]])
            continue
        if r.get("unsupported"):
            table.append([r["label"], r["impl"], "unsupported", "", "", "", r["unsupported"][:60]])
            continue
        ratio = r.get("ratio")
        ratio_text = ""
        if ratio is not None:
            ratio_text = f"{ratio:.2f} {'vs raw' if r['impl'] == 'tabula' else 'vs tabula'}"
        rss = f"{r['peak_rss_kb'] / 1024:.1f}" if r["scenario"] == "eager" else ""
        check = "ok" if r.get("checksum_ok") else ("MISMATCH" if r.get("checksum_ok") is False
                                                   else "-")
        rate = r["rows"] / (r["median_ms"] / 1000) if r["median_ms"] > 0 else 0
        table.append([r["label"], r["impl"], fmt_ms(r["median_ms"]), f"{rate:,.0f}", ratio_text,
                      rss, check])
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
    print(f"\n== {dialect} ==", file=out)
    for i, row in enumerate(table):
        cells = [str(c).rjust(w) if 2 <= j <= 5 else str(c).ljust(w)
                 for j, (c, w) in enumerate(zip(row, widths))]
        print("  ".join(cells).rstrip(), file=out)
        if i == 0:
            print("  ".join("-" * w for w in widths), file=out)
    out.flush()


def machine():
    info = {"nproc": os.cpu_count(), "platform": platform.platform(),
            "python": platform.python_version()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            info["mem_total_kb"] = int(f.readline().split()[1])
    except OSError:
        pass
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dialects", default=",".join(DIALECTS))
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--impls", default=",".join(IMPLS))
    parser.add_argument("--small", action="store_true", help="the test suite's sizes, one run")
    parser.add_argument("--runs", type=int, help="timed runs per program (default 5, small 1)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="times each program is started, taking turns with the others; "
                        "its timed runs are pooled (default 1; Sequelize runs once)")
    parser.add_argument("--json", help="where to write the figures "
                        "(default <build>/bench-results.json)")
    parser.add_argument("--build", default=os.environ.get("TABULA_BENCH_BUILD_DIR")
                        or os.path.join(ROOT, "build"), help="the build tree")
    parser.add_argument("--bin-dir", help="where the programs are (default <build>/bin)")
    parser.add_argument("--sqlite", help="SQLite file (default <build>/bench.sqlite)")
    parser.add_argument("--postgres-url")
    parser.add_argument("--mysql-url")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per program run")
    args = parser.parse_args()

    build = os.path.abspath(args.build)
    bin_dir = args.bin_dir or os.path.join(build, "bin")
    args.sqlite = args.sqlite or os.path.join(build, "bench.sqlite")
    json_path = args.json or os.path.join(build, "bench-results.json")
    runs = args.runs or (1 if args.small else 5)
    rounds = max(1, args.rounds)
    dialects = [d for d in args.dialects.replace(" ", ",").split(",") if d]
    scenarios = [s for s in args.scenarios.replace(" ", ",").split(",") if s]
    impls = [i for i in args.impls.replace(" ", ",").split(",") if i]
    for name, given, known in (("dialect", dialects, DIALECTS), ("scenario", scenarios, SCENARIOS),
                               ("impl", impls, IMPLS)):
        unknown = [g for g in given if g not in known]
        if unknown:
            parser.error(f"unknown {name}: {', '.join(unknown)} (known: {', '.join(known)})")
    # Raw runs first: it is the reference every checksum is compared with.
    impls = ["raw"] + [i for i in impls if i != "raw"]

    commands = {}
    for impl in impls:
        cmd, reason = command_for(impl, bin_dir)
        if cmd:
            commands[impl] = cmd
        else:
            print(f"skipping {impl}: {reason}", file=sys.stderr)
    if "raw" not in commands:
        print("error: bench_raw is needed for setup and as the reference", file=sys.stderr)
        return 2

    errors = []
    results = []
    setup_size = 2000 if args.small else 100000
    for dialect in dialects:
        url = server_url(dialect, args)
        if not url:
            print(f"skipping {dialect}: no server URL (--{dialect}-url or "
                  f"TABULA_TEST_{dialect.upper()}_URL)", file=sys.stderr)
            continue
        if dialect == "sqlite":
            os.makedirs(os.path.dirname(os.path.abspath(url)), exist_ok=True)
        print(f"[{dialect}] setup: {setup_size} rows", file=sys.stderr, flush=True)
        record, error = run_program(commands["raw"], dialect, url, "setup", setup_size, 1, 1, "",
                                    args.timeout)
        if error:
            errors.append(f"{dialect} setup: {error}")
            print(f"[{dialect}] setup FAILED: {error}", file=sys.stderr)
            continue
        rows = []
        for scenario, size, threads, variant in cases(args.small):
            if scenario not in scenarios:
                continue
            name = label(scenario, size, threads, variant)
            reference = None
            # Rounds take turns, each program once per round, so that a slow
            # spell of a shared machine falls on all of them alike.
            records = {impl: [] for impl in commands}
            failed = {}
            for rnd in range(rounds):
                for impl, cmd in commands.items():
                    if impl in failed or (rnd > 0 and impl in NODE_IMPLS):
                        continue
                    impl_runs = min(runs, SLOW_RUNS) if impl in NODE_IMPLS else runs
                    turn = f" (round {rnd + 1} of {rounds})" if rounds > 1 else ""
                    print(f"[{dialect}] {name}: {impl}{turn}", file=sys.stderr, flush=True)
                    record, error = run_program(cmd, dialect, url, scenario, size, impl_runs,
                                                threads, variant, args.timeout)
                    if error:
                        failed[impl] = {"error": error}
                        errors.append(f"{dialect} {name} {impl}: {error}")
                        print(f"[{dialect}] {name}: {impl} FAILED: {error}", file=sys.stderr)
                    elif "unsupported" in record:
                        failed[impl] = {"unsupported": record["unsupported"]}
                    else:
                        records[impl].append(record)
            for impl in commands:
                row = {"dialect": dialect, "label": name, "impl": impl, "scenario": scenario,
                       "size": size, "threads": threads, "variant": variant}
                if impl in failed:
                    row.update(failed[impl])
                else:
                    record, error = merge_rounds(records[impl])
                    if error:
                        errors.append(f"{dialect} {name} {impl}: {error}")
                    row.update(record)
                    row["label"] = name
                    if impl == "raw":
                        reference = record
                        row["checksum_ok"] = not error
                    elif reference is not None:
                        row["checksum_ok"] = (not error
                                              and record["checksum"] == reference["checksum"]
                                              and record["rows"] == reference["rows"])
                        if not row["checksum_ok"] and not error:
                            errors.append(
                                f"{dialect} {name} {impl}: checksum {record['checksum']} rows "
                                f"{record['rows']}, raw has {reference['checksum']} rows "
                                f"{reference['rows']}")
                rows.append(row)
            # Ratios: Tabula against raw, every other program against Tabula.
            by_impl = {r["impl"]: r for r in rows if r["label"] == name and "median_ms" in r}
            for impl, r in by_impl.items():
                base = by_impl.get("raw") if impl == "tabula" else by_impl.get("tabula")
                if impl != "raw" and base and base["median_ms"] > 0:
                    r["ratio"] = r["median_ms"] / base["median_ms"]
        print_table(dialect, rows, sys.stdout)
        results.extend(rows)

    report = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "small": args.small,
              "runs": runs, "rounds": rounds, "machine": machine(), "results": results,
              "errors": errors}
    os.makedirs(os.path.dirname(os.path.abspath(json_path)), exist_ok=True)
    with open(json_path, "w") as f:
        json.dump(report, f, indent=1)
    print(f"\nfigures written to {json_path}")
    if errors:
        print("\nERRORS:", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
