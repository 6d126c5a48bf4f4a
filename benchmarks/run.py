"""Benchmark varflow against TensorFlow in the same run on the same machine and print one table.

    python benchmarks/run.py [--quick] [--only CASE] [--json PATH] [--rounds N]

Each case runs in fresh worker processes (`workloads.py`), varflow's and TensorFlow's alternating (the
order flips each round), and a figure is the median over rounds of each worker's median.  TensorFlow runs
under its own interpreter: $VARFLOW_TF_PYTHON, else /work/tfenv/bin/python; where that interpreter is
missing or lacks tensorflow, the TensorFlow column reads "n/a".
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from report import CASES, build_rows, render  # noqa: E402

DEFAULT_TF_PYTHON = "/work/tfenv/bin/python"
WORKER_TIMEOUT_S = 600

IMPORT_SNIPPET = """
import json, resource, time
t0 = time.perf_counter()
import {module}
dt = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print("VFBENCH_JSON " + json.dumps({{"import_ms": dt * 1e3, "import_rss_mib": rss}}))
"""


def find_tf_python() -> str | None:
    """The interpreter that runs TensorFlow, or None where there is none that can import it."""
    path = os.environ.get("VARFLOW_TF_PYTHON") or DEFAULT_TF_PYTHON
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        return None
    probe = "import importlib.util, sys; sys.exit(importlib.util.find_spec('tensorflow') is None)"
    try:
        ok = subprocess.run([path, "-c", probe], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if ok else None


# Set on some VMs to pin old OpenBLAS builds to a safe kernel; they make a current NumPy's OpenBLAS run
# the AVX2 (Haswell) kernel on an AVX-512 CPU at ~0.55x the speed (MLP matmuls: 163-172 vs 266-309
# GFLOP/s on the 2-core Zen 4 VM), while TensorFlow's oneDNN is unaffected.
OPENBLAS_PINS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
KEEP_OPENBLAS_PINS = False


def _env() -> dict:
    """Workers' environment: bytecode cached (in a private prefix, so the tree stays clean) even where the
    caller sets PYTHONDONTWRITEBYTECODE, since an installed package imports from cached bytecode; and
    NumPy's BLAS choosing its own kernel for the CPU, as on a user's machine (`--keep-openblas-pins`)."""
    env = dict(os.environ)
    if not KEEP_OPENBLAS_PINS:
        for name in OPENBLAS_PINS:
            env.pop(name, None)
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "varflow-bench-pycache")
    env["PYTHONPATH"] = ROOT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_json(argv: list) -> dict | None:
    """Run a worker and return its JSON figures; on failure say why on stderr and return None."""
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, env=_env(), cwd=ROOT,
                              timeout=WORKER_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        print("benchmark worker timed out: %s" % " ".join(argv[1:]), file=sys.stderr)
        return None
    for line in proc.stdout.splitlines():
        if line.startswith("VFBENCH_JSON "):
            return json.loads(line[len("VFBENCH_JSON "):])
    tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-8:])
    print("benchmark worker failed (%s):\n%s" % (" ".join(argv[1:]), tail), file=sys.stderr)
    return None


def merge(samples: list) -> dict | None:
    """Median over rounds of each numeric figure (strings: the first seen)."""
    samples = [s for s in samples if s]
    if not samples:
        return None
    out = {}
    for key in {k for s in samples for k in s}:
        values = [s[key] for s in samples if key in s]
        out[key] = statistics.median(values) if isinstance(values[0], (int, float)) else values[0]
    return out


def measure_import(tf_python: str | None, repeats: int) -> tuple[dict, dict | None]:
    """Import time and peak RSS of `import varflow` / `import tensorflow.compat.v1` in fresh processes,
    alternating with `import numpy` (the floor varflow's import is judged against)."""
    vf, np_, tf = [], [], []
    for module, python in (("numpy", sys.executable), ("varflow", sys.executable),
                           ("tensorflow.compat.v1", tf_python)):
        if python:  # untimed: fills the bytecode cache and the OS file cache
            run_json([python, "-c", IMPORT_SNIPPET.format(module=module)])
    for _ in range(repeats):
        np_.append(run_json([sys.executable, "-c", IMPORT_SNIPPET.format(module="numpy")]))
        vf.append(run_json([sys.executable, "-c", IMPORT_SNIPPET.format(module="varflow")]))
        if tf_python:
            tf.append(run_json([tf_python, "-c", IMPORT_SNIPPET.format(module="tensorflow.compat.v1")]))
    vf_fig = merge(vf) or {}
    np_fig = merge(np_)
    if np_fig:
        vf_fig["numpy_import_ms"] = np_fig["import_ms"]
        vf_fig["numpy_import_rss_mib"] = np_fig["import_rss_mib"]
    return vf_fig, merge(tf) if tf_python else None


def measure_case(case: str, tf_python: str | None, rounds: int, quick: bool) -> tuple[dict, dict | None]:
    """Run `case` in `rounds` pairs of fresh varflow / TensorFlow workers, alternating which goes first."""
    worker = os.path.join(HERE, "workloads.py")
    extra = ["--quick"] if quick else []
    vf, tf = [], []
    for r in range(rounds):
        order = ["varflow", "tensorflow"] if r % 2 == 0 else ["tensorflow", "varflow"]
        for impl in order:
            if impl == "varflow":
                vf.append(run_json([sys.executable, worker, "varflow", case] + extra))
            elif tf_python:
                tf.append(run_json([tf_python, worker, "tensorflow", case] + extra))
    return merge(vf) or {}, merge(tf) if tf_python else None


KERNELS_PROBE = ("import threadpoolctl, numpy\n"
                 "from varflow.ops import onednn\n"
                 "info = [i for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas']\n"
                 "print('NumPy BLAS: ' + (' '.join('%s %s (%s kernel, %d threads)' % (\n"
                 "    i['internal_api'], i['version'], i.get('architecture'), i['num_threads'])\n"
                 "    for i in info) or 'none found') + '; oneDNN kernels: '\n"
                 "    + ('on' if onednn.available() else 'off (varflow[onednn] not installed)'))")


def kernels() -> str:
    """The kernels the varflow workers get: NumPy's BLAS (library, version, kernel chosen, threads)
    and whether convolutions, products and optimizer updates run through oneDNN."""
    try:
        proc = subprocess.run([sys.executable, "-c", KERNELS_PROBE], capture_output=True, text=True,
                              env=_env(), cwd=ROOT, timeout=60)
    except subprocess.TimeoutExpired:
        return "kernels unknown"
    return proc.stdout.strip() or "kernels unknown"


def machine() -> str:
    return "%s, %d cores, Python %s; %s" % (platform.platform(terse=True), os.cpu_count() or 0,
                                           platform.python_version(), kernels())


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke test)")
    parser.add_argument("--only", action="append", choices=CASES, help="run only this case (repeatable)")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--keep-openblas-pins", action="store_true",
                        help="keep OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE for the workers (by default they are "
                             "removed, so NumPy's BLAS picks the kernel for this CPU, as on a user's machine)")
    parser.add_argument("--rounds", type=int, default=None,
                        help="varflow/TF worker pairs per case (default 1 with --quick, else 2)")
    args = parser.parse_args(argv)
    cases = args.only or CASES
    rounds = args.rounds or (1 if args.quick else 2)
    tf_python = find_tf_python()

    global KEEP_OPENBLAS_PINS
    KEEP_OPENBLAS_PINS = args.keep_openblas_pins
    vf_all: dict = {}
    tf_all: dict | None = {} if tf_python else None
    for case in cases:
        print("running %s ..." % case, file=sys.stderr, flush=True)
        if case == "import":
            vf, tf = measure_import(tf_python, 2 if args.quick else 4)
        else:
            vf, tf = measure_case(case, tf_python, rounds, args.quick)
        vf_all.update(vf)
        if tf_all is not None and tf:
            tf_all.update(tf)

    rows = build_rows(vf_all, tf_all, cases)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    where = machine()
    print("varflow vs TensorFlow (%s) — %s; %s" % (
        "TF: " + tf_python if tf_python else "TensorFlow not available", stamp, where))
    print(render(rows))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"date": stamp, "machine": where, "tf_python": tf_python, "quick": args.quick,
                       "rounds": rounds, "rows": [{k: v for k, v in r.items() if k != "_metric"} for r in rows],
                       "varflow_raw": vf_all, "tensorflow_raw": tf_all}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
