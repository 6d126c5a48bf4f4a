"""Smoke test of benchmarks/run.py: one small case runs without TensorFlow and prints the table."""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_quick_graph_build_prints_table_without_tensorflow(tmp_path):
    env = dict(os.environ, VARFLOW_TF_PYTHON=str(tmp_path / "no-such-python"))
    out_json = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "run.py"), "--quick",
                           "--only", "graph_build", "--json", str(out_json)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "TensorFlow not available" in proc.stdout
    table = [line for line in proc.stdout.splitlines() if line.startswith("| graph_build")]
    assert len(table) == 3
    assert all("n/a" in line for line in table)
    rows = json.loads(out_json.read_text())["rows"]
    assert {r["metric"] for r in rows} == {"tf.add created", "get_variable create (nested scopes)",
                                           "get_variable reuse"}
    assert all(r["varflow"] > 0 and r["tensorflow"] is None for r in rows)


def test_workers_let_numpys_blas_pick_its_kernel(monkeypatch):
    """OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (set on some VMs) are dropped for the workers unless
    --keep-openblas-pins asks to keep them; the table's header names the BLAS kernel."""
    sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
    import run
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    monkeypatch.setenv("OPENBLAS_L2_SIZE", "512")
    monkeypatch.setattr(run, "KEEP_OPENBLAS_PINS", False)
    env = run._env()
    assert "OPENBLAS_CORETYPE" not in env and "OPENBLAS_L2_SIZE" not in env
    monkeypatch.setattr(run, "KEEP_OPENBLAS_PINS", True)
    assert run._env()["OPENBLAS_CORETYPE"] == "Haswell"
    header = run.machine()
    assert "NumPy BLAS:" in header and "oneDNN kernels: o" in header
