"""`tf.test`: the pieces of TF1's test namespace that scripts use outside unit tests."""
# ruff: noqa: F401
from .train.server_lib import create_local_cluster


def is_gpu_available(cuda_only: bool = False, min_cuda_compute_capability=None) -> bool:
    """varflow runs on the CPU (NumPy): no GPU is available."""
    return False


def is_built_with_cuda() -> bool:
    return False


def gpu_device_name() -> str:
    return ""
