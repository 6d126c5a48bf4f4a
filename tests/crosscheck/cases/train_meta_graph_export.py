"""export_meta_graph: which collections a MetaGraphDef holds and how (variables as VariableDef bytes, ops
and tensors by name, strings/ints/floats as lists, tf.cond's two contexts; objects, None, bools and mixed
lists skipped), the SaverDef Saver.export_meta_graph adds, export_scope's stripped names and unbound inputs,
clear_devices, strip_default_attrs, and the .meta files Saver.save writes (global step, suffix,
write_meta_graph=False, max_to_keep deleting old ones, an empty Saver)."""
import os


def _collections(mg):
    out = {}
    for key in sorted(mg.collection_def):
        col = mg.collection_def[key]
        kind = col.WhichOneof("kind")
        values = list(getattr(col, kind).value)
        if key == "cond_context":
            values = [len(values), [v.split(b"\x12")[0][2:] for v in values]]
        elif kind == "bytes_list":
            values = [v.hex() for v in values]
        out[key] = [kind, values]
    return out


def _nodes(mg):
    return [[n.name, list(n.input), n.device, sorted(k for k in n.attr if k != "_output_shapes")]
            for n in mg.graph_def.node]


def case(tf):
    obs = {}
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    with tf.variable_scope("net"):
        w = tf.get_variable("w", [2, 1])
        b = tf.Variable(tf.zeros([1]), name="b")
    y = tf.matmul(x, w) + b
    loss = tf.reduce_mean(tf.square(y))
    gs = tf.train.get_or_create_global_step()
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs)
    tf.add_to_collection("train_op", train)
    for key, value in [("mystr", "hello"), ("mystr", b"raw"), ("myint", 3), ("myfloat", 2.5),
                       ("myobj", object()), ("mixed", 1), ("mixed", "a"), ("bools", True),
                       ("nones", None), ("tensors", y), ("tensors", x), ("ops", train)]:
        tf.add_to_collection(key, value)
    tf.get_collection_ref("empty")
    tf.cond(x[0, 0] > 0, lambda: y * 2, lambda: y * 3)
    tf.summary.scalar("loss", loss)
    tf.Variable(1.0, name="lv", collections=[tf.GraphKeys.LOCAL_VARIABLES])
    tf.get_variable("r", [2], use_resource=True)
    tf.get_variable("emb", [4, 2], partitioner=tf.fixed_size_partitioner(2))
    mg = tf.train.export_meta_graph()
    obs["collections"] = _collections(mg)
    obs["has_saver_def"] = mg.HasField("saver_def")
    obs["meta_info"] = [mg.meta_info_def.meta_graph_version, list(mg.meta_info_def.tags),
                        mg.meta_info_def.tensorflow_version == tf.__version__,
                        mg.meta_info_def.stripped_default_attrs]
    ops = tf.get_default_graph().get_operations()
    obs["nodes"] = [len(mg.graph_def.node) == len(ops),
                    [n.name for n in mg.graph_def.node] == [op.name for op in ops],
                    all("_output_shapes" in n.attr for n in mg.graph_def.node)]
    saver = tf.train.Saver()
    obs["saver_def"] = str(saver.export_meta_graph().saver_def)
    obs["saver_def_is_saver_def"] = saver.export_meta_graph().saver_def == saver.as_saver_def()

    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 2], name="x")
        c = tf.constant(1.0, name="c")
        with tf.device("/cpu:0"), tf.variable_scope("net"):
            w = tf.get_variable("w", [2, 1])
            y = tf.matmul(x, w, name="y")
            tf.add(y, c, name="z")
        tf.get_variable("other", [1])
        tf.add_to_collection("outs", y)
        tf.add_to_collection("outs", x)
        tf.add_to_collection("strs", "net/hello")
        tf.add_to_collection("strs", "zzz")
        scoped = tf.train.export_meta_graph(export_scope="net")
        obs["scoped_nodes"] = _nodes(scoped)
        obs["scoped_classes"] = [[n.name, list(n.attr["_class"].list.s)] for n in scoped.graph_def.node
                                 if "_class" in n.attr]
        obs["scoped_collections"] = _collections(scoped)
        obs["unscoped_devices"] = sorted({n.device for n in tf.train.export_meta_graph().graph_def.node})
        obs["cleared_devices"] = sorted({n.device for n in
                                         tf.train.export_meta_graph(clear_devices=True).graph_def.node})
        obs["to_proto_outside"] = w.to_proto(export_scope="elsewhere") is None

    with tf.Graph().as_default():
        v = tf.Variable(1.0, name="v")
        stripped = tf.train.export_meta_graph(strip_default_attrs=True)
        obs["stripped"] = [stripped.meta_info_def.stripped_default_attrs, _nodes(stripped)]
        obs["not_stripped"] = _nodes(tf.train.export_meta_graph())
        saver = tf.train.Saver(max_to_keep=2)
        empty = tf.train.Saver([], allow_empty=True)
        with tf.Session() as sess:
            sess.run(v.initializer)
            for step in range(4):
                saver.save(sess, "m", global_step=step)
            obs["after_max_to_keep"] = sorted(os.listdir("."))
            saver.save(sess, "nometa", write_meta_graph=False)
            saver.save(sess, "suffix", meta_graph_suffix="mg", write_state=False)
            obs["empty_save"] = empty.save(sess, "empty")
            obs["files"] = sorted(os.listdir("."))
            loaded = tf.MetaGraphDef()
            with open("m-3.meta", "rb") as f:
                loaded.ParseFromString(f.read())
            obs["file_saver_def"] = str(loaded.saver_def)
            obs["file_keys"] = sorted(loaded.collection_def)
            obs["written_is_export"] = loaded.graph_def == saver.export_meta_graph().graph_def
    return obs
