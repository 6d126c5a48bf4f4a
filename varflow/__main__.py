"""`python -m varflow ...` runs the `varflow` command."""
import sys

from .cli import main

sys.exit(main())
