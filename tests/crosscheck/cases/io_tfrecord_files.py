"""TFRecord files through TF1's python_io: writer (plain, ZLIB, GZIP), iterator, options, serialized
Example bytes and text, corruption errors, and TFRecordDataset reading the same files."""


def _example(tf, i):
    return tf.train.Example(features=tf.train.Features(feature={
        "x": tf.train.Feature(float_list=tf.train.FloatList(value=[i * 0.5, -1.25]))}))


def case(tf):
    obs = {}
    kinds = {"plain": None, "zlib": tf.python_io.TFRecordOptions(tf.python_io.TFRecordCompressionType.ZLIB),
             "gzip": tf.python_io.TFRecordOptions("GZIP")}
    for key, options in kinds.items():
        path = "data_%s.tfr" % key
        with tf.python_io.TFRecordWriter(path, options=options) as writer:
            for i in range(3):
                writer.write(_example(tf, i).SerializeToString())
            writer.write(b"")
            writer.flush()
        with open(path, "rb") as f:
            obs["file_" + key] = f.read().hex()
        obs["records_" + key] = [r.hex() for r in tf.python_io.tf_record_iterator(path, options=options)]
    obs["compression_strings"] = [tf.python_io.TFRecordOptions.get_compression_type_string(o)
                                  for o in kinds.values()]
    obs["text"] = str(_example(tf, 1))
    parsed = tf.train.Example.FromString(bytes.fromhex(obs["records_plain"][2]))
    obs["parsed_values"] = list(parsed.features.feature["x"].float_list.value)
    obs["kind"] = parsed.features.feature["x"].WhichOneof("kind")
    obs["has_features"] = [parsed.HasField("features"), tf.train.Example().HasField("features")]

    with open("data_plain.tfr", "rb") as f:
        data = bytearray(f.read())
    data[20] ^= 0xFF
    with open("corrupt.tfr", "wb") as f:
        f.write(bytes(data))
    try:
        list(tf.python_io.tf_record_iterator("corrupt.tfr"))
        obs["corrupt"] = "no error"
    except Exception as e:
        obs["corrupt"] = type(e).__name__
    try:
        tf.python_io.TFRecordOptions("LZ4")
        obs["bad_option"] = "no error"
    except Exception as e:
        obs["bad_option"] = type(e).__name__

    ds = tf.data.TFRecordDataset(["data_plain.tfr", "data_gzip.tfr"][1:], compression_type="GZIP").batch(3)
    nxt = ds.make_one_shot_iterator().get_next()
    bad = tf.data.TFRecordDataset("corrupt.tfr").make_one_shot_iterator().get_next()
    obs["dataset"] = [str(nxt.shape), nxt.dtype.name]
    with tf.Session() as sess:
        obs["batch0"] = [r.hex() for r in sess.run(nxt)]
        obs["batch1"] = [r.hex() for r in sess.run(nxt)]
        try:
            sess.run(nxt)
        except tf.errors.OutOfRangeError:
            obs["end"] = "OutOfRangeError"
        try:
            sess.run(bad)
            obs["corrupt_dataset"] = "no error"
        except Exception as e:
            obs["corrupt_dataset"] = type(e).__name__
    return obs
