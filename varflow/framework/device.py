"""Device strings (`/job:ps/task:0/device:GPU:1`): parsing, merging and canonical spelling, as TF writes them."""
from __future__ import annotations


class DeviceSpec:
    """A partial device name; unset fields are None. `to_string()` gives TF's canonical spelling."""

    __slots__ = ("job", "replica", "task", "device_type", "device_index")

    def __init__(self, job=None, replica=None, task=None, device_type=None, device_index=None):
        self.job = job
        self.replica = None if replica is None else int(replica)
        self.task = None if task is None else int(task)
        self.device_type = device_type.upper() if isinstance(device_type, str) and device_type.lower() in ("cpu", "gpu") else device_type
        self.device_index = device_index

    @classmethod
    def from_string(cls, spec: str | None) -> "DeviceSpec":
        return _parse(spec or "")

    def parse_from_string(self, spec: str) -> "DeviceSpec":
        parsed = _parse(spec)
        for f in self.__slots__:
            setattr(self, f, getattr(parsed, f))
        return self

    def to_string(self) -> str:
        parts = []
        if self.job is not None:
            parts.append("/job:" + self.job)
        if self.replica is not None:
            parts.append("/replica:%d" % self.replica)
        if self.task is not None:
            parts.append("/task:%d" % self.task)
        if self.device_type is not None:
            index = "*" if self.device_index is None else str(self.device_index)
            parts.append("/device:%s:%s" % (self.device_type, index))
        return "".join(parts)

    def merge_from(self, other: "DeviceSpec") -> None:
        for f in self.__slots__:
            value = getattr(other, f)
            if value is not None:
                setattr(self, f, value)

    def make_merged_spec(self, other: "DeviceSpec") -> "DeviceSpec":
        merged = self.copy()
        merged.merge_from(other)
        return merged

    def replace(self, **kwargs) -> "DeviceSpec":
        spec = self.copy()
        for k, v in kwargs.items():
            setattr(spec, k, v)
        return spec

    def copy(self) -> "DeviceSpec":
        return DeviceSpec(self.job, self.replica, self.task, self.device_type, self.device_index)

    def __eq__(self, other):
        return isinstance(other, DeviceSpec) and self.to_string() == other.to_string()

    def __hash__(self):
        return hash(self.to_string())

    def __repr__(self):
        return ("<DeviceSpec(job=%s, replica=%s, task=%s, device_type=%s, device_index=%s)>"
                % (self.job, self.replica, self.task, self.device_type, self.device_index))


def _parse(spec: str) -> DeviceSpec:
    out = DeviceSpec()
    if not isinstance(spec, str):
        raise TypeError("A device must be a string, a DeviceSpec or a function, got %r" % (spec,))
    for piece in spec.split("/"):
        if not piece:
            continue
        fields = piece.split(":")
        key = fields[0].lower()
        if len(fields) == 2 and key == "job":
            out.job = fields[1]
        elif len(fields) == 2 and key == "replica":
            out.replica = int(fields[1])
        elif len(fields) == 2 and key == "task":
            out.task = int(fields[1])
        elif len(fields) == 3 and key == "device":
            out.device_type = _canon_type(fields[1])
            out.device_index = None if fields[2] == "*" else int(fields[2])
        elif len(fields) == 2 and key in ("cpu", "gpu", "tpu"):
            out.device_type = key.upper()
            out.device_index = None if fields[1] == "*" else int(fields[1])
        elif len(fields) == 1 and key in ("cpu", "gpu"):
            out.device_type = key.upper()
        elif len(fields) == 2 and key == "device":
            out.device_type = _canon_type(fields[1])
        else:
            raise ValueError("Unknown attribute '%s' is encountered while parsing the device "
                             "spec: '%s'. A device looks like '/job:ps/task:0/device:GPU:1' or "
                             "'/gpu:1'." % (fields[0], spec))
    return out


def _canon_type(t: str) -> str:
    return t.upper() if t.lower() in ("cpu", "gpu", "tpu") else t


def canonical_name(device) -> str:
    """The canonical string of a device string or DeviceSpec ('' for None)."""
    if device is None:
        return ""
    if isinstance(device, DeviceSpec):
        return device.to_string()
    return _parse(device).to_string()


def merge_device(spec):
    """A device function merging `spec` under an op's existing device (the op's fields win)."""
    if not isinstance(spec, DeviceSpec):
        spec = _parse(spec or "")

    def _merge(op) -> str:
        current = op.device
        if not current:
            return spec.to_string()
        return spec.make_merged_spec(_parse(current)).to_string()

    return _merge


def check_valid(spec: str) -> None:
    _parse(spec)
