"""Command-line tools behind `varflow <command>` (e.g. `inspect_checkpoint` for `varflow inspect`)."""
