"""RE2 regular expressions (TensorFlow's string ops use RE2) run through Python's `re`.

`compile_pattern` translates RE2 syntax: ASCII-only Perl classes, `$` only at the very end unless (?m),
`\\z`, `\\Q...\\E`, POSIX classes `[[:alpha:]]`, inline flags mid-pattern, and RE2's refusals
(look-around, back-references). `parse_rewrite` / `replace` follow RE2's rewrite strings (\\0-\\9)
and its rule that an empty match right after the previous match is skipped.
"""
from __future__ import annotations

import re

from ..framework import errors

__all__ = ["compile_pattern", "parse_rewrite", "replace"]


_WORD = "0-9A-Za-z_"
_SPACE = "\\t\\n\\f\\r "
_OUTSIDE = {  # RE2's Perl classes are ASCII-only; Python's match Unicode on str patterns
    "d": "[0-9]", "D": "[^0-9]", "w": "[%s]" % _WORD, "W": "[^%s]" % _WORD,
    "s": "[%s]" % _SPACE, "S": "[^%s]" % _SPACE, "z": "\\Z",
    "b": "(?:(?<=[{0}])(?![{0}])|(?<![{0}])(?=[{0}]))".format(_WORD),
    "B": "(?:(?<=[{0}])(?=[{0}])|(?<![{0}])(?![{0}]))".format(_WORD),
}
_INSIDE = {"d": "0-9", "w": _WORD, "s": _SPACE}
_POSIX_CLASSES = {
    "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7f", "blank": "\\t ",
    "cntrl": "\\x00-\\x1f\\x7f", "digit": "0-9", "graph": "!-~", "lower": "a-z",
    "print": " -~", "punct": "!-/:-@\\[-`{-~", "space": "\\t\\n\\v\\f\\r ", "upper": "A-Z",
    "word": _WORD, "xdigit": "0-9A-Fa-f",
}
_POSIX = re.compile(r"\[:([a-z]+):\]")
_UNSUPPORTED_GROUPS = ("(?=", "(?!", "(?<", "(?>", "(?#", "(?P=")


_FLAG_GROUP = re.compile(r"\(\?([imsU]*)(?:-([imsU]*))?(\)|:)")
_NAMED_GROUP = re.compile(r"\(\?P<[A-Za-z_][0-9A-Za-z_]*>")
_REPEAT = re.compile(r"[*+?]|\{[0-9]+(?:,[0-9]*)?\}")


class _Frame:
    """One open group of an RE2 pattern: the inline-flag scopes opened in it, and whether `$`
    means end of line there."""

    __slots__ = ("scopes", "multiline")

    def __init__(self, multiline: bool):
        self.scopes: list = []
        self.multiline = multiline


def _re2_to_python(pattern: str) -> tuple:
    """RE2 syntax as Python `re` syntax and flags. RE2 has no look-around and no back-references
    (rejected here as RE2 does); its `\\d \\w \\s \\b` are ASCII, `$` (without (?m)) only matches
    at the very end, inline flags may stand anywhere (they last to the end of their group),
    assertions may be repeated (`^*`), a group name may be used twice, and it knows `\\z`,
    `\\Q...\\E` and `[[:alpha:]]`."""
    out = []
    flags = 0
    i, n = 0, len(pattern)
    in_class = class_start = False
    frames = [_Frame(False)]

    def assertion(text: str, end: int) -> None:
        # Python refuses to repeat a bare assertion; RE2 accepts `^*`, `$+`, `\b{1,2}`
        out.append("(?:%s)" % text if _REPEAT.match(pattern, end) else text)

    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "Q":
                stop = pattern.find("\\E", i + 2)
                stop = n if stop < 0 else stop
                out.append(re.escape(pattern[i + 2:stop]))
                i = stop + 2
                continue
            if nxt in "123456789" and not in_class:
                raise re.error("invalid escape sequence: \\%s" % nxt)
            if in_class and nxt in _INSIDE:
                out.append(_INSIDE[nxt])
            elif in_class and nxt in "DWS":
                out.append(pattern[i:i + 2])
                flags |= re.ASCII       # a negated class inside a class: Python's ASCII meaning
            elif not in_class and nxt in "bBzA":
                assertion(_OUTSIDE.get(nxt, "\\A"), i + 2)
            elif not in_class and nxt in _OUTSIDE:
                out.append(_OUTSIDE[nxt])
            else:
                out.append(pattern[i:i + 2])
            class_start = False
            i += 2
            continue
        if in_class:
            m = _POSIX.match(pattern, i)
            if m:
                if m.group(1) not in _POSIX_CLASSES:
                    raise re.error("invalid character class range: [:%s:]" % m.group(1))
                out.append(_POSIX_CLASSES[m.group(1)])
                i = m.end()
            elif c == "[":
                out.append("\\[")
                i += 1
            else:
                if c == "]" and not class_start:
                    in_class = False
                out.append(c)
                i += 1
            class_start = False
            continue
        frame = frames[-1]
        if c == "[":
            in_class = class_start = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
        elif c == "(":
            for bad in _UNSUPPORTED_GROUPS:
                if pattern.startswith(bad, i):
                    raise re.error("invalid perl operator: %s" % bad)
            m = _FLAG_GROUP.match(pattern, i)
            if m:
                on, off = m.group(1), m.group(2) or ""
                if "U" in on + off:
                    raise re.error("the U (non-greedy) flag is not supported")
                opened = "(?%s%s:" % (on, "-" + off if off else "")
                multiline = frame.multiline if "m" not in on + off else "m" in on
                if m.group(3) == ")":                   # (?i): to the end of the group
                    frame.scopes.append(opened)
                    frame.multiline = multiline
                else:                                   # (?i:...)
                    frames.append(_Frame(multiline))
                out.append(opened)
                i = m.end()
                continue
            frames.append(_Frame(frame.multiline))
            m = _NAMED_GROUP.match(pattern, i)
            out.append(c)                   # names only label groups (rewrites use numbers), and
            i = m.end() if m else i + 1     # RE2 allows a name twice: a plain group is the same
        elif c == ")" and len(frames) > 1:
            out.append(")" * len(frame.scopes) + ")")
            frames.pop()
            i += 1
        elif c == "|":
            out.append(")" * len(frame.scopes) + "|" + "".join(frame.scopes))
            i += 1
        elif c in "*+?}" and i + 1 < n and pattern[i + 1] == "+":
            raise re.error("bad repetition operator: %s+" % c)
        elif c == "^":
            assertion("^", i + 1)
            i += 1
        elif c == "$":
            assertion("$" if frame.multiline else "\\Z", i + 1)
            i += 1
        else:
            out.append(c)
            i += 1
    out.append(")" * len(frames[0].scopes))
    return "".join(out), flags


_COMPILED: dict = {}


def compile_pattern(pattern) -> "re.Pattern":
    """The compiled Python form of an RE2 `pattern` (bytes), cached; InvalidArgumentError if bad."""
    key = pattern.encode("utf-8") if isinstance(pattern, str) else bytes(pattern)
    found = _COMPILED.get(key)
    if found is None:
        text = key.decode("utf-8", "surrogateescape")
        try:
            source, flags = _re2_to_python(text)
            found = re.compile(source, flags)
        except (re.error, OverflowError, RecursionError) as e:
            raise errors.InvalidArgumentError(None, None, "Invalid pattern: %s, error: %s" % (text, e)) from None
        if len(_COMPILED) > 512:
            _COMPILED.clear()
        _COMPILED[key] = found
    return found


def parse_rewrite(rewrite: str) -> tuple:
    """An RE2 rewrite string as pieces (text or group number); `complete` is False when it has
    an escape other than \\0-\\9 and \\\\ (RE2 then stops writing at that point)."""
    pieces: list = []
    i, n = 0, len(rewrite)
    while i < n:
        c = rewrite[i]
        if c == "\\":
            nxt = rewrite[i + 1] if i + 1 < n else ""
            if nxt and nxt in "0123456789":
                pieces.append(int(nxt))
            elif nxt == "\\":
                pieces.append("\\")
            else:
                return pieces, False
            i += 2
            continue
        pieces.append(c)
        i += 1
    return pieces, True


def replace(rx: "re.Pattern", text: str, pieces: list, complete: bool, replace_global: bool) -> str:
    """RE2's Replace / GlobalReplace: an empty match right after the previous match is skipped."""
    if any(isinstance(p, int) and p > rx.groups for p in pieces):
        return text                       # RE2 refuses a rewrite naming a group the pattern lacks
    if not replace_global and not complete:
        return text

    def rewrite(m) -> str:
        return "".join(p if isinstance(p, str) else (m.group(p) or "") for p in pieces)

    if not replace_global:
        m = rx.search(text)
        return text if m is None else text[:m.start()] + rewrite(m) + text[m.end():]
    out = []
    pos, last_end, n = 0, -1, len(text)
    while pos <= n:
        m = rx.search(text, pos)
        if m is None:
            break
        start, end = m.span()
        if start == end and start == last_end:
            if start >= n:
                break
            out.append(text[pos:start + 1])
            pos = start + 1
            continue
        out.append(text[pos:start])
        out.append(rewrite(m))
        pos = last_end = end
        if start == end:
            if end >= n:
                break
            out.append(text[end])
            pos = end + 1
    out.append(text[pos:])
    return "".join(out)
