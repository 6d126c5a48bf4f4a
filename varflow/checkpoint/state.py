"""The `checkpoint` state file: a text-format CheckpointState proto naming the latest checkpoints.

Fields (TF's checkpoint_state.proto): model_checkpoint_path (1, string), all_model_checkpoint_paths
(2, repeated string), all_model_checkpoint_timestamps (3, repeated double), last_preserved_timestamp
(4, double).  Written atomically; relative paths are resolved against the directory when read.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field

from ..framework import errors
from ..platform import tf_logging as logging
from . import fileio
from .bundle import index_filename

CHECKPOINT_FILENAME = "checkpoint"


class ParseError(ValueError):
    """The state file is not valid CheckpointState text format."""


@dataclass
class CheckpointState:
    """TF's CheckpointState message; `str()` gives its text format."""

    model_checkpoint_path: str = ""
    all_model_checkpoint_paths: list[str] = field(default_factory=list)
    all_model_checkpoint_timestamps: list[float] = field(default_factory=list)
    last_preserved_timestamp: float = 0.0

    def __str__(self) -> str:
        lines = []
        if self.model_checkpoint_path:
            lines.append("model_checkpoint_path: %s" % _quote(self.model_checkpoint_path))
        lines += ["all_model_checkpoint_paths: %s" % _quote(p) for p in self.all_model_checkpoint_paths]
        lines += ["all_model_checkpoint_timestamps: %s" % _number(t) for t in self.all_model_checkpoint_timestamps]
        if self.last_preserved_timestamp:
            lines.append("last_preserved_timestamp: %s" % _number(self.last_preserved_timestamp))
        return "".join(line + "\n" for line in lines)

    def HasField(self, name: str) -> bool:  # noqa: N802 - protobuf's method name
        return bool(getattr(self, name))


# --- text format -----------------------------------------------------------------------------------
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "'": "\\'", "\\": "\\\\"}


def _quote(text: str) -> str:
    """Protobuf text-format string literal (as TF writes it: UTF-8 kept, control bytes in octal)."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\%03o" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _number(value: float) -> str:
    if value != value:
        return "nan"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    return repr(float(value))


def _tokens(text: str):
    """Yield text-format tokens: identifiers/numbers, ':', '[', ']', ',', ';' and decoded string literals."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif ch in ":[],;{}<>":
            yield ("punct", ch)
            i += 1
        elif ch in "\"'":
            raw, i = _string_literal(text, i)
            yield ("string", raw)
        else:
            j = i
            while j < n and (text[j].isalnum() or text[j] in "_.+-"):
                j += 1
            if j == i:
                raise ParseError("unexpected character %r at offset %d" % (ch, i))
            yield ("word", text[i:j])
            i = j


def _string_literal(text: str, i: int) -> tuple[bytes, int]:
    quote = text[i]
    i += 1
    out = bytearray()
    while True:
        if i >= len(text) or text[i] == "\n":
            raise ParseError("unterminated string literal")
        ch = text[i]
        if ch == quote:
            return bytes(out), i + 1
        if ch != "\\":
            out += ch.encode("utf-8")
            i += 1
            continue
        i += 1
        if i >= len(text):
            raise ParseError("unterminated escape")
        esc = text[i]
        simple = {"n": 10, "r": 13, "t": 9, "a": 7, "b": 8, "f": 12, "v": 11, "\\": 92, "'": 39, '"': 34, "?": 63}
        if esc in simple:
            out.append(simple[esc])
            i += 1
        elif esc in "01234567":
            j = i
            while j < len(text) and j < i + 3 and text[j] in "01234567":
                j += 1
            out.append(int(text[i:j], 8) & 0xFF)
            i = j
        elif esc in "xX":
            j = i + 1
            while j < len(text) and j < i + 3 and text[j] in "0123456789abcdefABCDEF":
                j += 1
            if j == i + 1:
                raise ParseError("bad \\x escape")
            out.append(int(text[i + 1:j], 16))
            i = j
        else:
            raise ParseError("unknown escape \\%s" % esc)


def _parse_float(word: str) -> float:
    lowered = word.lower()
    if lowered.endswith("f") and not lowered.endswith("inf"):
        lowered = lowered[:-1]  # text format allows a float suffix: 1.5f
    try:
        return float(lowered)
    except ValueError:
        raise ParseError("expected a number, got %r" % word) from None


def parse_checkpoint_state(text: str) -> CheckpointState:
    """Parse a CheckpointState text proto; raises ParseError (unknown fields included, as TF does)."""
    state = CheckpointState()
    toks = list(_tokens(text))
    pos = 0

    def take():
        nonlocal pos
        if pos >= len(toks):
            raise ParseError("unexpected end of input")
        pos += 1
        return toks[pos - 1]

    def scalar(kind):
        tok = take()
        if kind == "string":
            if tok[0] != "string":
                raise ParseError("expected a string, got %r" % (tok[1],))
            raw = tok[1]
            while pos < len(toks) and toks[pos][0] == "string":  # adjacent literals concatenate
                raw += take()[1]
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                raise ParseError("string is not valid UTF-8") from None
        if tok[0] != "word":
            raise ParseError("expected a number, got %r" % (tok[1],))
        return _parse_float(tok[1])

    fields = {"model_checkpoint_path": ("string", False), "all_model_checkpoint_paths": ("string", True),
              "all_model_checkpoint_timestamps": ("double", True), "last_preserved_timestamp": ("double", False)}
    while pos < len(toks):
        kind, name = take()
        if kind != "word" or name not in fields:
            raise ParseError("Message type \"tensorflow.CheckpointState\" has no field named \"%s\"." % name)
        ftype, repeated = fields[name]
        if take() != ("punct", ":"):
            raise ParseError("expected ':' after %s" % name)
        if repeated and pos < len(toks) and toks[pos] == ("punct", "["):
            take()
            values = []
            while toks[pos:pos + 1] != [("punct", "]")]:
                values.append(scalar(ftype))
                if toks[pos:pos + 1] == [("punct", ",")]:
                    take()
            take()
        else:
            values = [scalar(ftype)]
        if repeated:
            getattr(state, name).extend(values)
        else:
            setattr(state, name, values[0])
        if pos < len(toks) and toks[pos] in (("punct", ","), ("punct", ";")):
            take()
    return state


# --- the TF functions -----------------------------------------------------------------------------
def _state_filename(save_dir: str, latest_filename: str | None) -> str:
    return os.path.join(save_dir, latest_filename or CHECKPOINT_FILENAME)


def generate_checkpoint_state_proto(save_dir: str, model_checkpoint_path: str,
                                    all_model_checkpoint_paths=None, all_model_checkpoint_timestamps=None,
                                    last_preserved_timestamp=None) -> CheckpointState:
    """A CheckpointState whose path list ends with `model_checkpoint_path` (added when missing)."""
    paths = list(all_model_checkpoint_paths or [])
    if not paths or paths[-1] != model_checkpoint_path:
        logging.info("%s is not in all_model_checkpoint_paths. Manually adding it.", model_checkpoint_path)
        paths.append(model_checkpoint_path)
    stamps = list(all_model_checkpoint_timestamps or [])
    if stamps and len(stamps) != len(paths):
        raise ValueError("Checkpoint timestamps, if provided, must match checkpoint paths (got paths %s and "
                         "timestamps %s)" % (paths, stamps))
    if not os.path.isabs(save_dir):  # keep relative paths relative to a relative save_dir
        if not os.path.isabs(model_checkpoint_path):
            model_checkpoint_path = os.path.relpath(model_checkpoint_path, save_dir)
        paths = [p if os.path.isabs(p) else os.path.relpath(p, save_dir) for p in paths]
    return CheckpointState(model_checkpoint_path=model_checkpoint_path, all_model_checkpoint_paths=paths,
                           all_model_checkpoint_timestamps=stamps,
                           last_preserved_timestamp=float(last_preserved_timestamp or 0.0))


def update_checkpoint_state(save_dir: str, model_checkpoint_path: str, all_model_checkpoint_paths=None,
                            latest_filename: str | None = None, all_model_checkpoint_timestamps=None,
                            last_preserved_timestamp=None, save_relative_paths: bool = False) -> None:
    """Atomically (re)write the state file in `save_dir` (`tf.train.update_checkpoint_state`).

    With `save_relative_paths` (what `Saver` uses) absolute paths are stored relative to `save_dir`.
    """
    state_path = _state_filename(save_dir, latest_filename)
    if save_relative_paths:
        def rel(p):
            return os.path.relpath(p, save_dir) if os.path.isabs(p) else p
        model_checkpoint_path = rel(model_checkpoint_path)
        all_model_checkpoint_paths = [rel(p) for p in (all_model_checkpoint_paths or [])]
    state = generate_checkpoint_state_proto(save_dir, model_checkpoint_path, all_model_checkpoint_paths,
                                            all_model_checkpoint_timestamps, last_preserved_timestamp)
    if state_path == state.model_checkpoint_path:
        raise RuntimeError("Save path '%s' conflicts with path used for checkpoint state.  Please use a "
                           "different save path." % model_checkpoint_path)
    if not os.path.isdir(save_dir or "."):
        raise errors.NotFoundError(None, None, "%s; No such file or directory: update_checkpoint_state "
                                   "writes the state file into an existing directory; create %r first."
                                   % (state_path, save_dir))
    fileio.atomic_write_bytes(state_path, str(state).encode("utf-8"))


def get_checkpoint_state(checkpoint_dir: str, latest_filename: str | None = None) -> CheckpointState | None:
    """The parsed state file of `checkpoint_dir` with paths made absolute, or None when absent/unreadable."""
    checkpoint_dir = os.fspath(checkpoint_dir)
    path = _state_filename(checkpoint_dir, latest_filename)
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        logging.warning("%s: %s", type(exc).__name__, exc)
        logging.warning("%s: Checkpoint ignored", path)
        return None
    try:
        state = parse_checkpoint_state(text)
    except ParseError as exc:
        logging.warning("%s: %s", type(exc).__name__, exc)
        logging.warning("%s: Checkpoint ignored", path)
        return None
    if not state.model_checkpoint_path:
        raise ValueError("Invalid checkpoint state loaded from %s" % checkpoint_dir)
    if not os.path.isabs(state.model_checkpoint_path):
        state.model_checkpoint_path = os.path.join(checkpoint_dir, state.model_checkpoint_path)
    state.all_model_checkpoint_paths = [p if os.path.isabs(p) else os.path.join(checkpoint_dir, p)
                                        for p in state.all_model_checkpoint_paths]
    return state


def checkpoint_exists(checkpoint_prefix: str) -> bool:
    """Whether a checkpoint (V2 `prefix.index`, or a V1 file named by the prefix/pattern) exists."""
    checkpoint_prefix = os.fspath(checkpoint_prefix)
    if glob.glob(glob.escape(index_filename(checkpoint_prefix))) or glob.glob(index_filename(checkpoint_prefix)):
        return True
    return bool(glob.glob(checkpoint_prefix))


def latest_checkpoint(checkpoint_dir: str, latest_filename: str | None = None) -> str | None:
    """Prefix of the newest checkpoint the state file names, if its files exist (`tf.train.latest_checkpoint`)."""
    state = get_checkpoint_state(checkpoint_dir, latest_filename)
    if state and state.model_checkpoint_path:
        if checkpoint_exists(state.model_checkpoint_path):
            return state.model_checkpoint_path
        logging.error("Couldn't match files for checkpoint %s", state.model_checkpoint_path)
    return None


def get_checkpoint_mtimes(checkpoint_prefixes) -> list[float]:
    """Modification times of the given checkpoints' index files (skipping ones not found)."""
    times = []
    for prefix in checkpoint_prefixes:
        for path in (index_filename(prefix), prefix):
            if os.path.exists(path):
                times.append(os.stat(path).st_mtime)
                break
    return times


def remove_checkpoint(checkpoint_prefix: str, meta_graph_suffix: str = "meta") -> None:
    """Delete a checkpoint's index, data shards and `.meta` file, as `Saver` does past max_to_keep
    (a missing `.meta` file is normal: varflow never writes one)."""
    paths = [index_filename(checkpoint_prefix)]
    paths += glob.glob(glob.escape(checkpoint_prefix) + ".data-?????-of-?????")
    paths += glob.glob(glob.escape("%s.%s" % (checkpoint_prefix, meta_graph_suffix)))
    for path in paths:
        try:
            os.remove(path)
        except FileNotFoundError:
            logging.warning("Ignoring: %s; No such file or directory", path)
