"""tf.lookup.StaticHashTable / StaticVocabularyTable / KeyValueTensorInitializer / TextFileInitializer
and tf.tables_initializer: op types and names, collections, shapes, dtypes, values, errors."""


def case(tf):
    obs = {}

    def err(label, fn):
        try:
            fn()
            obs[label] = "no error"
        except Exception as e:
            obs[label] = type(e).__name__

    with open("vocab.txt", "w") as f:
        f.write("apple\nbanana\ncherry\n")
    with open("cols.txt", "w") as f:
        f.write("apple\t10\t0.5\nbanana\t20\t1.5\ncherry\t30\t2.5")
    kv = tf.lookup.KeyValueTensorInitializer(["a", "b", "c"], [1, 2, 3])
    table = tf.lookup.StaticHashTable(kv, -1)
    keys = tf.placeholder(tf.string, [None, 2])
    found = table.lookup(keys)
    scalar = table[tf.constant("b")]
    size = table.size()
    exported = table.export()
    sparse = table.lookup(tf.SparseTensor([[0, 0], [1, 1]], ["c", "q"], [2, 2]))
    named = tf.lookup.StaticHashTable(
        tf.lookup.KeyValueTensorInitializer(tf.constant([3, 4], tf.int64), [0.5, 1.5], name="kvi"),
        0.0, name="floats")
    named_found = named.lookup(tf.constant([4, 9], tf.int64), name="look")
    text = tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer("vocab.txt", tf.string, tf.lookup.TextFileIndex.WHOLE_LINE,
                                      tf.int64, tf.lookup.TextFileIndex.LINE_NUMBER), -1)
    text_found = text.lookup(tf.constant(["banana", "kiwi", "apple"]))
    cols = tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer("cols.txt", tf.int64, 1, tf.float32, 2), -1.0)
    cols_found = cols.lookup(tf.constant([20, 99, 30], tf.int64))
    rev = tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer("cols.txt", tf.int64, tf.lookup.TextFileIndex.LINE_NUMBER,
                                      tf.string, 0, vocab_size=2), "UNK")
    rev_found = rev.lookup(tf.constant([0, 1, 2], tf.int64))
    offset = tf.lookup.StaticHashTable(
        tf.lookup.TextFileInitializer("vocab.txt", tf.string, -2, tf.int64, -1,
                                      value_index_offset=3), -1)
    offset_found = offset.lookup(tf.constant(["apple", "cherry"]))
    vocab = tf.lookup.StaticVocabularyTable(
        tf.lookup.KeyValueTensorInitializer(["a", "b"], tf.constant([0, 1], tf.int64)), 3)
    vocab_found = vocab.lookup(tf.constant([["a", "zz"], ["b", "q"]]))
    vocab_size = vocab.size()
    ivocab = tf.lookup.StaticVocabularyTable(
        tf.lookup.KeyValueTensorInitializer(tf.constant([5, 7], tf.int64),
                                            tf.constant([0, 1], tf.int64)),
        4, lookup_key_dtype=tf.int32, name="ids")
    ivocab_found = ivocab.lookup(tf.constant([5, 6, 7, 8, 100]))
    buckets_only = tf.lookup.StaticVocabularyTable(None, 5)
    buckets_found = buckets_only.lookup(tf.constant(["x", "y", "hello"]))
    init = tf.tables_initializer()
    tensors = [found, scalar, size, exported[0], exported[1], sparse.values, named_found,
               text_found, cols_found, rev_found, offset_found, vocab_found, vocab_size,
               ivocab_found, buckets_found, buckets_only.size()]
    obs["names"] = [t.name for t in tensors]
    obs["shapes"] = [str(t.shape) for t in tensors]
    obs["dtypes"] = [t.dtype.name for t in tensors]
    obs["ops"] = [(op.name, op.type) for op in tf.get_default_graph().get_operations()
                  if op.type not in ("Const",)]
    obs["table_names"] = [table.name, named.name, text.name, vocab.name, ivocab.name,
                          buckets_only.name, table.resource_handle.name]
    obs["table_dtypes"] = [(t.key_dtype.name, t.value_dtype.name)
                           for t in (table, named, cols, vocab, ivocab, buckets_only)]
    obs["initializers"] = [op.name for op in tf.get_collection(tf.GraphKeys.TABLE_INITIALIZERS)]
    obs["assets"] = [t.name for t in tf.get_collection(tf.GraphKeys.ASSET_FILEPATHS)]
    obs["init"] = (init.name, init.type, sorted(c.name for c in init.control_inputs))
    obs["table_init"] = [table.initializer.name, vocab.initializer.name]
    with tf.Session() as sess:
        err("lookup_before_init", lambda: sess.run(found, {keys: [["a", "b"]]}))
        obs["size_before_init"] = sess.run(size)
        err("export_before_init", lambda: sess.run(exported))
        sess.run(init)
        obs["found"] = sess.run(found, {keys: [["a", "z"], ["c", "b"]]})
        obs["scalar"] = sess.run(scalar)
        obs["size"] = sess.run(size)
        k, v = sess.run(exported)
        obs["exported"] = sorted(zip(k.tolist(), v.tolist()))
        sp = sess.run(sparse)
        obs["sparse"] = [sp.indices, sp.values, sp.dense_shape]
        obs["values"] = sess.run([named_found, text_found, cols_found, rev_found, offset_found,
                                  vocab_found, vocab_size, ivocab_found, buckets_found,
                                  buckets_only.size(), text.size(), rev.size()])
        err("reinit_same", lambda: sess.run(init))
        with tf.Session() as other:
            err("other_session_uninitialized", lambda: other.run(scalar))
    g = tf.Graph()
    with g.as_default():
        empty = tf.tables_initializer()
        obs["empty_init"] = (empty.name, empty.type, tf.initialize_all_tables(name="again").name)
        base = tf.lookup.KeyValueTensorInitializer(["a", "b"], [1, 2])
        t = tf.lookup.StaticHashTable(base, -1)
        err("keys_int32", lambda: t.lookup(tf.constant([1, 2])))
        err("keys_int64", lambda: t.lookup(tf.constant([1], tf.int64)))
        err("default_float", lambda: tf.lookup.StaticHashTable(base, -1.5))
        err("default_str", lambda: tf.lookup.StaticHashTable(base, "x"))
        err("default_vector", lambda: tf.lookup.StaticHashTable(base, [1, 2]))
        err("keys_values_length", lambda: tf.lookup.StaticHashTable(
            tf.lookup.KeyValueTensorInitializer(["a", "b", "c"], [1, 2]), -1))
        err("keys_rank2", lambda: tf.lookup.StaticHashTable(
            tf.lookup.KeyValueTensorInitializer([["a", "b"]], [[1, 2]]), -1))
        err("kv_dtype_given", lambda: tf.lookup.KeyValueTensorInitializer(["a"], [1],
                                                                          key_dtype=tf.int64))
        err("oov_zero", lambda: tf.lookup.StaticVocabularyTable(
            tf.lookup.KeyValueTensorInitializer(["a"], tf.constant([0], tf.int64)), 0))
        err("vocab_int32_values", lambda: tf.lookup.StaticVocabularyTable(base, 2))
        err("vocab_int32_keys", lambda: tf.lookup.StaticVocabularyTable(
            tf.lookup.KeyValueTensorInitializer([1], tf.constant([0], tf.int64)), 2))
        err("text_line_number_key_string", lambda: tf.lookup.TextFileInitializer(
            "vocab.txt", tf.string, -1, tf.int64, -1))
        err("text_index_minus3", lambda: tf.lookup.TextFileInitializer(
            "vocab.txt", tf.string, -3, tf.int64, -1))
        err("text_empty_name", lambda: tf.lookup.TextFileInitializer("", tf.string, -2,
                                                                     tf.int64, -1))
        err("text_vocab_zero", lambda: tf.lookup.TextFileInitializer(
            "vocab.txt", tf.string, -2, tf.int64, -1, vocab_size=0))
        dup = tf.lookup.StaticHashTable(tf.lookup.KeyValueTensorInitializer(["a", "a"], [1, 2]), -1)
        dup_same = tf.lookup.StaticHashTable(
            tf.lookup.KeyValueTensorInitializer(["a", "a"], [1, 1]), -1)
        ph = tf.placeholder(tf.int32, [None])
        fed = tf.lookup.StaticHashTable(tf.lookup.KeyValueTensorInitializer(["a", "b"], ph), -1)
        with tf.Session() as sess:
            err("dup_keys", lambda: sess.run(dup.initializer))
            err("dup_same_value", lambda: sess.run(dup_same.initializer))
            obs["dup_same_size"] = sess.run(dup_same.size())
            err("dup_same_reinit", lambda: sess.run(dup_same.initializer))
            err("fed_bad_length", lambda: sess.run(fed.initializer, {ph: [1, 2, 3]}))
            sess.run(fed.initializer, {ph: [1, 2]})
            err("fed_reinit_other_values", lambda: sess.run(fed.initializer, {ph: [5, 6]}))
            obs["fed_kept_first"] = sess.run(fed.lookup(tf.constant(["a", "b"])))
    return obs
