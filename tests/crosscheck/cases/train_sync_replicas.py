"""SyncReplicasOptimizer in graph construction: slot delegation (get_slot/get_slot_names), the ops and
variables apply_gradients creates (local step), errors when global_step is
missing or apply_gradients is empty, chief/init ops, make_session_run_hook type."""


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    gs = tf.train.get_or_create_global_step()
    w = tf.Variable([1.0, 2.0], name="w")
    b = tf.Variable(0.5, name="b")
    loss = tf.reduce_sum(w * w) + b
    base = tf.train.MomentumOptimizer(0.1, 0.9)
    sync = tf.train.SyncReplicasOptimizer(base, replicas_to_aggregate=2, total_num_replicas=2)
    obs["name"] = sync.get_name()
    gv = sync.compute_gradients(loss)
    obs["gv"] = [v.name for _, v in gv]
    obs["no_gs"] = _err(lambda: sync.apply_gradients(gv))
    obs["empty"] = _err(lambda: sync.apply_gradients([], global_step=gs))
    train = sync.apply_gradients(gv, global_step=gs)
    obs["train_type"] = [isinstance(train, tf.Tensor), train.name, train.op.type]
    obs["slot_names"] = sync.get_slot_names()
    obs["slot"] = sync.get_slot(w, "momentum").name
    obs["globals"] = [v.name for v in tf.global_variables()]
    obs["locals"] = [v.name for v in tf.local_variables()]
    obs["chief_queue_runner"] = sync.get_chief_queue_runner() is not None
    obs["init_tokens"] = isinstance(sync.get_init_tokens_op(), tf.Operation)
    obs["twice"] = _err(lambda: sync.apply_gradients(gv, global_step=gs))
    obs["hook"] = type(sync.make_session_run_hook(True)).__name__
    return obs
