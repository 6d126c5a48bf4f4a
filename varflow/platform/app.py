"""`tf.app.run(main)`: parse the command-line flags, then `sys.exit(main(remaining_argv))`."""
from __future__ import annotations

import sys

from . import flags

__all__ = ["run", "flags"]


def run(main=None, argv=None) -> None:
    """Parse `argv` (default sys.argv) into `tf.app.flags.FLAGS` and run `main` (default
    `__main__.main`) with the arguments that were not flags; exits with its return value."""
    args = list(sys.argv if argv is None else argv)
    if any(a in ("--help", "-h", "--helpfull") for a in args[1:]):
        print("%s:\n%s" % (args[0] if args else "program", flags.FLAGS.help_text()))
        sys.exit(0)
    try:
        remaining = flags.FLAGS(args)
    except flags.Error as e:
        print("FATAL Flags parsing error: %s" % e, file=sys.stderr)
        print("Pass --help to see the defined flags.", file=sys.stderr)
        sys.exit(1)
    main = main or sys.modules["__main__"].main
    sys.exit(main(remaining))
