"""Where in the user's code something was made: the first stack frame outside varflow."""
from __future__ import annotations

import os
import sys

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_USER_CODE_INSIDE = (_PACKAGE_DIR + "tour.py",)   # the tour's snippets are user code


_IS_USER_FILE: dict = {}    # co_filename -> whether frames there are the user's code


def _is_user_file(filename: str) -> bool:
    """Whether `filename` is the user's code (not varflow's, nor a frozen module); remembered."""
    found = (not filename.startswith(_PACKAGE_DIR) or filename in _USER_CODE_INSIDE) \
        and not filename.startswith("<frozen")
    if len(_IS_USER_FILE) < 4096:
        _IS_USER_FILE[filename] = found
    return found


def user_site(skip: int = 1) -> str:
    """`file:line` of the innermost caller outside the varflow package ('<unknown>' if none)."""
    frame = sys._getframe(skip)
    while frame is not None:
        filename = frame.f_code.co_filename
        found = _IS_USER_FILE.get(filename)
        if found is None:
            found = _is_user_file(filename)
        if found:
            return "%s:%d" % (filename, frame.f_lineno)
        frame = frame.f_back
    return "<unknown>"
