"""TF1 optimizers: update rules against NumPy float64 references, numbers observed in TF 2.21,
slot/non-slot variable names and collections, sparse updates, errors and the UPDATE_OPS warning."""
import warnings

import numpy as np
import pytest

import varflow as tf
from varflow.train import optimizers as opts
from varflow.train.optimizer import Optimizer

W0 = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-2.0, 1.0, 0.1]])
GRADS = [np.array([[0.1, -0.2, 0.3], [0.5, -0.4, 0.05], [-0.3, 0.2, 0.7]]) * (k + 1) for k in range(3)]


# ------------------------------------------------------------------------------------------------
# NumPy float64 references (textbook forms of the update rules). As in TF, Python hyper-parameters
# become float32 constants before being cast to the variable's dtype, hence h(); initial
# accumulator values are made in the variable's dtype directly, so they are not rounded.
# ------------------------------------------------------------------------------------------------
def h(x):
    return float(np.float32(x))


def ref_sgd(w, gs, lr=h(0.1)):
    for g in gs:
        w = w - lr * g
    return w


def ref_momentum(w, gs, lr=h(0.1), mu=h(0.9), nesterov=False):
    a = np.zeros_like(w)
    for g in gs:
        a = mu * a + g
        w = w - lr * (g + mu * a) if nesterov else w - lr * a
    return w


def ref_adam(w, gs, lr=h(0.05), b1=h(0.9), b2=h(0.999), eps=h(1e-8)):
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    b1_power, b2_power = np.float32(b1), np.float32(b2)   # float32 variables in TF
    for g in gs:
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w = w - lr * np.sqrt(1 - float(b2_power)) / (1 - float(b1_power)) * m / (np.sqrt(v) + eps)
        b1_power, b2_power = b1_power * np.float32(b1), b2_power * np.float32(b2)
    return w


def ref_adagrad(w, gs, lr=h(0.3), init=0.2):
    acc = np.full_like(w, init)
    for g in gs:
        acc = acc + g * g
        w = w - lr * g / np.sqrt(acc)
    return w


def ref_rmsprop(w, gs, lr=h(0.01), decay=h(0.8), mu=h(0.5), eps=h(1e-6), centered=False):
    ms = np.ones_like(w)
    mg = np.zeros_like(w)
    mom = np.zeros_like(w)
    for g in gs:
        ms = decay * ms + (1 - decay) * g * g
        mg = decay * mg + (1 - decay) * g
        denom = ms - mg * mg if centered else ms
        mom = mu * mom + lr * g / np.sqrt(denom + eps)
        w = w - mom
    return w


def ref_adadelta(w, gs, lr=h(1.0), rho=h(0.9), eps=h(1e-6)):
    acc = np.zeros_like(w)
    upd_acc = np.zeros_like(w)
    for g in gs:
        acc = rho * acc + (1 - rho) * g * g
        upd = np.sqrt(upd_acc + eps) / np.sqrt(acc + eps) * g
        w = w - lr * upd
        upd_acc = rho * upd_acc + (1 - rho) * upd * upd
    return w


def ref_ftrl(w, gs, lr=h(0.2), power=h(-0.5), init=0.1, l1=h(0.01), l2=h(0.05)):
    n = np.full_like(w, init)
    z = np.zeros_like(w)
    for g in gs:
        n_new = n + g * g
        sigma = (n_new ** -power - n ** -power) / lr
        z = z + g - sigma * w
        n = n_new
        w = np.where(np.abs(z) > l1, (np.sign(z) * l1 - z) / (n ** -power / lr + 2 * l2), 0.0)
    return w


def ref_proximal_gd(w, gs, lr=h(0.1), l1=h(0.05), l2=h(0.1)):
    for g in gs:
        p = w - lr * g
        w = np.sign(p) * np.maximum(np.abs(p) - lr * l1, 0) / (1 + lr * l2)
    return w


def ref_proximal_adagrad(w, gs, lr=h(0.1), init=0.1, l1=h(0.05), l2=h(0.1)):
    acc = np.full_like(w, init)
    for g in gs:
        acc = acc + g * g
        step = lr / np.sqrt(acc)
        p = w - step * g
        w = np.sign(p) * np.maximum(np.abs(p) - step * l1, 0) / (1 + step * l2)
    return w


CASES = {
    "sgd": (lambda: opts.GradientDescentOptimizer(0.1), ref_sgd),
    "momentum": (lambda: opts.MomentumOptimizer(0.1, 0.9), ref_momentum),
    "nesterov": (lambda: opts.MomentumOptimizer(0.1, 0.9, use_nesterov=True),
                 lambda w, gs: ref_momentum(w, gs, nesterov=True)),
    "adam": (lambda: opts.AdamOptimizer(0.05), ref_adam),
    "adagrad": (lambda: opts.AdagradOptimizer(0.3, initial_accumulator_value=0.2), ref_adagrad),
    "rmsprop": (lambda: opts.RMSPropOptimizer(0.01, decay=0.8, momentum=0.5, epsilon=1e-6),
                ref_rmsprop),
    "rmsprop_centered": (lambda: opts.RMSPropOptimizer(0.01, decay=0.8, momentum=0.5, epsilon=1e-6,
                                                    centered=True),
                         lambda w, gs: ref_rmsprop(w, gs, centered=True)),
    "adadelta": (lambda: opts.AdadeltaOptimizer(1.0, rho=0.9, epsilon=1e-6), ref_adadelta),
    "ftrl": (lambda: opts.FtrlOptimizer(0.2, l1_regularization_strength=0.01,
                                     l2_regularization_strength=0.05), ref_ftrl),
    "ftrl_power": (lambda: opts.FtrlOptimizer(0.2, learning_rate_power=-0.7,
                                           l1_regularization_strength=0.01,
                                           l2_regularization_strength=0.05),
                   lambda w, gs: ref_ftrl(w, gs, power=h(-0.7))),
    "proximal_gd": (lambda: opts.ProximalGradientDescentOptimizer(
        0.1, l1_regularization_strength=0.05, l2_regularization_strength=0.1), ref_proximal_gd),
    "proximal_adagrad": (lambda: opts.ProximalAdagradOptimizer(
        0.1, l1_regularization_strength=0.05, l2_regularization_strength=0.1),
        ref_proximal_adagrad),
}


def _run_fed_gradients(make_opt, use_resource: bool, sparse: bool):
    """Three apply_gradients steps with fed float64 gradients; returns the final variable."""
    w = tf.get_variable("w", initializer=W0.copy(), use_resource=use_resource)
    g = tf.placeholder(tf.float64, [3, 3])
    if sparse:
        grad = tf.IndexedSlices(g, tf.constant([0, 1, 2]), tf.constant([3, 3]))
    else:
        grad = g
    train = make_opt().apply_gradients([(grad, w)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for gv in GRADS:
            sess.run(train, {g: gv})
        return sess.run(w)


@pytest.mark.parametrize("use_resource", [False, True], ids=["ref", "resource"])
@pytest.mark.parametrize("sparse", [False, True], ids=["dense", "sparse"])
@pytest.mark.parametrize("key", sorted(CASES))
def test_updates_match_numpy_float64(key, use_resource, sparse):
    make_opt, ref = CASES[key]
    got = _run_fed_gradients(make_opt, use_resource, sparse)
    np.testing.assert_allclose(got, ref(W0, GRADS), rtol=1e-10, atol=1e-12)


# ------------------------------------------------------------------------------------------------
# float32 end to end, against numbers observed in TF 2.21
# ------------------------------------------------------------------------------------------------
def _tf_observed_run(make_opt, use_resource, sparse):
    rng = np.random.RandomState(0)
    w0 = rng.randn(5, 3).astype(np.float32)
    x = rng.randn(4, 5).astype(np.float32)
    w = tf.get_variable("w", initializer=w0, use_resource=use_resource)
    if sparse:
        e = tf.gather(w, np.array([3, 1, 3, 0], np.int32))
        loss = tf.reduce_sum(e * e * tf.constant(x[:, :3]))
    else:
        loss = tf.reduce_sum(w * w * tf.constant(w0[::-1].copy()))
    gs = tf.train.get_or_create_global_step()
    train = make_opt().minimize(loss, global_step=gs)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(4):
            sess.run(train)
        return sess.run(w), sess.run(gs)


# Row 0 of w after 4 steps, observed in TF 2.21 (CPU) with the program above.
TF_OBSERVED = [
    ("adam", True, False, lambda: opts.AdamOptimizer(0.05),
     [1.564430594444275, 0.20295661687850952, 0.7795121669769287]),
    ("mom_sparse", False, True, lambda: opts.MomentumOptimizer(0.1, 0.9),
     [1.2924494743347168, 0.15680037438869476, 3.0157127380371094]),
    ("rms_centered", False, False,
     lambda: opts.RMSPropOptimizer(0.01, momentum=0.3, centered=True),
     [1.6661064624786377, 0.39454445242881775, 0.9326900243759155]),
    ("ftrl", True, True, lambda: opts.FtrlOptimizer(0.1),
     [0.6952481865882874, 0.023792242631316185, 1.0803147554397583]),
]


@pytest.mark.parametrize("name,use_resource,sparse,make_opt,expected", TF_OBSERVED,
                         ids=[c[0] for c in TF_OBSERVED])
def test_float32_matches_tf_observed(name, use_resource, sparse, make_opt, expected):
    w, step = _tf_observed_run(make_opt, use_resource, sparse)
    assert w.dtype == np.float32
    np.testing.assert_allclose(w[0], np.array(expected, np.float32), rtol=2e-7, atol=0)
    assert step == 4


# ------------------------------------------------------------------------------------------------
# Variables an optimizer creates
# ------------------------------------------------------------------------------------------------
def test_adam_slot_and_beta_power_names():
    w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
    b = tf.get_variable("b", [2], initializer=tf.ones_initializer())
    opt = opts.AdamOptimizer(0.1)
    with tf.name_scope("outer"):
        train = opt.minimize(tf.reduce_sum(w * b))
    names = [v.name for v in tf.global_variables()]
    # Observed in TF 2.21: beta powers take the current name scope; slots do not.
    assert names == ["w:0", "b:0", "outer/beta1_power:0", "outer/beta2_power:0", "w/Adam:0",
                     "w/Adam_1:0", "b/Adam:0", "b/Adam_1:0"]
    assert [v.name for v in tf.trainable_variables()] == ["w:0", "b:0"]
    assert opt.get_slot_names() == ["m", "v"]
    assert opt.get_slot(w, "m").name == "w/Adam:0"
    assert opt.get_slot(b, "v").name == "b/Adam_1:0"
    assert opt.get_slot(w, "nope") is None
    assert [v.name for v in opt.variables()] == sorted(names[2:])
    assert train.name == "outer/Adam" and train.type == "NoOp"
    # beta powers live next to the first variable by name (b)
    assert opt._get_non_slot_variable("beta1_power").op.get_attr("_class") == [b"loc:@b"]


@pytest.mark.parametrize("make_opt,expected", [
    (lambda: opts.RMSPropOptimizer(0.1, momentum=0.9, centered=True),
     {"rms": "w/RMSProp:0", "mg": "w/RMSProp_1:0", "momentum": "w/RMSProp_2:0"}),
    (lambda: opts.RMSPropOptimizer(0.1), {"rms": "w/RMSProp:0", "momentum": "w/RMSProp_1:0"}),
    (lambda: opts.FtrlOptimizer(0.1), {"accum": "w/Ftrl:0", "linear": "w/Ftrl_1:0"}),
    (lambda: opts.AdadeltaOptimizer(0.1), {"accum": "w/Adadelta:0", "accum_update": "w/Adadelta_1:0"}),
    (lambda: opts.AdagradOptimizer(0.1), {"accumulator": "w/Adagrad:0"}),
    (lambda: opts.MomentumOptimizer(0.1, 0.9), {"momentum": "w/Momentum:0"}),
    (lambda: opts.ProximalAdagradOptimizer(0.1), {"accumulator": "w/ProximalAdagrad:0"}),
])
def test_slot_names_follow_tf(make_opt, expected):
    w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
    opt = make_opt()
    opt.minimize(tf.reduce_sum(w * w))
    assert opt.get_slot_names() == sorted(expected)
    assert {k: opt.get_slot(w, k).name for k in expected} == expected


def test_slots_are_global_untrainable_colocated_and_initialized():
    with tf.device("/cpu:0"):
        w = tf.get_variable("w", [3], initializer=tf.ones_initializer(), use_resource=True)
    opt = opts.RMSPropOptimizer(0.1)
    opt.minimize(tf.reduce_sum(w * w))
    rms = opt.get_slot(w, "rms")
    assert rms in tf.global_variables() and rms not in tf.trainable_variables()
    assert rms.device == w.device == "/device:CPU:0"
    assert rms.op.get_attr("_class") == [b"loc:@w"]
    assert rms._is_resource
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(rms), np.ones(3, np.float32))   # rms starts at 1


def test_global_step_incremented_after_updates_and_train_op_collection():
    w = tf.get_variable("w", [], initializer=tf.constant_initializer(1.0))
    gs = tf.train.get_or_create_global_step()
    train = opts.GradientDescentOptimizer(0.5).minimize(tf.square(w), global_step=gs)
    assert train.type == "AssignAdd" and train.name == "GradientDescent"
    assert tf.get_collection(tf.GraphKeys.TRAIN_OP) == [train]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        sess.run(train)
        assert sess.run(gs) == 2
        assert sess.run(w) == 0.0   # 1 - 0.5*2*1 = 0


def test_learning_rate_as_tensor_and_callable():
    w = tf.get_variable("w", [], initializer=tf.constant_initializer(1.0))
    lr = tf.placeholder(tf.float32, [])
    train_t = opts.GradientDescentOptimizer(lr).minimize(w * 3.0)
    train_c = opts.MomentumOptimizer(lambda: tf.constant(0.25), lambda: 0.0).minimize(w * 2.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train_t, {lr: 0.1})
        assert sess.run(w) == pytest.approx(0.7)
        sess.run(train_c)
        assert sess.run(w) == pytest.approx(0.2)


# ------------------------------------------------------------------------------------------------
# Sparse updates
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("use_resource", [False, True], ids=["ref", "resource"])
def test_sparse_update_touches_only_gathered_rows_and_sums_duplicates(use_resource):
    w = tf.get_variable("w", initializer=np.arange(8.0).reshape(4, 2), use_resource=use_resource)
    loss = tf.reduce_sum(tf.gather(w, [2, 0, 2]))
    opt = opts.AdagradOptimizer(1.0, initial_accumulator_value=1.0)
    (grad, _), = opt.compute_gradients(loss)
    assert isinstance(grad, tf.IndexedSlices)
    train = opt.apply_gradients([(grad, w)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        acc = sess.run(opt.get_slot(w, "accumulator"))
        new = sess.run(w)
    # row 2 got gradient 2 (summed once, then applied): acc = 1 + 4, w -= 2 / sqrt(5)
    np.testing.assert_allclose(acc, [[2, 2], [1, 1], [5, 5], [1, 1]])
    expected = np.arange(8.0).reshape(4, 2)
    expected[0] -= 1 / np.sqrt(2)
    expected[2] -= 2 / np.sqrt(5)
    np.testing.assert_allclose(new, expected)


def test_sparse_sgd_on_embedding():
    emb = tf.get_variable("emb", initializer=np.ones((5, 2), np.float32))
    loss = tf.reduce_sum(tf.nn.embedding_lookup(emb, [1, 1, 3]))
    train = opts.GradientDescentOptimizer(0.5).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        np.testing.assert_allclose(sess.run(emb), [[1, 1], [0, 0], [1, 1], [0.5, 0.5], [1, 1]])


# ------------------------------------------------------------------------------------------------
# compute_gradients / apply_gradients / minimize contracts and errors
# ------------------------------------------------------------------------------------------------
def test_compute_gradients_keeps_none_and_default_var_list():
    a = tf.get_variable("a", [], initializer=tf.constant_initializer(2.0))
    unused = tf.get_variable("unused", [], initializer=tf.constant_initializer(5.0))
    frozen = tf.get_variable("frozen", [], initializer=tf.constant_initializer(1.0), trainable=False)
    gv = opts.GradientDescentOptimizer(1.0).compute_gradients(a * frozen)
    assert [v for _, v in gv] == [a, unused]
    assert gv[1][0] is None


def test_errors_like_tf():
    a = tf.get_variable("a", [], initializer=tf.constant_initializer(2.0))
    opt = opts.GradientDescentOptimizer(1.0)
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        opt.minimize(tf.constant(1.0) * 2.0, var_list=[a])
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        opt.apply_gradients([(None, a)])
    with pytest.raises(ValueError, match="No variables provided"):
        opt.apply_gradients([])
    with pytest.raises(ValueError, match="Invalid type"):
        opt.compute_gradients(tf.constant(1), var_list=[a])
    with pytest.raises(ValueError, match="gate_gradients"):
        opt.compute_gradients(a * 2.0, gate_gradients=7)
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="No variables to optimize"):
            opts.GradientDescentOptimizer(0.1).minimize(tf.constant(1.0) * 2.0)
    with pytest.raises(ValueError, match="initial_accumulator_value"):
        opts.AdagradOptimizer(0.1, initial_accumulator_value=0.0)
    with pytest.raises(ValueError, match="learning_rate_power"):
        opts.FtrlOptimizer(0.1, learning_rate_power=0.5)


def test_gate_graph_and_constraint():
    w = tf.get_variable("w", [2], initializer=tf.ones_initializer(),
                        constraint=lambda v: tf.clip_by_value(v, 0.0, 0.8))
    train = opts.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(w * w),
                                                     gate_gradients=Optimizer.GATE_GRAPH)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        np.testing.assert_allclose(sess.run(w), [0.8, 0.8])


def test_update_ops_warning():
    w = tf.get_variable("w", [], initializer=tf.constant_initializer(1.0))
    counter = tf.get_variable("counter", [], initializer=tf.zeros_initializer(), trainable=False)
    tf.add_to_collection(tf.GraphKeys.UPDATE_OPS, tf.assign_add(counter, 1.0))
    with pytest.warns(UserWarning, match="UPDATE_OPS"):
        opts.GradientDescentOptimizer(0.1).minimize(w * w)
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        loss = w * 2.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        opts.GradientDescentOptimizer(0.1).minimize(loss)


def test_user_subclass_with_slots():
    class SignSGD(Optimizer):
        def __init__(self, lr):
            super().__init__(False, "SignSGD")
            self._lr = lr

        def _create_slots(self, var_list):
            for v in var_list:
                self._zeros_slot(v, "steps", self._name)

        def _apply_dense(self, grad, var):
            steps = self.get_slot(var, "steps")
            return tf.group(tf.assign_sub(var, self._lr * tf.sign(grad)),
                            tf.assign_add(steps, tf.ones_like(steps)))

        _resource_apply_dense = _apply_dense

    w = tf.get_variable("w", initializer=np.array([1.0, -1.0], np.float32))
    opt = SignSGD(0.25)
    train = opt.minimize(tf.reduce_sum(w * w))
    assert opt.get_slot(w, "steps").name == "w/SignSGD:0"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        np.testing.assert_allclose(sess.run(w), [0.75, -0.75])
        np.testing.assert_allclose(sess.run(opt.get_slot(w, "steps")), [1, 1])


def test_training_op_shape_and_dtype_checks():
    from varflow.train import training_ops

    w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
    with pytest.raises(ValueError, match="same shape"):
        training_ops.apply_gradient_descent(w, 0.1, tf.constant([1.0, 2.0, 3.0]))
    with pytest.raises(TypeError):
        training_ops.apply_gradient_descent(w, 0.1, tf.constant([1.0, 2.0], tf.float64))
    with pytest.raises(TypeError, match="resource"):
        training_ops.resource_apply_gradient_descent(w, 0.1, tf.constant([1.0, 2.0]))
    out = training_ops.apply_gradient_descent(w, 0.5, tf.constant([1.0, 2.0]))
    assert out.dtype == tf.float32._as_ref and out.op.type == "ApplyGradientDescent"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(out), [0.5, 0.0])
