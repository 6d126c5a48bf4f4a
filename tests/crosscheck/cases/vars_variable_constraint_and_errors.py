"""tf.Variable constraint=, no initial value, tensor conversion of a
variable to other dtypes, and variables in arithmetic."""


def case(tf):
    obs = {}
    v = tf.Variable([1.0, -2.0], name="v", constraint=lambda x: tf.clip_by_value(x, 0.0, 1.0))
    obs["constraint_callable"] = callable(v.constraint)
    obs["no_constraint"] = tf.Variable(1.0, name="n").constraint is None
    try:
        tf.Variable(1.0, constraint=3)
        obs["bad_constraint"] = "ok"
    except Exception as e:
        obs["bad_constraint"] = type(e).__name__
    try:
        tf.Variable()
        obs["no_init"] = "ok"
    except Exception as e:
        obs["no_init"] = type(e).__name__
    try:
        tf.convert_to_tensor(v, dtype=tf.int32)
        obs["conv_int"] = "ok"
    except Exception as e:
        obs["conv_int"] = type(e).__name__
    t = tf.convert_to_tensor(v)
    obs["conv"] = [t.name, t.dtype.name]
    s = v + 1.0
    obs["add"] = [s.name, s.op.type, [i.name for i in s.op.inputs]]
    m = v * v
    obs["mul_inputs"] = [i.name for i in m.op.inputs]
    idx = v[0]
    obs["getitem"] = [idx.name, idx.op.type, idx.shape.as_list()]
    neg = -v
    obs["neg"] = [neg.name, neg.op.type]
    try:
        bool(v)
        obs["bool"] = "ok"
    except Exception as e:
        obs["bool"] = type(e).__name__
    try:
        iter(v)
        obs["iter"] = "ok"
    except Exception as e:
        obs["iter"] = type(e).__name__
    return obs
