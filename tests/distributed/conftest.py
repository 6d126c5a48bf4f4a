"""One Ray instance for all distributed tests (starting Ray takes seconds); skipped without Ray."""
import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("ray")

WORKER = os.path.join(os.path.dirname(__file__), "_worker.py")


@pytest.fixture(scope="session")
def ray_session():
    import ray

    from varflow.distributed import runtime

    runtime.ensure_ray(private=True)   # never join another process's instance
    yield ray
    ray.shutdown()


@pytest.fixture
def cluster(ray_session):
    """A fresh cluster (2 workers, 2 ps; new ports, so new actors): (worker servers, spec json)."""
    from varflow.train.server_lib import create_local_cluster

    workers, ps = create_local_cluster(2, 2)
    return workers, json.dumps(workers[0]._cluster_spec.as_dict())


@pytest.fixture
def worker():
    """Starts tests/distributed/_worker.py in a new process (it joins the same Ray instance)."""
    return _start_worker


def _start_worker(spec: str, task: int, *args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, WORKER, spec, str(task)] + [str(a) for a in args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
