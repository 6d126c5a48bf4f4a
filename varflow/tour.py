"""`varflow tour`: the source document ("Introduction to TensorFlow variables"), section by
section — each snippet runs and the tour prints what it shows, including the errors TensorFlow
raises and the places where the document and TensorFlow disagree (TensorFlow wins)."""
from __future__ import annotations

import contextlib
import io
import textwrap
from typing import Callable

_WIDTH = 96


class _Tour:
    """Collects the printed walk-through; each section builds in a fresh default graph."""

    def __init__(self, out):
        self.out = out
        self.all_variables: list = []
        self.graphs: list = []        # (section heading, [variables]) for the closing summary

    current = ""

    def heading(self, title: str) -> None:
        self.current = title
        self.out.write("\n" + title + "\n" + "=" * len(title) + "\n")

    def say(self, text: str) -> None:
        for para in textwrap.dedent(text).strip().split("\n\n"):
            self.out.write(textwrap.fill(" ".join(para.split()), _WIDTH) + "\n")

    def code(self, snippet: str) -> None:
        for line in textwrap.dedent(snippet).strip("\n").splitlines():
            self.out.write("    >>> " + line + "\n")

    def show(self, label: str, value) -> None:
        self.out.write("    %-34s %s\n" % (label, value))

    def note(self, text: str) -> None:
        self.out.write(textwrap.fill("NOTE (TensorFlow differs from the document): " +
                                     " ".join(text.split()), _WIDTH,
                                     subsequent_indent="      ") + "\n")

    def expect_error(self, label: str, fn: Callable, expected: type) -> None:
        try:
            fn()
        except expected as e:
            first = str(e).splitlines()[0]
            self.show(label, "%s: %s" % (type(e).__name__, first[:150]))
            return
        raise AssertionError("the tour expected %s from %r" % (expected.__name__, label))

    def keep(self, graph) -> None:
        from .variables.variables import global_variables, local_variables, trainable_variables

        with graph.as_default():
            seen = set()
            kept = []
            for v in global_variables() + local_variables() + trainable_variables():
                if id(v) not in seen and hasattr(v, "initializer"):
                    seen.add(id(v))
                    kept.append(v)
        self.all_variables.extend(kept)
        self.graphs.append((self.current, kept))


def _section(tour: _Tour, title: str):
    import varflow as tf

    tour.heading(title)
    graph = tf.Graph()
    return graph


def _creating(tour: _Tour, tf) -> None:
    g = _section(tour, "1. Creating a variable")
    with g.as_default():
        tour.code("""
            v = tf.get_variable("my_variable", [1, 2, 3])
        """)
        v = tf.get_variable("my_variable", [1, 2, 3])
        tour.show("v.name", v.name)
        tour.show("v.shape / v.dtype", "%s / %s" % (v.shape, v.dtype.name))
        with tf.Session() as sess:
            sess.run(v.initializer)
            value = sess.run(v)
        limit = (6.0 / (2 + 3)) ** 0.5       # fan_in 1*2, fan_out 1*3 for a [1, 2, 3] kernel
        tour.show("default initializer", "glorot_uniform: all |values| <= %.3f -> %s"
                  % (limit, bool(abs(value).max() <= limit)))
        tour.code("""
            my_tensor = tf.constant([23, 42], dtype=tf.int32, name='my_tensor')
            w = tf.get_variable('w', dtype=tf.int32, initializer=my_tensor)
        """)
        my_tensor = tf.constant([23, 42], dtype=tf.int32, name="my_tensor")
        w = tf.get_variable("w", dtype=tf.int32, initializer=my_tensor)
        with tf.Session() as sess:
            sess.run(w.initializer)
            tour.show("w (shape from the tensor)", "%s %s = %s" % (w.shape, w.dtype.name,
                                                                 sess.run(w).tolist()))
        tour.expect_error("tf.Variable() without a value", lambda: tf.Variable(), ValueError)
    tour.keep(g)


def _collections(tour: _Tour, tf) -> None:
    g = _section(tour, "2. Collections")
    with g.as_default():
        tour.code("""
            v = tf.get_variable('v', [2, 2], collections=['my_collection'])
            w = tf.get_variable('w', [3, 3])
            tf.add_to_collection('my_collection', w)
            tf.get_variable('v2', (), collections=['my_collection'])
        """)
        v = tf.get_variable("v", [2, 2], collections=["my_collection"])
        w = tf.get_variable("w", [3, 3])
        tf.add_to_collection("my_collection", w)
        tf.get_variable("v2", (), collections=["my_collection"])
        names = lambda xs: [x.name for x in xs]  # noqa: E731
        tour.show("get_collection('my_collection')", names(tf.get_collection("my_collection")))
        tour.show("  ... scope='v'", names(tf.get_collection("my_collection", scope="v")))
        tour.show("GLOBAL_VARIABLES", names(tf.global_variables()))
        tour.show("TRAINABLE_VARIABLES", names(tf.trainable_variables()))
        tour.note("collections=[...] replaces GLOBAL_VARIABLES but the variable is still added "
                  "to TRAINABLE_VARIABLES, so v is trainable yet skipped by "
                  "tf.global_variables_initializer() and the default Saver.")
        loc = tf.get_variable("local_v", [1], collections=[tf.GraphKeys.LOCAL_VARIABLES])
        tour.show("LOCAL_VARIABLES only -> trainable?", loc in tf.trainable_variables())
        tour.note("collections=[LOCAL_VARIABLES] alone leaves a variable trainable; pass "
                  "trainable=False (or use tf.get_local_variable) to keep optimizers off it. "
                  "get_variable never fills MODEL_VARIABLES, so GLOBAL ⊇ MODEL ⊇ TRAINABLE "
                  "does not hold: MODEL_VARIABLES is %s here." % names(tf.model_variables()))
        del v
    tour.keep(g)


def _devices(tour: _Tour, tf) -> None:
    g = _section(tour, "3. Device placement")
    with g.as_default():
        tour.code("""
            with tf.device('/gpu:1'):
                v = tf.get_variable('v', [1])
        """)
        with tf.device("/gpu:1"):
            v = tf.get_variable("v", [1])
        tour.show("v.device", v.device)
        tour.show("v.initializer.device", v.initializer.device)

        def hard():
            with tf.Session() as sess:
                sess.run(v.initializer)
        tour.expect_error("run without a GPU", hard, tf.errors.InvalidArgumentError)
        with tf.Session(config=tf.ConfigProto(allow_soft_placement=True)) as sess:
            sess.run(v.initializer)
            tour.show("with allow_soft_placement=True", "runs on the CPU: %s" % sess.run(v))
        cluster_spec = tf.train.ClusterSpec({"ps": ["ps0:2222", "ps1:2222"],
                                             "worker": ["worker0:2222"]})
        tour.code("""
            cluster_spec = tf.train.ClusterSpec({'ps': ['ps0:2222', 'ps1:2222'],
                                                 'worker': ['worker0:2222']})
            with tf.device(tf.train.replica_device_setter(cluster=cluster_spec)):
                a = tf.get_variable('a', shape=[10, 10])
                b = tf.get_variable('b', shape=[10, 10])
                y = tf.matmul(a, b)
        """)
        with tf.device(tf.train.replica_device_setter(cluster=cluster_spec)):
            a = tf.get_variable("a", shape=[10, 10])
            b = tf.get_variable("b", shape=[10, 10])
            y = tf.matmul(a, b)
        tour.show("variables round-robin to ps", [a.device, b.device])
        tour.show("other ops go to the worker", y.device)
    tour.keep(g)


def _initialization(tour: _Tour, tf) -> None:
    g = _section(tour, "4. Variable initialization")
    with g.as_default():
        my_var = tf.get_variable("my_var", [2])
        other = tf.get_variable("other", [2])
        tour.code("""
            session.run(my_var.initializer)
            print(session.run(tf.report_uninitialized_variables()))
        """)
        with tf.Session() as session:
            tour.show("uninitialized before", session.run(tf.report_uninitialized_variables()))
            session.run(my_var.initializer)
            tour.show("uninitialized after", session.run(tf.report_uninitialized_variables()))
            tour.expect_error("reading 'other' now", lambda: session.run(other),
                              tf.errors.FailedPreconditionError)
        tour.code("""
            v = tf.get_variable('v', shape=(), initializer=tf.zeros_initializer())
            w = tf.get_variable('w', initializer=v.initialized_value() + 1)
        """)
        v = tf.get_variable("v", shape=(), initializer=tf.zeros_initializer())
        w = tf.get_variable("w", initializer=v.initialized_value() + 1)
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            tour.show("after ONE global initializer run", "v=%s w=%s" % tuple(session.run([v, w])))
    tour.keep(g)


def _using(tour: _Tour, tf) -> None:
    g = _section(tour, "5. Using variables")
    with g.as_default():
        tour.code("""
            v = tf.get_variable('v', shape=(), initializer=tf.zeros_initializer())
            assignment = v.assign_add(1)
            tf.global_variables_initializer().run()
            assignment.run()
        """)
        v = tf.get_variable("v", shape=(), initializer=tf.zeros_initializer())
        assignment = v.assign_add(1)
        with tf.Session().as_default() as sess:
            tf.global_variables_initializer().run()
            tour.expect_error("assignment.run()", assignment.run, AttributeError)
            tour.note("assign_add returns a Tensor (the new value), which has no .run(): use "
                      "sess.run(assignment), assignment.eval() or assignment.op.run().")
            sess.run(assignment)
            sess.run(assignment)
            tour.show("after sess.run(assignment) x2", float(v.eval()))
        tour.code("""
            with tf.control_dependencies([assignment]):
                w = v.read_value()
        """)
        with tf.control_dependencies([assignment]):
            w = v.read_value()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            tour.show("w (read after assign_add)", [float(sess.run(w)) for _ in range(3)])
        s1, s2 = tf.Session(), tf.Session()
        s1.run(v.initializer)
        s1.run(assignment)
        tour.show("session 1 value", float(s1.run(v)))
        tour.expect_error("session 2 reads v", lambda: s2.run(v), tf.errors.FailedPreconditionError)
        tour.note("the document says modifications are visible across sessions; two local "
                  "tf.Session()s each have their own values. Only sessions on a cluster target "
                  "(tf.train.Server(...).target) share them.")
        s1.close()
        s2.close()
    tour.keep(g)


def _sharing(tour: _Tour, tf) -> None:
    g = _section(tour, "6. Sharing variables")

    def conv_relu(input, kernel_shape, bias_shape):  # noqa: A002 - the document's code
        weights = tf.get_variable("weights", kernel_shape,
                                  initializer=tf.random_normal_initializer())
        biases = tf.get_variable("biases", bias_shape, initializer=tf.constant_initializer(0.0))
        conv = tf.nn.conv2d(input, weights, strides=[1, 1, 1, 1], padding="SAME")
        return tf.nn.relu(conv + biases)

    def my_image_filter(input_images):
        with tf.variable_scope("conv1"):
            relu1 = conv_relu(input_images, [5, 5, 1, 32], [32])
        with tf.variable_scope("conv2"):
            return conv_relu(relu1, [5, 5, 32, 32], [32])

    with g.as_default():
        input1 = tf.random_normal([1, 10, 10, 32])
        x = conv_relu(input1, kernel_shape=[5, 5, 1, 32], bias_shape=[32])
        tour.expect_error("conv_relu called twice", lambda: conv_relu(x, [5, 5, 32, 32], [32]),
                          ValueError)
    tour.current = "6. conv_relu called twice"
    tour.keep(g)
    for style in ("reuse=True", "scope.reuse_variables()", "variable_scope(scope, reuse=True)"):
        g = tf.Graph()
        with g.as_default():
            input1 = tf.random_normal([1, 10, 10, 1], seed=1)
            input2 = tf.random_normal([1, 10, 10, 1], seed=2)
            if style == "reuse=True":
                with tf.variable_scope("model"):
                    output1 = my_image_filter(input1)
                with tf.variable_scope("model", reuse=True):
                    output2 = my_image_filter(input2)
            elif style == "scope.reuse_variables()":
                with tf.variable_scope("model") as scope:
                    output1 = my_image_filter(input1)
                    scope.reuse_variables()
                    output2 = my_image_filter(input2)
            else:
                with tf.variable_scope("model") as scope:
                    output1 = my_image_filter(input1)
                with tf.variable_scope(scope, reuse=True):
                    output2 = my_image_filter(input2)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                a, b = sess.run([output1, output2])
            tour.show(style, "%d variables, outputs %s and %s, op scopes %s / %s" % (
                len(tf.global_variables()), a.shape, b.shape,
                output1.op.name.split("/")[0], output2.op.name.split("/")[0]))
        tour.current = "6. " + style
        tour.keep(g)
    tour.show("variables", [v.name for v in tour.all_variables[-4:]])


def run_tour(out=None) -> int:
    """Print the tour to `out` (stdout by default); returns 0 when every snippet behaved."""
    import sys

    import varflow as tf

    out = out or sys.stdout
    tour = _Tour(out)
    tour.say("""varflow tour: the source document "Introduction to TensorFlow variables",
        run section by section with `import varflow as tf`. Where the document and TensorFlow
        disagree, varflow does what TensorFlow does, and the tour says so.""")
    for section in (_creating, _collections, _devices, _initialization, _using, _sharing):
        with contextlib.redirect_stderr(io.StringIO()):
            section(tour, tf)
    from .describe import describe_variables

    tour.heading("Variables built in this tour")
    for title, kept in tour.graphs:
        tour.show(title, "%d variable%s in its graph" % (len(kept), "" if len(kept) == 1 else "s"))
    out.write("\nThe model of section 6 (tf.describe() of its graph):\n")
    out.write(describe_variables(tour.graphs[-1][1]) + "\n")
    return 0
