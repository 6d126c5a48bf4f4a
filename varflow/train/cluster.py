"""`tf.train.ClusterSpec` and light `ClusterDef`/`JobDef` records: the jobs of a cluster and the
network address of each task, dense (a list) or sparse (a dict of task index -> address)."""
from __future__ import annotations

from typing import Iterable, Mapping

_BAD_CLUSTER = ("`cluster` must be a dictionary mapping one or more job names to lists of network "
                "addresses, or a `ClusterDef` protocol buffer")


class JobDef:
    """One job of a ClusterDef: its `name` and `tasks` (task index -> address)."""

    def __init__(self, name: str = "", tasks: Mapping[int, str] | None = None):
        self.name = name
        self.tasks: dict = dict(tasks or {})

    def __eq__(self, other):
        return isinstance(other, JobDef) and (self.name, self.tasks) == (other.name, other.tasks)

    __hash__ = None

    def __repr__(self):
        return "JobDef(name=%r, tasks=%r)" % (self.name, self.tasks)


class _JobList(list):
    """The repeated `job` field: a list that also offers the proto-style `add()`."""

    def add(self, name: str = "", tasks: Mapping[int, str] | None = None) -> JobDef:
        job = JobDef(name, tasks)
        self.append(job)
        return job


class ClusterDef:
    """A ClusterDef-like record (`job`: list of JobDef), as `ClusterSpec.as_cluster_def()` returns."""

    def __init__(self, job: Iterable[JobDef] = ()):
        self.job = _JobList(job)

    def __eq__(self, other):
        return isinstance(other, ClusterDef) and list(self.job) == list(other.job)

    __hash__ = None

    def __str__(self):
        lines = []
        for job in self.job:
            lines.append("job {\n  name: %r" % job.name)
            for index in sorted(job.tasks):
                lines.append("  tasks {\n    key: %d\n    value: %r\n  }" % (index, job.tasks[index]))
            lines.append("}")
        return "\n".join(lines)

    def __repr__(self):
        return "ClusterDef(job=%r)" % (list(self.job),)


class ClusterSpec:
    """The jobs of a cluster and each task's address; built from a dict, a ClusterSpec or a ClusterDef."""

    __hash__ = None

    def __init__(self, cluster):
        if isinstance(cluster, ClusterSpec):
            cluster = cluster.as_cluster_def()
        if isinstance(cluster, dict):
            self._jobs = {_job_name(name): _tasks_of(name, tasks) for name, tasks in cluster.items()}
        elif hasattr(cluster, "job"):
            self._jobs = {}
            for job in cluster.job:
                self._jobs[_job_name(job.name)] = {int(i): a for i, a in dict(job.tasks).items()}
        else:
            raise TypeError(_BAD_CLUSTER)

    @property
    def jobs(self) -> list:
        """Job names in the order they were given (sorted when built from a ClusterSpec)."""
        return list(self._jobs)

    def _job(self, job_name: str) -> dict:
        try:
            return self._jobs[job_name]
        except (KeyError, TypeError):
            raise ValueError("No such job in cluster: %r" % (job_name,)) from None

    def num_tasks(self, job_name: str) -> int:
        return len(self._job(job_name))

    def task_indices(self, job_name: str) -> list:
        return sorted(self._job(job_name))

    def task_address(self, job_name: str, task_index: int):
        tasks = self._job(job_name)
        try:
            return tasks[task_index]
        except (KeyError, TypeError):
            raise ValueError("No task with index %r in job %r" % (task_index, job_name)) from None

    def job_tasks(self, job_name: str) -> list:
        """Addresses indexed by task number; indices missing from a sparse job are None."""
        tasks = self._job(job_name)
        if not tasks:
            raise ValueError("Job %r has no tasks" % (job_name,))
        out: list = [None] * (max(tasks) + 1)
        for index, address in tasks.items():
            out[index] = address
        return out

    def as_dict(self) -> dict:
        """{job: [addresses]} for dense jobs (indices 0..n-1), {job: {index: address}} otherwise."""
        out = {}
        for name, tasks in self._jobs.items():
            indices = sorted(tasks)
            if indices and indices == list(range(len(indices))):
                out[name] = [tasks[i] for i in indices]
            else:
                out[name] = {i: tasks[i] for i in indices}
        return out

    def as_cluster_def(self) -> ClusterDef:
        """A ClusterDef-like record with the jobs sorted by name."""
        return ClusterDef(JobDef(name, {i: self._jobs[name][i] for i in sorted(self._jobs[name])})
                          for name in sorted(self._jobs))

    def __eq__(self, other):
        return isinstance(other, ClusterSpec) and self._jobs == other._jobs

    def __bool__(self) -> bool:
        return bool(self._jobs)

    def __str__(self):
        spec = self.as_dict()
        return "ClusterSpec({%s})" % ", ".join("%r: %r" % (k, spec[k]) for k in sorted(spec))

    __repr__ = __str__


def _job_name(name) -> str:
    if not isinstance(name, (str, bytes)):
        raise TypeError("Job name %r must be bytes or unicode" % (name,))
    return name.decode() if isinstance(name, bytes) else name


def _tasks_of(job_name: str, tasks) -> dict:
    if isinstance(tasks, (list, tuple)):
        pairs = list(enumerate(tasks))
    elif isinstance(tasks, dict):
        pairs = [(int(i), a) for i, a in tasks.items()]
    else:
        raise TypeError("The tasks for job %r must be a list or a dictionary from integers to "
                        "strings." % (job_name,))
    for _, address in pairs:
        if not isinstance(address, (str, bytes)):
            raise TypeError("Task address %r must be bytes or unicode" % (address,))
    return dict(pairs)
