"""`varflow ps --cluster cluster.json --task 0`: run one parameter-server task until interrupted."""
from __future__ import annotations

import argparse
import json
import sys


def ps_main(argv: list | None = None) -> int:
    """Start ps task `--task` of the cluster in `--cluster` (JSON: {"ps": [...], "worker": [...]})
    and serve its variables (a Ray actor) until Ctrl-C; returns the exit status."""
    parser = argparse.ArgumentParser(prog="varflow ps", description=ps_main.__doc__)
    parser.add_argument("--cluster", required=True, help="cluster spec JSON file (or inline JSON)")
    parser.add_argument("--task", type=int, default=0, help="index of this ps task")
    parser.add_argument("--job", default="ps", help="job name of the task (default: ps)")
    args = parser.parse_args(argv)
    text = args.cluster
    if not text.lstrip().startswith("{"):
        with open(text) as f:
            text = f.read()
    try:
        cluster = json.loads(text)
    except json.JSONDecodeError as e:
        print("varflow ps: %s is not valid JSON: %s" % (args.cluster, e), file=sys.stderr)
        return 2
    from ..train.server_lib import Server

    try:
        server = Server(cluster, job_name=args.job, task_index=args.task)
    except (ValueError, TypeError) as e:
        print("varflow ps: %s" % e, file=sys.stderr)
        return 2
    print("varflow ps: serving %s (job %s, task %d); Ctrl-C to stop"
          % (server.target, args.job, args.task), flush=True)
    try:
        server.join()
    except KeyboardInterrupt:
        pass
    return 0
