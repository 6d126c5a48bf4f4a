"""XLA compilation of session plans through JAX (TF1's `global_jit_level` and `jit_scope`).

`compile_plan(plan, session)` is called by the session for every new plan when XLA is on. JAX is
imported only then, so `import varflow` never imports it.
"""
from __future__ import annotations

from . import experimental

__all__ = ["compile_plan", "experimental", "jit_mode_for", "visible_gpu_count"]


def jit_mode_for(session, plan) -> str | None:
    """'global' under global_jit_level ON_1/ON_2, 'scope' when only jit_scope ops are marked."""
    level = session.config.graph_options.optimizer_options.global_jit_level
    if level and level > 0:
        return "global"
    if any(op._attrs.get("_XlaCompile") is True for op in plan.ops):
        return "scope"
    return None


def compile_plan(plan, session):
    """A plan with the same interface as `plan` whose lowerable steps run as jitted XLA segments.

    Without JAX installed, or with nothing to compile, the plan is returned unchanged."""
    mode = jit_mode_for(session, plan)
    if mode is None:
        return plan
    try:
        import jax
    except ImportError:
        return plan
    jax.config.update("jax_enable_x64", True)   # int64/float64 tensors keep their dtypes
    from .compiler import compile_plan_steps

    return compile_plan_steps(plan, session, mode)


def visible_gpu_count() -> int:
    """How many GPUs JAX sees (0 without JAX): a session under XLA offers them as GPU:0, GPU:1..."""
    try:
        from .compiler import _gpu_devices
    except ImportError:
        return 0
    return len(_gpu_devices())
