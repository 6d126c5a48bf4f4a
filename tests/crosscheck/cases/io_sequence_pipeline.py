"""An input pipeline as TF1 code writes it: TFRecordDataset -> map(parse_single_example) -> batch,
plus tf.parse_single_sequence_example on SequenceExample records (context and feature lists)."""


def case(tf):
    with tf.python_io.TFRecordWriter("train.tfr") as writer:
        for i in range(5):
            ex = tf.train.Example()
            ex.features.feature["image"].bytes_list.value.append(bytes([i, i + 1, i + 2, i + 3]))
            ex.features.feature["label"].int64_list.value.append(i % 2)
            ex.features.feature["tags"].int64_list.value.extend(range(i % 3))
            writer.write(ex.SerializeToString())

    def parse(record):
        feats = tf.parse_single_example(record, {"image": tf.FixedLenFeature([], tf.string),
                                                 "label": tf.FixedLenFeature([], tf.int64),
                                                 "tags": tf.VarLenFeature(tf.int64)})
        image = tf.cast(tf.decode_raw(feats["image"], tf.uint8), tf.float32)
        return image, feats["label"], tf.sparse_tensor_to_dense(feats["tags"])

    ds = tf.data.TFRecordDataset("train.tfr").map(parse).padded_batch(2, ([4], [], [None]))
    image, label, tags = ds.make_one_shot_iterator().get_next()
    obs = {"shapes": [str(image.shape), str(label.shape), str(tags.shape)]}

    se = tf.train.SequenceExample()
    se.context.feature["length"].int64_list.value.append(3)
    for t in range(3):
        se.feature_lists.feature_list["tokens"].feature.add().int64_list.value.extend([t, t * 10])
        se.feature_lists.feature_list["words"].feature.add().bytes_list.value.extend([b"w%d" % t] * t)
    record = tf.placeholder(tf.string, [])
    context, lists = tf.parse_single_sequence_example(
        record, context_features={"length": tf.FixedLenFeature([], tf.int64),
                                  "weight": tf.FixedLenFeature([], tf.float32, default_value=1.0)},
        sequence_features={"tokens": tf.FixedLenSequenceFeature([2], tf.int64),
                           "words": tf.VarLenFeature(tf.string),
                           "extra": tf.FixedLenSequenceFeature([], tf.float32, allow_missing=True)})
    obs["sequence_names"] = sorted([k, t.name if hasattr(t, "name") else t.values.name]
                                   for k, t in list(context.items()) + list(lists.items()))
    obs["sequence_shapes"] = {k: str(lists[k].shape) for k in ("tokens", "extra")}
    with tf.Session() as sess:
        batches = []
        for _ in range(3):
            batches.append([v.tolist() for v in sess.run([image, label, tags])])
        obs["batches"] = batches
        ctx, seq = sess.run((context, lists), {record: se.SerializeToString()})
        obs["context"] = {k: v.tolist() for k, v in ctx.items()}
        obs["tokens"] = seq["tokens"].tolist()
        obs["extra"] = seq["extra"].tolist()
        obs["words"] = [seq["words"].indices.tolist(), seq["words"].values.tolist(),
                        seq["words"].dense_shape.tolist()]
        try:
            sess.run(lists, {record: tf.train.SequenceExample().SerializeToString()})
            obs["missing_list"] = "no error"
        except Exception as e:
            obs["missing_list"] = type(e).__name__
    return obs
