"""`tf.train.Server`: one task of a cluster. Its `.target` opens sessions whose `/job:ps` variables
live in Ray actors (see varflow.distributed); a ps server's `join()` serves until its actor is gone.

Addresses in the ClusterSpec are task identities (as TF's `host:port`); the transport is Ray, which
the first Server in a process starts or joins (`RAY_ADDRESS`, a running cluster, else a local one).
"""
from __future__ import annotations

import socket
import threading
import time

from .cluster import ClusterSpec


class ServerDef:
    """A ServerDef-like record: the cluster, this task's job and index, and the protocol."""

    def __init__(self, cluster, job_name: str, task_index: int, protocol: str = "grpc",
                 default_session_config=None):
        self.cluster = cluster
        self.job_name = job_name
        self.task_index = task_index
        self.protocol = protocol
        self.default_session_config = default_session_config

    def __repr__(self):
        return "ServerDef(job_name=%r, task_index=%d, protocol=%r, cluster=%r)" % (
            self.job_name, self.task_index, self.protocol, self.cluster)


def _make_server_def(server_or_cluster_def, job_name, task_index, protocol, config) -> ServerDef:
    if isinstance(server_or_cluster_def, ServerDef):
        sd = server_or_cluster_def
        return ServerDef(ClusterSpec(sd.cluster).as_cluster_def(), job_name or sd.job_name,
                         sd.task_index if task_index is None else int(task_index),
                         protocol or sd.protocol, config or sd.default_session_config)
    try:
        spec = ClusterSpec(server_or_cluster_def)
    except TypeError:
        raise TypeError("Could not convert `server_or_cluster_def` to a `tf.train.ServerDef` or "
                        "`tf.train.ClusterSpec`.") from None
    if job_name is None:
        if len(spec.jobs) != 1:
            raise ValueError("Must specify an explicit `job_name`.")
        job_name = spec.jobs[0]
    if job_name not in spec.jobs:
        raise ValueError("No such job in cluster: %r (jobs: %s)" % (job_name, spec.jobs))
    if task_index is None:
        indices = spec.task_indices(job_name)
        if len(indices) != 1:
            raise ValueError("Must specify an explicit `task_index`.")
        task_index = indices[0]
    spec.task_address(job_name, int(task_index))   # ValueError for an unknown task
    return ServerDef(spec.as_cluster_def(), job_name, int(task_index), protocol or "grpc", config)


class Server:
    """An in-process server for one task of a cluster (`tf.train.Server` / `tf.distribute.Server`)."""

    def __init__(self, server_or_cluster_def, job_name=None, task_index=None, protocol=None,
                 config=None, start: bool = True):
        self._server_def = _make_server_def(server_or_cluster_def, job_name, task_index, protocol,
                                            config)
        spec = ClusterSpec(self._server_def.cluster)
        self._cluster_spec = spec
        address = spec.task_address(self._server_def.job_name, self._server_def.task_index)
        self._target = "grpc://" + (address.decode() if isinstance(address, bytes) else address)
        self._started = False
        self._stopped = threading.Event()
        if start:
            self.start()

    @property
    def server_def(self) -> ServerDef:
        return self._server_def

    @property
    def target(self) -> str:
        """The session target of this task, e.g. 'grpc://localhost:2222'."""
        return self._target

    def start(self) -> None:
        """Register the task (so sessions on `.target` find the cluster); a ps task creates its actor."""
        from ..distributed import runtime

        cluster = runtime.cluster_dict(self._cluster_spec)
        job, task = self._server_def.job_name, self._server_def.task_index
        runtime.register_target(self._target, cluster, job, task)
        if job == runtime.PS_JOB:
            self._ps_handle()
        self._started = True

    def _ps_handle(self):
        from ..distributed import runtime
        from ..distributed.remote_slot import PsTaskHandle

        cluster = runtime.cluster_dict(self._cluster_spec)
        name = runtime.actor_name(runtime.cluster_id(cluster), runtime.PS_JOB,
                                  self._server_def.task_index)
        return PsTaskHandle(runtime.ensure_ray(), name)

    def join(self) -> None:
        """Block serving: a ps task until its actor is gone for good, any other task until stopped."""
        if not self._started:
            self.start()
        from ..distributed import runtime
        from ..framework import errors

        if self._server_def.job_name != runtime.PS_JOB:
            self._stopped.wait()
            return
        failures = 0
        while not self._stopped.wait(1.0):
            try:
                handle = self._ps_handle()
                handle._get(handle._actor.ping.remote())
                failures = 0
            except errors.UnavailableError:
                failures += 1     # restarting: Ray brings it back (max_restarts)
                if failures > 120:
                    return

    def stop(self) -> None:
        """Make `join()` return (TF servers cannot be stopped; this is for tests and CLIs)."""
        self._stopped.set()

    @staticmethod
    def create_local_server(config=None, start: bool = True) -> "Server":
        """A single-task cluster ({'localhost': ['localhost:<free port>']}) in this process."""
        return Server({"localhost": ["localhost:%d" % _pick_unused_port()]}, protocol="grpc",
                      config=config, start=start)

    @staticmethod
    def create_local_cluster(num_workers: int, num_ps: int, protocol: str = "grpc",
                             worker_config=None, ps_config=None) -> tuple:
        return create_local_cluster(num_workers, num_ps, protocol, worker_config, ps_config)

    def __repr__(self):
        return "<tf.train.Server %s %s:%d>" % (self._target, self._server_def.job_name,
                                               self._server_def.task_index)


def create_local_cluster(num_workers: int, num_ps: int, protocol: str = "grpc",
                         worker_config=None, ps_config=None) -> tuple:
    """`tf.test.create_local_cluster`: (worker servers, ps servers) on free local ports."""
    if num_workers < 1:
        raise ValueError("num_workers must be >= 1")
    cluster = {"worker": ["localhost:%d" % _pick_unused_port() for _ in range(num_workers)]}
    if num_ps > 0:
        cluster["ps"] = ["localhost:%d" % _pick_unused_port() for _ in range(num_ps)]
    spec = ClusterSpec(cluster)
    workers = [Server(spec, job_name="worker", protocol=protocol, task_index=i, config=worker_config)
               for i in range(num_workers)]
    ps_servers = [Server(spec, job_name="ps", protocol=protocol, task_index=i, config=ps_config)
                  for i in range(num_ps)]
    return workers, ps_servers


_used_ports: set = set()


def _pick_unused_port() -> int:
    """A free TCP port number (only a name here: no socket is kept open on it)."""
    for _ in range(100):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("localhost", 0))
            port = s.getsockname()[1]
        if port not in _used_ports:
            _used_ports.add(port)
            return port
        time.sleep(0.01)
    raise RuntimeError("no free port found")
