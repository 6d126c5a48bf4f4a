"""Run a TF1 script as `__main__` under the tensorflow→varflow import hook; report what it touched."""
from __future__ import annotations

import collections
import contextlib
import os
import sys
import traceback
import types
from collections.abc import Iterator

from .hook import tf_import_hook
from .proxy import MissingTFModuleError, MissingTFNameError, Recorder, display_name


def run_script(script: str, args: list | None = None, report: bool = False, graph: bool = False,
               out=None) -> int:
    """Run `script` with sys.argv = [script, *args] and `__name__ == "__main__"`, `tensorflow`
    resolving to varflow; print the touched-name report (`report`) or the variables of the graphs
    it built (`graph`) afterwards to `out` (default stdout). Returns the script's exit status."""
    out = out or sys.stdout
    try:
        with open(script, "rb") as f:
            source = f.read()
    except OSError as e:
        print("varflow run: cannot open %s: %s" % (script, e.strerror or e), file=sys.stderr)
        return 2
    try:
        code = compile(source, script, "exec", dont_inherit=True)
    except SyntaxError:
        traceback.print_exc(limit=0)
        return 1
    recorder = Recorder()
    graphs: list = []
    with _script_context(script, args or []) as module, tf_import_hook(recorder), \
            _tracking_graphs(graphs, graph):
        status = _execute(code, module, script)
    sys.stdout.flush()
    if report:
        print(format_report(recorder, script), file=out)
    if graph:
        print(format_graphs(graphs), file=out)
    return status


@contextlib.contextmanager
def _script_context(script: str, args: list) -> Iterator[types.ModuleType]:
    """sys.argv, sys.path[0] and the `__main__` module as `python script.py args` would set them."""
    module = types.ModuleType("__main__")
    module.__dict__.update(__file__=script, __builtins__=__builtins__, __spec__=None,
                           __package__=None, __cached__=None)
    saved_argv, saved_path = sys.argv, list(sys.path)
    saved_main = sys.modules.get("__main__")
    sys.argv = [script] + list(args)
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    sys.modules["__main__"] = module
    try:
        yield module
    finally:
        sys.argv = saved_argv
        sys.path[:] = saved_path
        if saved_main is not None:
            sys.modules["__main__"] = saved_main


@contextlib.contextmanager
def _tracking_graphs(graphs: list, enabled: bool) -> Iterator[None]:
    """Collect every Graph built while active (for `varflow inspect --graph`)."""
    if not enabled:
        yield
        return
    from ..framework.graph import Graph

    original = Graph.__init__

    def init(self, *a, **k):
        original(self, *a, **k)
        graphs.append(self)

    Graph.__init__ = init
    try:
        yield
    finally:
        Graph.__init__ = original
        from ..framework.graph import get_default_graph

        graphs.append(get_default_graph())


def _execute(code, module: types.ModuleType, script: str) -> int:
    """Exec the compiled script; turn SystemExit and uncaught errors into an exit status."""
    try:
        exec(code, module.__dict__)
    except SystemExit as e:
        return _exit_status(e.code)
    except (MissingTFNameError, MissingTFModuleError) as e:
        sys.stdout.flush()
        print("varflow run: %s" % e.args[0], file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        traceback.print_exc()
        return 130
    except BaseException as e:  # the script's own error: show its traceback from the script down
        sys.stdout.flush()
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code is not code:
            tb = tb.tb_next
        traceback.print_exception(type(e), e, tb or e.__traceback__)
        return 1
    return 0


def _exit_status(code) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def format_report(recorder: Recorder, script: str = "the script") -> str:
    """A table of every TensorFlow name touched, whether varflow provides it and where first used."""
    rows = sorted(recorder.touched.items(), key=lambda kv: (kv[1][0], display_name(kv[0])))
    missing = sum(1 for _, (ok, _loc) in rows if not ok)
    lines = ["varflow run --report: %s touched %d TensorFlow names: %d provided, %d missing"
             % (os.path.basename(script), len(rows), len(rows) - missing, missing)]
    width = max([len(display_name(p)) for p, _ in rows] + [4])
    for path, (ok, loc) in rows:
        where = "" if loc is None else "%s:%d" % (os.path.basename(loc.filename), loc.lineno)
        lines.append("  %-8s %-*s  %s" % ("provided" if ok else "MISSING", width,
                                           display_name(path), where))
    return "\n".join(lines)


def format_graphs(graphs: list) -> str:
    """The variables table (varflow.describe) and op counts of each distinct graph that has ops."""
    import io

    from ..describe import describe

    distinct = []
    for g in graphs:
        if all(g is not other for other in distinct) and g.get_operations():
            distinct.append(g)
    if not distinct:
        return "varflow inspect --graph: the script built no operations"
    parts = []
    for i, g in enumerate(distinct):
        ops = g.get_operations()
        counts = collections.Counter(op.type for op in ops)
        top = ", ".join("%s x%d" % kv for kv in counts.most_common(8))
        title = "graph %d of %d" % (i + 1, len(distinct)) if len(distinct) > 1 else "graph"
        parts.append("%s: %d ops (%s%s)\n%s" % (title, len(ops), top,
                                               ", ..." if len(counts) > 8 else "",
                                               describe(g, file=io.StringIO())))
    return "\n\n".join(parts)
