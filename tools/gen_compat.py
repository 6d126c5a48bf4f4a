"""Generate docs/compat.md: which tf.compat.v1 names varflow provides, namespace by namespace.

    python tools/gen_compat.py                    # rewrite docs/compat.md from varflow itself
    python tools/gen_compat.py --out FILE         # write elsewhere (the docs test does this)
    /work/tfenv/bin/python tools/gen_compat.py --freeze   # once: rewrite docs/tf_compat_v1_names.txt

The reference list of TensorFlow names is frozen in docs/tf_compat_v1_names.txt (made once from a
real TensorFlow with --freeze), so regenerating the report needs no TensorFlow.
"""
from __future__ import annotations

import argparse
import inspect
import os
import sys
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAMES_FILE = os.path.join(ROOT, "docs", "tf_compat_v1_names.txt")
COMPAT_FILE = os.path.join(ROOT, "docs", "compat.md")

# The tf.compat.v1 namespaces the report covers ("" is the top level), in report order.
NAMESPACES = ["", "nn", "math", "random", "train", "losses", "metrics",
              "summary", "initializers", "errors", "debugging", "app", "flags", "test", "compat",
              "dtypes", "logging", "linalg", "data", "gfile", "io", "image", "sparse", "strings",
              "keras", "keras.initializers", "keras.regularizers", "keras.activations",
              "keras.backend", "keras.layers", "keras.losses", "keras.optimizers"]
FREEZE_HEADER = ("# Public names of tf.compat.v1 (TensorFlow {version}), one per line: "
                 "<dotted name> <kind>.\n# Generated once by `tools/gen_compat.py --freeze`; "
                 "the compat report compares varflow against it.\n")


def _kind(value) -> str:
    if isinstance(value, types.ModuleType) or type(value).__name__.endswith("LazyLoader"):
        return "module"
    if inspect.isclass(value):
        return "class"
    if callable(value):
        return "function"
    return "constant"


def freeze() -> int:
    """Walk a real tf.compat.v1 and write the frozen reference list (needs TensorFlow)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as real_tf

    v1 = real_tf.compat.v1
    rows = []
    for ns in NAMESPACES:
        module = v1
        for part in filter(None, ns.split(".")):
            module = getattr(module, part)
        try:
            names = sorted(dir(module))
        except Exception:   # Keras 3's lazy loader: list its public names through its __all__
            names = sorted(getattr(module, "__all__", ()))
        for name in names:
            if name.startswith("_"):
                continue
            try:
                value = getattr(module, name)
            except Exception:   # a lazily loaded name that fails to load is still a TF name
                value = None
            rows.append(("%s.%s" % (ns, name) if ns else name, _kind(value)))
    with open(NAMES_FILE, "w") as f:
        f.write(FREEZE_HEADER.format(version=real_tf.__version__))
        for name, kind in rows:
            f.write("%s %s\n" % (name, kind))
    print("wrote %d names to %s" % (len(rows), NAMES_FILE))
    return 0


# Namespaces TF 2.21's tf.compat.v1 cannot list (tf.layers and tf.nn.rnn_cell need tf_keras;
# tf.contrib is gone from TF 2): the report lists what varflow provides there, without a count.
UNLISTED = {"layers": "tf.compat.v1.layers needs the tf_keras package in TensorFlow 2.21",
            "contrib.layers": "tf.contrib was removed in TensorFlow 2",
            "contrib.framework": "tf.contrib was removed in TensorFlow 2",
            "contrib.training": "tf.contrib was removed in TensorFlow 2"}

DIFFERENCES = """\
## Known behaviour differences

Where a provided name behaves differently from TensorFlow 1.x (all else follows TF; the recorded
behaviours are checked by the conformance suite in `shared/conformance`):

- **Graph mode only.** `tf.enable_eager_execution()` and `tf.enable_v2_behavior()` raise
  `ValueError`; `tf.executing_eagerly()` is `False`; `disable_v2_behavior()` is accepted and does
  nothing.
- **Kernels run on the host, in NumPy, unless XLA is on.** Device strings (`/device:GPU:0`,
  `/job:ps/task:0`) are recorded on ops and variables and decide which container holds a variable
  on a cluster. A plain session has one local device, the CPU: an op placed on a GPU needs
  `allow_soft_placement`. With `global_jit_level` on and JAX installed, a session also offers each
  GPU JAX sees as `/device:GPU:k`, and ops placed there run on it as XLA segments; unplaced ops
  stay on the host (TensorFlow would put them on GPU:0). `tf.test.is_gpu_available()` answers for a plain session (False). `ConfigProto`,
  `GPUOptions` and `RunOptions` are accepted; their GPU and threading settings have no effect.
- **Random numbers differ.** Seeded ops (`tf.set_random_seed`, `seed=`) are reproducible from run
  to run within varflow, but do not produce TensorFlow's (Philox) values.
- **No MetaGraphDef.** `Saver.save(write_meta_graph=True)` writes the checkpoint and the state file
  and warns once that the `.meta` file was skipped; `tf.train.import_meta_graph` is not provided.
- **Checkpoints are TensorFlow's V2 format**, byte for byte: TensorFlow restores varflow's
  checkpoints and varflow restores TensorFlow's (names and shapes must match).
- **Distributed training runs on Ray.** `tf.train.Server` and a session on its target place
  `/job:ps` variables in Ray actors; `ClusterSpec` addresses name tasks but are not gRPC endpoints,
  and TensorFlow processes cannot join a varflow cluster.
- **`tf.keras`** provides initializers and regularizers only (for graph code), not Keras models or
  layers; use `tf.layers` / `tf.contrib.layers` for layers.
- **Error messages** are TensorFlow's error classes with varflow's own wording (they name the
  variable, the op and the user code line); code matching on exact message text may need care.
- **Summaries** (`tf.summary.scalar`, `histogram`, `image`, `audio`, `text`, `tensor_summary`,
  `merge_all`, `FileWriter`) write TensorBoard event files; TF 2's summary writer API
  (`create_file_writer`, `tf.summary.initialize`) is not provided.
"""


def load_reference(path: str = NAMES_FILE) -> dict:
    """The frozen tf.compat.v1 names: namespace -> [(name, kind)], in NAMESPACES order."""
    ref: dict = {ns: [] for ns in NAMESPACES}
    version = "?"
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                if "TensorFlow " in line:
                    version = line.split("TensorFlow ", 1)[1].split(")")[0]
                continue
            dotted, kind = line.split()
            ns, _, leaf = dotted.rpartition(".")
            ref.setdefault(ns, []).append((leaf, kind))
    ref["__version__"] = version
    return ref


def _varflow_namespace(ns: str):
    if sys.path[0] != ROOT:      # document the varflow of this checkout, not an installed one
        sys.path.insert(0, ROOT)
    import varflow

    module = varflow
    for part in filter(None, ns.split(".")):
        module = getattr(module, part, None)
        if module is None:
            return None
    return module


def _code_list(names) -> str:
    return ", ".join("`%s`" % n for n in names) if names else "(none)"


def render(ref: dict) -> str:
    """The text of docs/compat.md."""
    version = ref.pop("__version__", "?")
    rows, sections = [], []
    total_tf = total_ok = 0
    for ns, entries in ref.items():
        if not entries:
            continue
        module = _varflow_namespace(ns)
        provided = sorted(n for n, _ in entries if module is not None and hasattr(module, n))
        missing = sorted(n for n, _ in entries if n not in set(provided))
        total_tf += len(entries)
        total_ok += len(provided)
        title = "tf." + ns if ns else "tf (top level)"
        pct = 100.0 * len(provided) / len(entries)
        anchor = ("tf" + ns.replace(".", "")) if ns else "tf-top-level"
        rows.append("| [`%s`](#%s) | %d | %d | %d | %.0f%% |"
                    % ("tf." + ns if ns else "tf", anchor, len(entries), len(provided),
                       len(missing), pct))
        body = ["## %s" % title, ""]
        if module is None:
            body.append("varflow has no `%s` namespace." % ("tf." + ns))
        else:
            body.append("**Provided (%d):** %s" % (len(provided), _code_list(provided)))
        body += ["", "<details><summary>Missing (%d)</summary>" % len(missing), "",
                 _code_list(missing), "", "</details>", ""]
        sections.append("\n".join(body))
    for ns, why in UNLISTED.items():
        module = _varflow_namespace(ns)
        names = sorted(n for n in dir(module) if not n.startswith("_")
                       and not isinstance(getattr(module, n), types.ModuleType)
                       and getattr(getattr(module, n), "__module__", "varflow").startswith("varflow"))
        sections.append("## tf.%s\n\nNo reference count (%s). **Provided (%d):** %s\n"
                        % (ns, why, len(names), _code_list(names)))
    head = ["# varflow and tf.compat.v1: what is provided", "",
            "Generated by `python tools/gen_compat.py` from varflow's own namespace and the frozen",
            "list of public `tf.compat.v1` names in TensorFlow %s (`docs/tf_compat_v1_names.txt`)."
            % version,
            "Do not edit by hand; `tests/docs/test_compat_doc.py` checks it is up to date.", "",
            "A name counts as provided when varflow has it at the same path; `varflow run --report",
            "SCRIPT` lists exactly the names one script uses.", "",
            "Overall: **%d of %d** listed names provided." % (total_ok, total_tf), "",
            "| namespace | TF names | provided | missing | coverage |",
            "| --- | ---: | ---: | ---: | ---: |"]
    return "\n".join(head + rows) + "\n\n" + "\n".join(sections) + "\n" + DIFFERENCES


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=COMPAT_FILE, help="where to write the report")
    parser.add_argument("--freeze", action="store_true",
                        help="rewrite the reference list from a real TensorFlow instead")
    args = parser.parse_args(argv)
    if args.freeze:
        return freeze()
    text = render(load_reference())
    with open(args.out, "w") as f:
        f.write(text)
    print("wrote %s" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
