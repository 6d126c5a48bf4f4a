"""as_saver_def() fields for several Saver configurations, and how the save/restore op names follow the
name scope and variable scope the Saver is built in (a second Saver gets `save_1/`)."""


def _fields(saver):
    d = saver.as_saver_def()
    return [d.filename_tensor_name, d.save_tensor_name, d.restore_op_name, d.max_to_keep, d.sharded,
            d.keep_checkpoint_every_n_hours, d.version]


def case(tf):
    obs = {}
    a = tf.Variable([1.0, 2.0], name="a")
    obs["default"] = _fields(tf.train.Saver())
    obs["second"] = _fields(tf.train.Saver([a]))
    obs["named"] = _fields(tf.train.Saver(name="mysaver"))
    obs["named_again"] = _fields(tf.train.Saver(name="mysaver"))
    obs["keep0"] = _fields(tf.train.Saver(max_to_keep=0))
    obs["keep_none"] = _fields(tf.train.Saver(max_to_keep=None))
    obs["hours_int"] = _fields(tf.train.Saver(keep_checkpoint_every_n_hours=2))
    obs["hours_float"] = _fields(tf.train.Saver(keep_checkpoint_every_n_hours=0.5))
    obs["sharded"] = _fields(tf.train.Saver(sharded=True))
    with tf.name_scope("outer"):
        obs["in_name_scope"] = _fields(tf.train.Saver([a]))
    with tf.variable_scope("vs"):
        obs["in_variable_scope"] = _fields(tf.train.Saver([a]))
    obs["types"] = [type(x).__name__ for x in _fields(tf.train.Saver())]
    obs["saver_def_attr_same"] = tf.train.Saver().saver_def.restore_op_name
    return obs
