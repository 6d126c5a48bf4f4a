"""Ray startup and the names that let every process find a cluster's parameter-server actors.

Ray is imported lazily (here only), so `import varflow` never pulls it in. The first user in a process
calls `ensure_ray()`: it joins a running Ray cluster (``RAY_ADDRESS`` or ``address="auto"``) or starts
a local instance, and exports its address in ``RAY_ADDRESS`` so child processes join the same one.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading

from ..framework import errors

NAMESPACE = "varflow"
PS_JOB = "ps"
_init_lock = threading.Lock()
# target ("grpc://host:port") -> (cluster dict, job name, task index); filled by tf.train.Server.
_local_targets: dict[str, tuple] = {}


def import_ray():
    """`ray`, or an ImportError saying how to install the optional extra."""
    try:
        import ray
    except ImportError:
        raise ImportError("Distributed varflow (tf.train.Server, cluster sessions) needs Ray: "
                          "pip install 'varflow[distributed]' (or pip install ray).") from None
    return ray


def ensure_ray(private: bool = False):
    """Connect this process to Ray once: an existing cluster if one is reachable, else a local one.
    `private=True` (tests) always starts a fresh local instance instead of joining one."""
    ray = import_ray()
    if ray.is_initialized():
        return ray
    with _init_lock:
        if ray.is_initialized():
            return ray
        common = dict(namespace=NAMESPACE, ignore_reinit_error=True, log_to_driver=False,
                      logging_level="ERROR")
        address = None if private else os.environ.get("RAY_ADDRESS")
        if private:
            os.environ.pop("RAY_ADDRESS", None)
            ray.init(include_dashboard=False, **common)
        else:
            try:
                ray.init(address=address or "auto", **common)
            except (ConnectionError, RuntimeError, ValueError):
                if address:
                    raise
                ray.init(include_dashboard=False, **common)
        gcs = ray.get_runtime_context().gcs_address
        if gcs and not os.environ.get("RAY_ADDRESS"):
            os.environ["RAY_ADDRESS"] = gcs   # child processes join this instance
    return ray


def cluster_dict(cluster) -> dict:
    """A plain {job: {index: address}} dict from a ClusterSpec, dict or ClusterDef."""
    from ..train.cluster import ClusterSpec

    spec = cluster if isinstance(cluster, ClusterSpec) else ClusterSpec(cluster)
    return {job: {i: spec.task_address(job, i) for i in spec.task_indices(job)} for job in spec.jobs}


def cluster_id(cluster: dict) -> str:
    """A short stable hash naming the cluster (same in every process)."""
    text = json.dumps({j: sorted((int(i), a) for i, a in t.items()) for j, t in cluster.items()},
                      sort_keys=True)
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def actor_name(cid: str, job: str, task: int) -> str:
    return "varflow:%s:%s:%d" % (cid, job, task)


def register_target(target: str, cluster: dict, job: str, task: int) -> None:
    """Remember which cluster/task `target` names, here and (for other processes) in Ray."""
    _local_targets[target] = (cluster, job, task)
    ray = ensure_ray()
    registry = _registry(ray)
    ray.get(registry.put.remote(target, cluster, job, task), timeout=_timeout())


def lookup_target(target: str) -> tuple:
    """(cluster dict, job, task) of a server target; InvalidArgumentError if no Server made it."""
    found = _local_targets.get(target)
    if found is not None:
        return found
    ray = ensure_ray()
    found = ray.get(_registry(ray).get.remote(target), timeout=_timeout())
    if found is None:
        known = sorted(_local_targets)
        raise errors.InvalidArgumentError(
            None, None, "No tf.train.Server serves the session target %r. Create the server first "
            "(server = tf.train.Server(cluster, job_name=..., task_index=...); "
            "tf.Session(server.target)); targets known here: %s" % (target, known or "none"))
    _local_targets[target] = tuple(found)
    return _local_targets[target]


def forget_targets() -> None:
    _local_targets.clear()


def _timeout() -> float:
    return float(os.environ.get("VARFLOW_PS_TIMEOUT", "60"))


class _Registry:
    """A tiny named actor mapping server targets to their cluster, for processes without the Server."""

    def __init__(self):
        self._targets: dict = {}

    def put(self, target, cluster, job, task):
        self._targets[target] = (cluster, job, task)

    def get(self, target):
        return self._targets.get(target)


def _registry(ray):
    cls = ray.remote(num_cpus=0, max_restarts=-1)(_Registry)
    return cls.options(name="varflow:registry", namespace=NAMESPACE, lifetime="detached",
                       get_if_exists=True).remote()
