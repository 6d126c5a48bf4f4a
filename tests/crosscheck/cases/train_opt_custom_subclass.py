"""A user-written TF1 optimizer subclass (_create_slots/_prepare/_apply_dense/_resource_apply_dense/
_apply_sparse, _zeros_slot, _get_or_make_slot, _create_non_slot_variable), its names and values; and
Optimizer base errors (abstract methods, empty name)."""


def _make(tf):
    class SignSGD(tf.train.Optimizer):
        def __init__(self, lr, name="SignSGD"):
            super(SignSGD, self).__init__(False, name)
            self._lr = lr

        def _create_slots(self, var_list):
            first = min(var_list, key=lambda v: v.name)
            self._create_non_slot_variable(initial_value=1.0, name="counter", colocate_with=first)
            for v in var_list:
                self._zeros_slot(v, "last", self._name)

        def _prepare(self):
            self._lr_t = tf.convert_to_tensor(self._lr, name="lr")

        def _apply_dense(self, grad, var):
            last = self.get_slot(var, "last")
            up = tf.assign(last, tf.sign(grad))
            return tf.assign_sub(var, self._lr_t * up).op

        _resource_apply_dense = _apply_dense

        def _apply_sparse(self, grad, var):
            return tf.scatter_sub(var, grad.indices, self._lr_t * tf.sign(grad.values)).op

        def _finish(self, update_ops, name_scope):
            counter = self._get_non_slot_variable("counter", tf.get_default_graph())
            with tf.control_dependencies(update_ops):
                inc = tf.assign_add(counter, 1.0)
            return tf.group(*(update_ops + [inc]), name=name_scope)
    return SignSGD


def case(tf):
    obs = {}
    SignSGD = _make(tf)
    w = tf.Variable([1.0, -2.0, 0.5], name="w")
    r = tf.Variable([3.0, 1.0], name="r", use_resource=True)
    e = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="e")
    loss = (tf.reduce_sum(w * w) + tf.reduce_sum(r * tf.constant([1.0, -1.0])) +
            tf.reduce_sum(tf.gather(e, [1])))
    opt = SignSGD(0.1)
    train = opt.minimize(loss)
    obs["train"] = [train.name, train.type]
    obs["globals"] = [v.name for v in tf.global_variables()]
    obs["slot_names"] = opt.get_slot_names()
    obs["slots"] = [opt.get_slot(v, "last").name for v in (w, r, e)]
    obs["counter"] = opt._get_non_slot_variable("counter", tf.get_default_graph()).name
    obs["vars"] = [v.name for v in opt.variables()]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(2):
            sess.run(train)
        obs["vals"] = [sess.run(v).tolist() for v in (w, r, e)]
        obs["counter_val"] = float(sess.run(opt._get_non_slot_variable("counter",
                                                                       tf.get_default_graph())))
    base = tf.train.Optimizer(False, "Base")
    v = tf.Variable(1.0, name="v2")
    try:
        base.minimize(v * v, var_list=[v])
        obs["base_err"] = "ok"
    except Exception as ex:
        obs["base_err"] = type(ex).__name__
    return obs
