"""Sessions on cluster targets: variables of `/job:ps/task:k` live in Ray actors shared by all workers.

Optional extra: `pip install 'varflow[distributed]'` (Ray). Nothing here imports Ray until a cluster
session or a `tf.train.Server` is created.
"""
from __future__ import annotations

import threading

from ..framework import errors
from ..runtime.state import Container
from . import runtime

__all__ = ["container_for_target", "reset_target"]

_local_containers: dict[str, Container] = {}
_lock = threading.Lock()


def _resolve(target: str) -> tuple:
    if not target.startswith("grpc://"):
        raise errors.InvalidArgumentError(
            None, None, "Session target %r is not supported: use '' for a local session or a "
            "tf.train.Server's `.target` ('grpc://host:port')." % (target,))
    return runtime.lookup_target(target)


def container_for_target(target: str, session):
    """The container of a session on `target`: ps variables in actors, the rest local to this task."""
    from .container import ClusterContainer

    cluster, job, task = _resolve(target)
    ray = runtime.ensure_ray()
    with _lock:
        local = _local_containers.get(target)
        if local is None:
            local = _local_containers[target] = Container(target)
    return ClusterContainer(ray, target, cluster, job, task, local)


def reset_target(target, containers=None) -> None:
    """`tf.Session.reset`: drop every variable value of the cluster behind `target`."""
    target = target.decode() if isinstance(target, bytes) else (target or "")
    if target in ("", "local"):
        return
    from .container import ClusterContainer

    cluster, job, task = _resolve(target)
    ray = runtime.ensure_ray()
    for name, local in list(_local_containers.items()):
        if runtime._local_targets.get(name, (None,))[0] == cluster or name == target:
            local.clear()
    router = ClusterContainer(ray, target, cluster, job, task, Container(target))
    for index in sorted(cluster.get(runtime.PS_JOB, {})):
        handle = router.ps_task(index)
        handle._get(handle._actor.clear.remote())
