"""docs/compat.md is what tools/gen_compat.py generates from varflow's current namespace."""
import os
import subprocess
import sys

import varflow

REPO = os.path.dirname(os.path.dirname(os.path.abspath(varflow.__file__)))


def test_compat_doc_is_up_to_date(tmp_path):
    out = tmp_path / "compat.md"
    env = dict(os.environ, PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, os.path.join(REPO, "tools", "gen_compat.py"),
                           "--out", str(out)], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    with open(os.path.join(REPO, "docs", "compat.md")) as f:
        committed = f.read()
    assert out.read_text() == committed, (
        "docs/compat.md is stale: run `python tools/gen_compat.py` and commit the result")
