"""The `varflow` command: `tour`, `inspect CKPT`, `ps --cluster FILE --task K`, `version`."""
from __future__ import annotations

import argparse
import sys


def _tour(args) -> int:
    from .tour import run_tour

    return run_tour()


def _inspect(args) -> int:
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
    p = sub.add_parser("inspect", help="list the tensors of a checkpoint (prefix or directory)")
    p.add_argument("checkpoint")
    p.add_argument("--tensor", help="print this tensor's values")
    p.add_argument("--all", action="store_true", help="print every tensor's values")
    p = sub.add_parser("ps", help="serve a parameter-server task: --cluster cluster.json --task K",
                       add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    sub.add_parser("version", help="print the version")
    args = parser.parse_args(argv)
    handler = {"tour": _tour, "inspect": _inspect, "ps": _ps, "version": _version}[args.command]
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
