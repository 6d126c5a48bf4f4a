"""tf.lookup.experimental.MutableHashTable / DenseHashTable (insert, remove, export, lookup, size),
text-file initializer errors, per-session table contents and a table used in a tf.data map."""


def case(tf):
    obs = {}

    def err(label, fn):
        try:
            fn()
            obs[label] = "no error"
        except Exception as e:
            obs[label] = type(e).__name__

    def exported(pair):
        keys, values = pair
        return sorted(zip(keys.reshape(len(keys), -1).tolist(), values.tolist()))

    m = tf.lookup.experimental.MutableHashTable(tf.string, tf.int64, -1)
    ins = m.insert(["a", "b", "c"], [1, 2, 3])
    found = m.lookup(["a", "z"])
    size = m.size()
    rm = m.remove(tf.constant(["b"]))
    ex = m.export()
    overwrite = m.insert(["a"], [9])
    found2 = m.lookup(tf.constant([["a", "c"]]))
    dyn = m.lookup(["a", "q"], dynamic_default_values=tf.constant([7, 8], tf.int64))
    bad_len = m.insert(["a", "b"], [9])
    vec = tf.lookup.experimental.MutableHashTable(tf.int64, tf.float32, [0.0, 0.0], name="vec")
    vec_ins = vec.insert(tf.constant([1, 2], tf.int64), [[1.0, 2.0], [3.0, 4.0]])
    vec_found = vec.lookup(tf.constant([2, 5], tf.int64))
    vec_ex = vec.export()
    vec_bad = vec.insert(tf.constant([1], tf.int64), [[1.0, 2.0, 3.0]])
    dense = tf.lookup.experimental.DenseHashTable(tf.int64, tf.int64, -1, empty_key=0,
                                                  deleted_key=-1)
    dense_ins = dense.insert(tf.constant([1, 2, 3], tf.int64), tf.constant([10, 20, 30], tf.int64))
    dense_found = dense.lookup(tf.constant([[1], [5]], tf.int64))
    dense_rm = dense.remove(tf.constant([2], tf.int64))
    tensors = [found, size, ex[0], ex[1], found2, dyn, vec_found, vec_ex[1], dense_found,
               dense.size()]
    obs["names"] = [t.name for t in tensors]
    obs["shapes"] = [str(t.shape) for t in tensors]
    obs["dtypes"] = [t.dtype.name for t in tensors]
    obs["ops"] = [(op.name, op.type, [t.name for t in op.inputs])
                  for op in tf.get_default_graph().get_operations() if op.type != "Const"]
    obs["table_names"] = [m.name, vec.name, dense.name, m.resource_handle.name]
    obs["update_ops"] = [ins.name, ins.type, rm.name, rm.type]
    obs["no_initializers"] = len(tf.get_collection(tf.GraphKeys.TABLE_INITIALIZERS))
    err("insert_wrong_key_dtype", lambda: m.insert([1], [9]))
    err("remove_wrong_key_dtype", lambda: m.remove(tf.constant([1])))
    err("lookup_wrong_key_dtype", lambda: m.lookup(tf.constant([1])))
    err("dense_erase_dtype", lambda: dense.erase(tf.constant([1])))
    with tf.Session() as sess:
        obs["empty"] = sess.run([size, found])
        sess.run(ins)
        obs["after_insert"] = sess.run([found, size])
        sess.run(rm)
        obs["after_remove"] = exported(sess.run(ex))
        sess.run(overwrite)
        obs["overwritten"] = sess.run([found2, dyn])
        err("insert_bad_length", lambda: sess.run(bad_len))
        sess.run(vec_ins)
        obs["vec"] = [sess.run(vec_found), exported(sess.run(vec_ex)), sess.run(vec.size())]
        err("vec_bad_shape", lambda: sess.run(vec_bad))
        sess.run(dense_ins)
        sess.run(dense_rm)
        obs["dense"] = [sess.run(dense_found), sess.run(dense.size())]
        err("dense_insert_empty_key", lambda: sess.run(dense.insert(
            tf.constant([0], tf.int64), tf.constant([1], tf.int64))))
        err("dense_insert_deleted_key", lambda: sess.run(dense.insert(
            tf.constant([-1], tf.int64), tf.constant([1], tf.int64))))
        err("dense_lookup_empty_key", lambda: sess.run(dense.lookup(tf.constant([0], tf.int64))))
        with tf.Session() as other:
            obs["other_session"] = other.run([size, found])

    files = {"dup.txt": "a\nb\na\n", "blank.txt": "a\n\nb\n", "nonl.txt": "a\nb",
             "bad.txt": "a 1\nb x\n", "crlf.txt": "x\r\ny\r\n"}
    for fname, text in files.items():
        with open(fname, "w", newline="") as f:
            f.write(text)
    WHOLE, LINE = tf.lookup.TextFileIndex.WHOLE_LINE, tf.lookup.TextFileIndex.LINE_NUMBER

    def from_file(label, fname, key_dtype, key_index, value_dtype, value_index, keys, default,
                  **kw):
        g = tf.Graph()
        with g.as_default():
            table = tf.lookup.StaticHashTable(tf.lookup.TextFileInitializer(
                fname, key_dtype, key_index, value_dtype, value_index, **kw), default)
            looked = table.lookup(tf.constant(keys, dtype=key_dtype))
            with tf.Session() as sess:
                try:
                    sess.run(tf.tables_initializer())
                    obs[label] = sess.run([looked, table.size()])
                except Exception as e:
                    obs[label] = type(e).__name__

    from_file("file_missing", "nope.txt", tf.string, WHOLE, tf.int64, LINE, ["a"], -1)
    from_file("file_dup", "dup.txt", tf.string, WHOLE, tf.int64, LINE, ["a"], -1)
    from_file("file_blank", "blank.txt", tf.string, WHOLE, tf.int64, LINE, ["a"], -1)
    from_file("file_nonl", "nonl.txt", tf.string, WHOLE, tf.int64, LINE, ["a", "b", "c"], -1)
    from_file("file_crlf", "crlf.txt", tf.string, WHOLE, tf.int64, LINE, ["x", "y"], -1)
    from_file("file_bad_int", "bad.txt", tf.string, 0, tf.int64, 1, ["a"], -1, delimiter=" ")
    from_file("file_few_columns", "bad.txt", tf.string, 0, tf.int64, 3, ["a"], -1, delimiter=" ")
    from_file("file_vocab_too_big", "nonl.txt", tf.string, WHOLE, tf.int64, LINE, ["a"], -1,
              vocab_size=5)
    from_file("file_vocab_small", "nonl.txt", tf.string, WHOLE, tf.int64, LINE, ["a", "b"], -1,
              vocab_size=1)
    from_file("file_int32_column", "bad.txt", tf.string, 0, tf.int32, 1, ["a", "b"], -1,
              delimiter=" ", vocab_size=1)
    from_file("file_line_keys", "nonl.txt", tf.int64, LINE, tf.string, WHOLE, [1, 0, 7], "?")

    g = tf.Graph()
    with g.as_default():
        table = tf.lookup.StaticHashTable(
            tf.lookup.KeyValueTensorInitializer(["a", "b"], tf.constant([1, 2], tf.int64)), 0)
        ds = tf.data.Dataset.from_tensor_slices(["b", "a", "c"]).map(table.lookup)
        nxt = tf.data.make_initializable_iterator(ds)
        element = nxt.get_next()
        with tf.Session() as sess:
            sess.run([tf.tables_initializer(), nxt.initializer])
            obs["dataset_map"] = [sess.run(element) for _ in range(3)]
            obs["dataset_element"] = (str(element.shape), element.dtype.name)
    return obs
