"""The `varflow` command: `tour`, `run SCRIPT`, `inspect CKPT` (or `inspect --graph SCRIPT`),
`ps --cluster FILE --task K`, `version`."""
from __future__ import annotations

import argparse
import sys


def _tour(args) -> int:
    from .tour import run_tour

    return run_tour()


def _run(args) -> int:
    from .runner import run_script

    return run_script(args.script, args.args, report=args.report)


def _inspect(args) -> int:
    if args.graph:
        from .runner import run_script

        return run_script(args.checkpoint, args.args, graph=True)
    if args.args:
        print("varflow inspect: unexpected arguments %s (script arguments go with --graph)"
              % " ".join(args.args), file=sys.stderr)
        return 2
    from .tools.inspect_checkpoint import inspect_main

    argv = [args.checkpoint]
    if args.tensor:
        argv += ["--tensor", args.tensor]
    if args.all:
        argv.append("--all")
    return inspect_main(argv)


def _ps(args) -> int:
    from .distributed.cli import ps_main

    return ps_main(args.rest)


def _version(args) -> int:
    import varflow

    print("varflow %s" % varflow.__version__)
    return 0


def main(argv=None) -> int:
    """Entry point of the `varflow` console script (and `python -m varflow`)."""
    parser = argparse.ArgumentParser(prog="varflow", description="TensorFlow 1.x graph-mode "
                                     "variables, sessions and checkpoints on NumPy.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("tour", help="walk through the seed document, running every snippet")
    p = sub.add_parser("run", help="run a TF1 script unchanged: `import tensorflow as tf` gives varflow")
    p.add_argument("--report", action="store_true",
                   help="afterwards, list every TensorFlow name the script touched")
    p.add_argument("script")
    p.add_argument("args", nargs=argparse.REMAINDER, help="the script's own arguments")
    p = sub.add_parser("inspect", help="list the tensors of a checkpoint (prefix or directory), "
                       "or with --graph the variables of the graph a script builds")
    p.add_argument("--graph", action="store_true",
                   help="CHECKPOINT is a TF1 script: run it and describe the graph it built")
    p.add_argument("checkpoint", metavar="CHECKPOINT")
    p.add_argument("args", nargs="*", help="with --graph: the script's arguments (after `--` "
                   "when they start with -)")
    p.add_argument("--tensor", help="print this tensor's values")
    p.add_argument("--all", action="store_true", help="print every tensor's values")
    p = sub.add_parser("ps", help="serve a parameter-server task: --cluster cluster.json --task K",
                       add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    sub.add_parser("version", help="print the version")
    args = parser.parse_args(argv)
    handler = {"tour": _tour, "run": _run, "inspect": _inspect, "ps": _ps, "version": _version}[args.command]
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
