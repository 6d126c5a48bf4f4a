"""`tf.make_template`: wrap a function so that its first call creates variables and later calls
share them.

A Template remembers the VariableScope its first call opened and re-enters it with `reuse=True`
on every later call; each call still opens a fresh name scope (`name/`, `name_1/`, ...), as in TF.
"""
from __future__ import annotations

import functools
from typing import Any, Callable

from ..framework.graph import get_default_graph
from ..framework.graph_keys import GraphKeys
from ..framework.sites import user_site
from ..platform import tf_logging
from .variable_scope import VariableScope, _pure_variable_scope, _unique_variable_scope, variable_scope

__all__ = ["make_template", "Template"]


class Template:
    """A function whose variables are created on the first call and reused on every later call.

    Example::

        dense = tf.make_template("dense", lambda x: tf.matmul(x, tf.get_variable("w", [3, 2])))
        y1, y2 = dense(a), dense(b)          # one variable dense/w, shared by both calls
    """

    def __init__(self, name: str, func: Callable, create_scope_now: bool = False,
                 unique_name: str | None = None, custom_getter: Callable | None = None):
        if name is None:
            raise ValueError("name cannot be None.")
        self._func = func
        self._name = name
        self._unique_name = unique_name
        self._custom_getter = custom_getter
        self._site = user_site(2)
        self._variable_scope: VariableScope | None = None
        self._variables_created = False
        self._first_call = True
        if create_scope_now:
            prefix = unique_name or _unique_variable_scope(name)
            with _pure_variable_scope(prefix, custom_getter=custom_getter) as vs:
                self._variable_scope = vs

    # --- calling ---------------------------------------------------------------------------------
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._variable_scope is not None:
            with variable_scope(self._variable_scope, reuse=not self._first_call):
                return self._call_func(args, kwargs)
        with variable_scope(self._unique_name, self._name, custom_getter=self._custom_getter) as vs:
            self._variable_scope = vs
            return self._call_func(args, kwargs)

    def _call_func(self, args, kwargs):
        graph = get_default_graph()
        trainable_before = len(graph.get_collection(GraphKeys.TRAINABLE_VARIABLES))
        globals_before = len(graph.get_collection(GraphKeys.GLOBAL_VARIABLES))
        try:
            result = self._func(*args, **kwargs)
        except Exception as e:
            # As TF does: the error keeps its class and gains where the template was made.
            if e.args and isinstance(e.args[0], str):
                e.args = ("%s\n\noriginally defined at:\n  %s" % (e.args[0], self._site),) + e.args[1:]
            raise
        if self._first_call:
            self._first_call = False
            self._variables_created = True
            return result
        trainable = graph.get_collection(GraphKeys.TRAINABLE_VARIABLES)
        if len(trainable) != trainable_before:
            raise ValueError(
                "Trainable variable created when calling a template after the first time, perhaps "
                "you used tf.Variable when you meant tf.get_variable: %s\n\noriginally defined at:"
                "\n  %s" % (trainable[trainable_before:], self._site))
        created = graph.get_collection(GraphKeys.GLOBAL_VARIABLES)[globals_before:]
        if created:
            tf_logging.info("New variables created when calling a template after the first time, "
                            "perhaps you used tf.Variable when you meant tf.get_variable: %s", created)
        return result

    # --- introspection ---------------------------------------------------------------------------
    @property
    def name(self) -> str:
        """The name given to make_template (not uniquified)."""
        return self._name

    @property
    def func(self) -> Callable:
        return self._func

    @property
    def variable_scope(self) -> VariableScope | None:
        """The VariableScope of this template, None until it exists (first call or creation)."""
        return self._variable_scope

    @property
    def var_scope(self) -> VariableScope | None:
        """Deprecated TF spelling of `variable_scope`."""
        return self._variable_scope

    @property
    def variable_scope_name(self) -> str | None:
        """The scope's name with a trailing '/', the prefix of this template's variables."""
        if self._variable_scope is None:
            return None
        name = self._variable_scope.name
        return name if not name or name.endswith("/") else name + "/"

    def _collection(self, key: str) -> list:
        if not self._variables_created:
            return []
        return get_default_graph().get_collection(key, self.variable_scope_name)

    @property
    def trainable_variables(self) -> list:
        return self._collection(GraphKeys.TRAINABLE_VARIABLES)

    @property
    def global_variables(self) -> list:
        return self._collection(GraphKeys.GLOBAL_VARIABLES)

    @property
    def local_variables(self) -> list:
        return self._collection(GraphKeys.LOCAL_VARIABLES)

    @property
    def non_trainable_variables(self) -> list:
        trainable = {id(v) for v in self.trainable_variables}
        return [v for v in self.global_variables if id(v) not in trainable]

    @property
    def variables(self) -> list:
        return self.global_variables + self.local_variables

    @property
    def weights(self) -> list:
        return self.variables

    @property
    def trainable_weights(self) -> list:
        return self.trainable_variables

    @property
    def non_trainable_weights(self) -> list:
        return self.non_trainable_variables

    def __repr__(self):
        return "<Template %r scope=%r>" % (self._name, self.variable_scope_name)


def make_template(name_: str, func_: Callable, create_scope_now_: bool = False,
                  unique_name_: str | None = None, custom_getter_: Callable | None = None,
                  **kwargs: Any) -> Template:
    """`tf.make_template`: a Template calling `func_(*args, **kwargs, **call_kwargs)`, sharing the
    variables its first call creates with `tf.get_variable`."""
    if kwargs:
        func_ = functools.update_wrapper(functools.partial(func_, **kwargs), func_) \
            if hasattr(func_, "__name__") else functools.partial(func_, **kwargs)
    return Template(name_, func_, create_scope_now=create_scope_now_, unique_name=unique_name_,
                    custom_getter=custom_getter_)
