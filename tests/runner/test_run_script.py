"""`varflow run`: unmodified TF1 scripts (`import tensorflow as tf`) run on varflow."""
import os
import subprocess
import sys
import textwrap

import pytest

import varflow
from varflow.cli import main
from varflow.runner import MissingTFNameError, run_script, tf_import_hook

REPO = os.path.dirname(os.path.dirname(os.path.abspath(varflow.__file__)))

LEGACY = """\
import sys
import tensorflow as tf
from tensorflow.contrib import layers
from tensorflow.python.ops import variable_scope
from tensorflow.python.framework import ops
from tensorflow.python.training import gradient_descent

print("argv", sys.argv, __name__)
with variable_scope.variable_scope("m"):
    w = tf.get_variable("w", [2, 1], initializer=layers.xavier_initializer())
x = tf.placeholder(tf.float32, [None, 2])
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
train = gradient_descent.GradientDescentOptimizer(0.1).minimize(loss)
assert ops.get_default_graph() is tf.get_default_graph()
with tf.compat.v1.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(100):
        sess.run(train, {x: [[1.0, 2.0]]})
    print("loss %.4f" % sess.run(loss, {x: [[1.0, 2.0]]}))
sys.exit(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
"""


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return str(path)


def _varflow(*args, cwd):
    env = dict(os.environ, PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "varflow", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd, env=env)


def test_legacy_script_runs_through_python_m_varflow_run(tmp_path):
    script = _write(tmp_path, "legacy.py", LEGACY)
    proc = _varflow("run", script, "3", "--flag", cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    assert "argv [%r, '3', '--flag'] __main__" % script in proc.stdout
    assert "loss 0.0000" in proc.stdout


def test_missing_name_fails_with_name_line_and_suggestion(tmp_path):
    script = _write(tmp_path, "bad.py", """\
        import tensorflow as tf
        x = tf.constant(1.0)
        y = tf.nn.reluu(x)
        """)
    proc = _varflow("run", script, cwd=tmp_path)
    assert proc.returncode == 1
    assert "tf.nn.reluu" in proc.stderr
    assert "bad.py, line 3: y = tf.nn.reluu(x)" in proc.stderr
    assert "Closest names varflow has: tf.nn.relu" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_report_lists_touched_names(tmp_path):
    script = _write(tmp_path, "probe.py", """\
        import tensorflow as tf
        a = tf.constant(2.0)
        print(hasattr(tf, "estimator"))
        with tf.Session() as sess:
            print(sess.run(tf.nn.relu(a)))
        """)
    proc = _varflow("run", "--report", script, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "False" and lines[1] == "2.0"
    assert "touched 5 TensorFlow names: 4 provided, 1 missing" in proc.stdout
    assert any(line.split()[:2] == ["MISSING", "tf.estimator"] for line in lines)
    for name, line in (("tf.constant", 2), ("tf.Session", 4), ("tf.nn.relu", 5)):
        assert any(row.split() == ["provided", name, "probe.py:%d" % line] for row in lines), name


def test_deep_imports_and_compat_v1_resolve_to_varflow(tmp_path, capsys):
    script = _write(tmp_path, "deep.py", """\
        import tensorflow as tf
        import tensorflow.compat.v1 as tf1
        from tensorflow.python.framework import dtypes, tensor_shape, errors
        from tensorflow.python.ops import init_ops, math_ops, nn_ops, array_ops
        from tensorflow.python.training import training, saver, moving_averages
        from tensorflow.python.client import session
        from tensorflow.python.platform import tf_logging
        from tensorflow.contrib.framework import get_variables
        import varflow
        assert tf1 is tf and tf.compat.v1 is tf
        assert tf.Graph is varflow.Graph and dtypes.float32 is varflow.float32
        assert math_ops.matmul is varflow.matmul and nn_ops.relu is varflow.nn.relu
        assert saver.Saver is varflow.train.Saver and session.Session is varflow.Session
        assert training.AdamOptimizer is varflow.train.AdamOptimizer
        assert errors.NotFoundError is varflow.errors.NotFoundError
        print("deep ok")
        """)
    assert run_script(script) == 0
    assert "deep ok" in capsys.readouterr().out


def test_hook_is_active_only_inside_the_run(tmp_path):
    before_meta = list(sys.meta_path)
    before = {k for k in sys.modules if k == "tensorflow" or k.startswith("tensorflow.")}
    with tf_import_hook() as recorder:
        import tensorflow as tf

        assert tf.get_variable is varflow.get_variable
        with pytest.raises(MissingTFNameError) as info:
            _ = tf.placeholderr
        assert info.value.tf_name == "placeholderr" and "placeholder" in info.value.suggestions
        assert info.value.location.filename == __file__
    assert recorder.touched["get_variable"][0] and not recorder.touched["placeholderr"][0]
    assert sys.meta_path == before_meta
    assert {k for k in sys.modules if k == "tensorflow" or k.startswith("tensorflow.")} == before
    argv = list(sys.argv)
    script = _write(tmp_path, "s.py", "import sys\nimport tensorflow\nsys.exit(7)\n")
    assert run_script(script, ["x"]) == 7
    assert sys.argv == argv and sys.meta_path == before_meta
    assert sys.modules["__main__"].__name__ == "__main__"


def test_app_run_main_and_script_errors(tmp_path, capsys):
    script = _write(tmp_path, "app.py", """\
        import tensorflow as tf
        tf.app.flags.DEFINE_integer("steps", 1, "steps")
        FLAGS = tf.app.flags.FLAGS
        def main(argv):
            print("steps", FLAGS.steps, argv[1:])
            return 5
        if __name__ == "__main__":
            tf.app.run()
        """)
    assert main(["run", script, "--steps=4", "extra"]) == 5
    assert "steps 4 ['extra']" in capsys.readouterr().out
    failing = _write(tmp_path, "fail.py", "import tensorflow as tf\nraise ValueError('boom')\n")
    assert run_script(failing) == 1
    err = capsys.readouterr().err
    assert "ValueError: boom" in err and "run.py" not in err


def test_inspect_graph_describes_the_variables_built(tmp_path, capsys):
    script = _write(tmp_path, "legacy.py", LEGACY)
    assert main(["inspect", "--graph", script]) == 0
    out = capsys.readouterr().out
    assert "m/w:0" in out and "1 variables, 2 parameters" in out and "MatMul" in out


def test_version_and_namedtuple_fetches_work_under_run(tmp_path):
    script = tmp_path / "legacy_version.py"
    script.write_text(
        "import tensorflow as tf\n"
        "print('version', tf.__version__)\n"
        "x = tf.constant([[1.0, 3.0, 2.0]])\n"
        "with tf.Session() as s:\n"
        "    r = s.run(tf.nn.top_k(x, 2))\n"
        "print(r.values.tolist(), r.indices.tolist())\n")
    proc = subprocess.run([sys.executable, "-m", "varflow", "run", str(script)],
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=REPO))
    assert proc.returncode == 0, proc.stderr
    assert "version %s" % varflow.__version__ in proc.stdout
    assert "[[3.0, 2.0]] [[1, 2]]" in proc.stdout
