"""`tf.train.Example` and friends: the protos of TF's example.proto / feature.proto.

TFRecord input pipelines store one serialized `Example` (a map of named feature lists) or
`SequenceExample` per record; these classes give them protobuf's API on varflow's own codec, with
TF's field numbers so the bytes are TF's (map entries are written sorted by key, as TF's
`SerializeToString(deterministic=True)` writes them).
"""
from __future__ import annotations

from ..framework.proto_message import Field, Message, RepeatedField


class _MessageMap(dict):
    """A map<string, Message> field: reading a missing key adds an empty message, as protobuf does."""

    __slots__ = ("_cls",)

    def __init__(self, cls, items=()):
        super().__init__(items)
        self._cls = cls

    def __missing__(self, key):
        if isinstance(key, bytes):
            key = key.decode("utf-8")
        if key in self:
            return dict.__getitem__(self, key)
        value = self[key] = self._cls()
        return value

    def get_or_create(self, key):
        return self[key]


class _MapHolder(Message):
    """A message whose map fields auto-create entries (`features.feature["x"].int64_list...`)."""

    _MAP_FIELD = ""
    _MAP_VALUE = None

    def __getattr__(self, name):
        value = super().__getattr__(name)
        if name == type(self)._MAP_FIELD and not isinstance(value, _MessageMap):
            value = _MessageMap(type(self)._MAP_VALUE, value)
            self._values[name] = value
        return value

    def __setattr__(self, name, value):
        if name == type(self)._MAP_FIELD:
            value = _MessageMap(type(self)._MAP_VALUE, _checked(dict(value), type(self)._MAP_VALUE))
            super().__setattr__(name, {})
            self._values[name] = value
            return
        super().__setattr__(name, value)


def _checked(items: dict, cls) -> dict:
    out = {}
    for key, value in items.items():
        if isinstance(key, bytes):
            key = key.decode("utf-8")
        if isinstance(value, dict):
            value = cls(**value)
        if not isinstance(value, cls):
            raise TypeError("Map values must be %s messages, got %r" % (cls.__name__, type(value).__name__))
        out[key] = value
    return out


class _TrackedList(RepeatedField):
    """A repeated `value` field that tells its owner when it is modified: as in protobuf, writing
    through `feature.int64_list.value` (even `extend([])`) makes `int64_list` the set kind."""

    __slots__ = ("_hook",)

    def __init__(self, items=(), hook=None):
        super().__init__(None, items)
        self._hook = hook

    def _touch(self) -> None:
        if self._hook is not None:
            self._hook()

    def append(self, item) -> None:
        self._touch()
        super().append(item)

    def extend(self, items) -> None:
        self._touch()
        super().extend(items)

    def insert(self, index, item) -> None:
        self._touch()
        super().insert(index, item)

    def __setitem__(self, index, item) -> None:
        self._touch()
        super().__setitem__(index, item)

    def __iadd__(self, items):
        self.extend(items)
        return self


class _ValueList(Message):
    """BytesList / FloatList / Int64List: one repeated `value` field."""

    _owner_hook = None

    def __getattr__(self, name):
        value = super().__getattr__(name)
        if name == "value" and type(value) is not _TrackedList:
            value = _TrackedList(value, self._modified)
            self._values["value"] = value
        return value

    def _modified(self) -> None:
        hook = self._owner_hook
        if hook is not None:
            hook()


class BytesList(_ValueList):
    """A list of byte strings (`value`)."""

    FIELDS = (Field("value", 1, "bytes", repeated=True),)


class FloatList(_ValueList):
    """A packed list of float32 values (`value`)."""

    FIELDS = (Field("value", 1, "float", repeated=True),)


class Int64List(_ValueList):
    """A packed list of int64 values (`value`)."""

    FIELDS = (Field("value", 1, "int64", repeated=True),)


_KINDS = ("bytes_list", "float_list", "int64_list")


class Feature(Message):
    """One feature: exactly one of `bytes_list`, `float_list`, `int64_list` (the oneof `kind`)."""

    FIELDS = (Field("bytes_list", 1, "message", message=BytesList, oneof="kind"),
              Field("float_list", 2, "message", message=FloatList, oneof="kind"),
              Field("int64_list", 3, "message", message=Int64List, oneof="kind"))

    def __getattr__(self, name):
        value = super().__getattr__(name)
        if name in _KINDS and value._owner_hook is None:
            object.__setattr__(value, "_owner_hook", lambda: self._select(name))
        return value

    def _select(self, name: str) -> None:
        """Make `name` the set kind (its list was written to), clearing the other kinds."""
        for other in _KINDS:
            if other != name:
                self._values.pop(other, None)
                self._explicit.discard(other)
        self._explicit.add(name)


class Features(_MapHolder):
    """Named features: the map `feature` from name to `Feature`."""

    FIELDS = (Field("feature", 1, "map", message=Feature),)
    _MAP_FIELD = "feature"
    _MAP_VALUE = Feature


class FeatureList(Message):
    """A sequence of features (`feature`, repeated), one per time step."""

    FIELDS = (Field("feature", 1, "message", repeated=True, message=Feature),)


class FeatureLists(_MapHolder):
    """Named feature sequences: the map `feature_list` from name to `FeatureList`."""

    FIELDS = (Field("feature_list", 1, "map", message=FeatureList),)
    _MAP_FIELD = "feature_list"
    _MAP_VALUE = FeatureList


class Example(Message):
    """One training example: `features`."""

    FIELDS = (Field("features", 1, "message", message=Features),)


class SequenceExample(Message):
    """An example with per-sequence `context` features and per-step `feature_lists`."""

    FIELDS = (Field("context", 1, "message", message=Features),
              Field("feature_lists", 2, "message", message=FeatureLists))


__all__ = ["BytesList", "Example", "Feature", "FeatureList", "FeatureLists", "Features", "FloatList",
           "Int64List", "SequenceExample"]
