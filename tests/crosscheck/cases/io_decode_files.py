"""tf.read_file / write_file / matching_files, tf.decode_raw (endianness), tf.decode_csv (defaults,
quotes, select_cols, errors), tf.io.serialize_tensor / parse_tensor: names, shapes, values."""
import numpy as np


def case(tf):
    with open("raw.bin", "wb") as f:
        f.write(np.arange(6, dtype="<i2").tobytes() + b"\x01\x00\x00\x80")
    contents = tf.read_file("raw.bin")
    written = tf.write_file("out/copy.bin", contents)
    files = tf.matching_files("*.bin")
    shorts = tf.decode_raw(contents, tf.int16)
    big = tf.decode_raw(tf.constant(["abcd", "efgh"]), tf.int16, little_endian=False)
    floats = tf.decode_raw(tf.constant([np.array([1.5, -2.0], "<f4").tobytes()], dtype=tf.string)[0:1],
                           tf.float32)
    csv = tf.decode_csv(tf.constant(["1,2.5,x,7", '3,,"q,r",8']), record_defaults=[[0], [1.0], ["d"], [0]],
                        select_cols=None)
    picked = tf.decode_csv(tf.constant(["1;2;3"]), record_defaults=[[0], [tf.constant(0, tf.int64)]],
                           field_delim=";", select_cols=[0, 2])
    na = tf.decode_csv(tf.constant(["NA,5"]), record_defaults=[[-1.0], [0]], na_value="NA")
    serialized = tf.io.serialize_tensor(tf.constant([[1, 2], [3, 4]], tf.int64))
    strings = tf.io.serialize_tensor(tf.constant([b"ab", b"c"]))
    back = tf.io.parse_tensor(serialized, tf.int64)
    wrong = tf.io.parse_tensor(serialized, tf.float32)
    bad_csv = [tf.decode_csv(tf.constant(["1,2"]), record_defaults=[[0], [0], [0]]),
               tf.decode_csv(tf.constant(["1,x"]), record_defaults=[[0], [0]]),
               tf.decode_csv(tf.constant(["1,"]), record_defaults=[[0], tf.constant([], tf.int32)])]
    odd = tf.decode_raw(tf.constant(["abc"]), tf.int16)
    tensors = [contents, files, shorts, big, floats, serialized, back] + csv + picked + na
    obs = {"names": [t.name for t in tensors], "shapes": [str(t.shape) for t in tensors],
           "dtypes": [t.dtype.name for t in tensors], "write_type": written.type}
    with tf.Session() as sess:
        obs["contents"] = sess.run(contents).hex()
        obs["written"] = sess.run(written)
        obs["files"] = sorted(sess.run(files).tolist())
        obs["files_after"] = sorted(sess.run(tf.matching_files(["*.bin", "out/*"])).tolist())
        obs["shorts"] = sess.run(shorts)
        obs["big"] = sess.run(big)
        obs["floats"] = sess.run(floats)
        obs["csv"] = sess.run(csv)
        obs["picked"] = sess.run(picked)
        obs["na"] = sess.run(na)
        obs["serialized"] = sess.run(serialized).hex()
        obs["strings"] = sess.run(strings).hex()
        obs["back"] = sess.run(back)
        errors = []
        for t in bad_csv + [odd, wrong, tf.read_file("missing.bin")]:
            try:
                sess.run(t)
                errors.append("no error")
            except Exception as e:
                errors.append(type(e).__name__)
        obs["errors"] = errors
    with open("out/copy.bin", "rb") as f:
        obs["copy"] = f.read().hex()
    return obs
