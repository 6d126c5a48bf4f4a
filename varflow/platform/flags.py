"""`tf.app.flags` / `tf.flags`: command-line flags as TF1 scripts define and read them.

    tf.app.flags.DEFINE_string("job_name", "", "ps or worker")
    FLAGS = tf.app.flags.FLAGS
    FLAGS.job_name            # parses sys.argv on first access when nothing parsed it yet

Accepted spellings: `--name=value`, `--name value`, `--flag` / `--noflag` for booleans, `--` ends flags.
"""
from __future__ import annotations

import sys
from typing import Any, Callable

__all__ = ["DEFINE_string", "DEFINE_integer", "DEFINE_float", "DEFINE_boolean", "DEFINE_bool",
           "DEFINE_list", "DEFINE_enum", "DEFINE_multi_string", "FLAGS", "Error",
           "IllegalFlagValueError", "UnrecognizedFlagError", "DuplicateFlagError",
           "UnparsedFlagAccessError", "FlagValues"]


class Error(Exception):
    """Base class of flag errors."""


class IllegalFlagValueError(Error):
    """A flag was given a value its type does not accept."""


class UnrecognizedFlagError(Error):
    """A command line named a flag nobody defined."""


class DuplicateFlagError(Error):
    """A flag name was defined twice."""


class UnparsedFlagAccessError(Error, AttributeError):
    """Kept for scripts that catch it; varflow parses sys.argv on first access instead."""


class Flag:
    """One defined flag: `name`, `default`, `help`, current `value`, and whether it was given."""

    def __init__(self, name: str, default, help_text: str, parse: Callable, kind: str,
                 multi: bool = False):
        self.name = name
        self.help = help_text
        self.kind = kind
        self.multi = multi
        self._parse = parse
        self.default = None if default is None else self.parse(default)
        self.value = self.default
        self.present = 0

    def parse(self, text) -> Any:
        if self.multi:
            items = text if isinstance(text, (list, tuple)) else [text]
            return [self._one(t) for t in items]
        return self._one(text)

    def _one(self, text):
        try:
            return self._parse(text)
        except (TypeError, ValueError) as e:
            raise IllegalFlagValueError("flag --%s=%r: %s" % (self.name, text, e)) from None

    def __repr__(self):
        return "Flag(--%s=%r)" % (self.name, self.value)


def _parse_bool(text) -> bool:
    if isinstance(text, bool):
        return text
    low = str(text).strip().lower()
    if low in ("true", "t", "1", "yes", "y"):
        return True
    if low in ("false", "f", "0", "no", "n"):
        return False
    raise ValueError("Non-boolean argument to boolean flag")


def _parse_list(text) -> list:
    if isinstance(text, (list, tuple)):
        return [str(t) for t in text]
    return [t.strip() for t in str(text).split(",") if t.strip()]


class FlagValues:
    """The registry of defined flags; attribute access gives values (parsing sys.argv if needed)."""

    def __init__(self):
        object.__setattr__(self, "_flags", {})
        object.__setattr__(self, "_parsed", False)

    def __getattr__(self, name: str):
        flags = object.__getattribute__(self, "_flags")
        if name not in flags:
            raise AttributeError(name)
        if not object.__getattribute__(self, "_parsed"):
            self(sys.argv, known_only=True)
        return flags[name].value

    def __setattr__(self, name: str, value) -> None:
        flag = self._flags.get(name)
        if flag is None:
            raise AttributeError("No flag named %r; define it with tf.app.flags.DEFINE_*" % name)
        flag.value = value
        flag.present += 1

    def __contains__(self, name: str) -> bool:
        return name in self._flags

    def __getitem__(self, name: str) -> Flag:
        return self._flags[name]

    def __iter__(self):
        return iter(self._flags)

    def __delattr__(self, name: str) -> None:
        del self._flags[name]

    def define(self, flag: Flag) -> None:
        if flag.name in self._flags:
            raise DuplicateFlagError("The flag %r is defined twice." % flag.name)
        self._flags[flag.name] = flag

    def is_parsed(self) -> bool:
        return self._parsed

    def mark_as_parsed(self) -> None:
        object.__setattr__(self, "_parsed", True)

    def unparse_flags(self) -> None:
        for flag in self._flags.values():
            flag.value, flag.present = flag.default, 0
        object.__setattr__(self, "_parsed", False)

    def flag_values_dict(self) -> dict:
        return {name: flag.value for name, flag in self._flags.items()}

    def get_flag_value(self, name: str, default):
        flag = self._flags.get(name)
        return default if flag is None else flag.value

    def __call__(self, argv, known_only: bool = False) -> list:
        """Parse `argv` (argv[0] is the program); returns argv[0] plus the non-flag arguments."""
        argv = list(argv)
        if not argv:
            raise Error("argv cannot be empty")
        rest, i = [argv[0]], 1
        while i < len(argv):
            arg = argv[i]
            i += 1
            if arg == "--":
                rest.extend(argv[i:])
                break
            if not arg.startswith("-") or arg == "-":
                rest.append(arg)
                continue
            name, eq, value = arg.lstrip("-").partition("=")
            flag = self._flags.get(name)
            if flag is None and not eq and name.startswith("no") and name[2:] in self._flags \
                    and self._flags[name[2:]].kind == "bool":
                flag, value, eq = self._flags[name[2:]], "false", "="
            if flag is None:
                if known_only:
                    rest.append(arg)
                    continue
                raise UnrecognizedFlagError("Unknown command line flag '%s'" % name)
            if not eq:
                if flag.kind == "bool":
                    value = "true"
                elif i < len(argv):
                    value, i = argv[i], i + 1
                else:
                    raise IllegalFlagValueError("Flag --%s needs a value" % name)
            parsed = flag.parse(value)
            if flag.multi and flag.present:
                flag.value = list(flag.value) + parsed
            else:
                flag.value = parsed
            flag.present += 1
        self.mark_as_parsed()
        return rest

    def help_text(self) -> str:
        return "\n".join("  --%s: %s\n    (default: %r)" % (f.name, f.help, f.default)
                         for f in self._flags.values())


FLAGS = FlagValues()


def _define(name, default, help_text, parse, kind, flag_values=None, multi=False):
    flag = Flag(name, default, help_text, parse, kind, multi)
    (flag_values if flag_values is not None else FLAGS).define(flag)
    return flag


def DEFINE_string(name: str, default, help: str, flag_values=None, **kwargs):  # noqa: A002,N802
    return _define(name, default, help, str, "string", flag_values)


def DEFINE_integer(name: str, default, help: str, lower_bound=None, upper_bound=None,  # noqa: A002,N802
                   flag_values=None, **kwargs):
    def parse(text):
        value = int(text)
        if (lower_bound is not None and value < lower_bound) or \
                (upper_bound is not None and value > upper_bound):
            raise ValueError("%d is outside [%s, %s]" % (value, lower_bound, upper_bound))
        return value
    return _define(name, default, help, parse, "int", flag_values)


def DEFINE_float(name: str, default, help: str, lower_bound=None, upper_bound=None,  # noqa: A002,N802
                 flag_values=None, **kwargs):
    def parse(text):
        value = float(text)
        if (lower_bound is not None and value < lower_bound) or \
                (upper_bound is not None and value > upper_bound):
            raise ValueError("%g is outside [%s, %s]" % (value, lower_bound, upper_bound))
        return value
    return _define(name, default, help, parse, "float", flag_values)


def DEFINE_boolean(name: str, default, help: str, flag_values=None, **kwargs):  # noqa: A002,N802
    return _define(name, default, help, _parse_bool, "bool", flag_values)


DEFINE_bool = DEFINE_boolean


def DEFINE_list(name: str, default, help: str, flag_values=None, **kwargs):  # noqa: A002,N802
    return _define(name, default, help, _parse_list, "list", flag_values)


def DEFINE_enum(name: str, default, enum_values, help: str, flag_values=None, **kwargs):  # noqa: A002,N802
    allowed = list(enum_values)

    def parse(text):
        if text not in allowed:
            raise ValueError("value should be one of <%s>" % "|".join(allowed))
        return text
    return _define(name, default, help, parse, "enum", flag_values)


def DEFINE_multi_string(name: str, default, help: str, flag_values=None, **kwargs):  # noqa: A002,N802
    return _define(name, default, help, str, "multi", flag_values, multi=True)
