"""tf.data: sources, transformations, iterators; orders and shapes observed in TF 2.21 (compat.v1)."""
import numpy as np
import pytest

import varflow as tf

D = tf.data.Dataset


def drain(ds, limit=1000):
    el = tf.data.make_one_shot_iterator(ds).get_next()
    out = []
    with tf.Session() as sess:
        for _ in range(limit):
            try:
                out.append(sess.run(el))
            except tf.errors.OutOfRangeError:
                break
    return out


def test_from_tensor_slices_tuple_map_batch():
    ds = D.from_tensor_slices((np.arange(5, dtype=np.float32), np.arange(5))) \
        .map(lambda x, y: (x * 2, y + 1)).batch(2)
    assert ds.output_types == (tf.float32, tf.int64)
    assert [s.as_list() for s in ds.output_shapes] == [[None], [None]]
    got = drain(ds)
    assert [b[0].tolist() for b in got] == [[0, 2], [4, 6], [8]]
    assert [b[1].tolist() for b in got] == [[1, 2], [3, 4], [5]]
    assert got[0][0].dtype == np.float32 and got[0][1].dtype == np.int64


def test_dict_elements_and_drop_remainder():
    ds = D.from_tensor_slices({"a": tf.zeros([5, 3]), "b": tf.ones([5], tf.int32)})
    ds = ds.map(lambda d: {"a": d["a"] + 1.0, "b": d["b"] * 3}).batch(2, drop_remainder=True)
    assert ds.output_shapes["a"].as_list() == [2, 3]
    got = drain(ds)
    assert len(got) == 2 and got[0]["b"].tolist() == [3, 3]
    np.testing.assert_array_equal(got[1]["a"], np.ones([2, 3], np.float32))


def test_get_next_raises_out_of_range_and_keeps_raising():
    el = D.range(2).make_one_shot_iterator().get_next()
    assert el.op.type == "IteratorGetNext" and el.dtype == tf.int64 and el.shape.as_list() == []
    with tf.Session() as sess:
        assert [sess.run(el), sess.run(el)] == [0, 1]
        for _ in range(2):
            with pytest.raises(tf.errors.OutOfRangeError, match="End of sequence"):
                sess.run(el)


def test_one_shot_iterator_state_is_per_session():
    el = tf.compat.v1.data.make_one_shot_iterator(D.range(3)).get_next()
    with tf.Session() as s1, tf.Session() as s2:
        assert s1.run(el) == 0 and s1.run(el) == 1
        assert s2.run(el) == 0


def test_initializable_iterator_with_fed_placeholders():
    x = tf.placeholder(tf.float32, [None, 2])
    it = D.from_tensor_slices(x).batch(2).make_initializable_iterator()
    el = it.get_next()
    assert it.initializer.type == "MakeIterator"
    assert el.shape.as_list() == [None, 2]
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError, match="not been initialized"):
            sess.run(el)
        sess.run(it.initializer, {x: np.ones([3, 2])})
        assert sess.run(el).shape == (2, 2)
        sess.run(it.initializer, {x: np.zeros([1, 2])})   # re-initialising restarts
        assert sess.run(el).tolist() == [[0.0, 0.0]]
        with pytest.raises(tf.errors.OutOfRangeError):
            sess.run(el)


def test_batch_size_placeholder():
    bs = tf.placeholder(tf.int64, [])
    it = tf.data.make_initializable_iterator(D.range(7).batch(bs))
    el = it.get_next()
    with tf.Session() as sess:
        sess.run(it.initializer, {bs: 3})
        assert sess.run(el).tolist() == [0, 1, 2]


def test_reinitializable_iterator_from_structure():
    it = tf.data.Iterator.from_structure(tf.int64, tf.TensorShape([]))
    el = it.get_next()
    train, val = it.make_initializer(D.range(3)), it.make_initializer(D.range(10, 12))
    with tf.Session() as sess:
        sess.run(train)
        assert [sess.run(el), sess.run(el)] == [0, 1]
        sess.run(val)
        assert [sess.run(el), sess.run(el)] == [10, 11]
        with pytest.raises(tf.errors.OutOfRangeError):
            sess.run(el)
    with pytest.raises(TypeError):
        it.make_initializer(D.range(3).map(lambda v: tf.cast(v, tf.float32)))


def test_shuffle_is_a_permutation_seeded_and_reshuffles_each_epoch():
    tf.set_random_seed(3)
    got = [int(v) for v in drain(D.range(20).shuffle(5, seed=7).repeat(2))]
    assert sorted(got[:20]) == list(range(20)) and sorted(got[20:]) == list(range(20))
    assert got[:20] != list(range(20)) and got[:20] != got[20:]
    # each element leaves the buffer no earlier than buffer_size - 1 positions before its index
    assert all(pos >= v - 4 for pos, v in enumerate(got[:20]))
    tf.reset_default_graph()
    tf.set_random_seed(3)
    assert [int(v) for v in drain(D.range(20).shuffle(5, seed=7).repeat(2))] == got
    assert [int(v) for v in drain(D.range(5).shuffle(1))] == [0, 1, 2, 3, 4]


def test_repeat_take_skip_concatenate_zip_filter():
    assert drain(D.range(3).repeat(2)) == [0, 1, 2, 0, 1, 2]
    assert len(drain(D.range(3).repeat().take(10))) == 10
    # observed in TF 2.21
    assert drain(D.range(10).skip(7).concatenate(D.range(2)).take(4)) == [7, 8, 9, 0]
    assert drain(D.range(10).filter(lambda x: tf.equal(x % 3, 0))) == [0, 3, 6, 9]
    z = D.zip((D.range(3), D.range(5).map(lambda x: (x, x * 2))))
    assert z.output_types == (tf.int64, (tf.int64, tf.int64))
    assert drain(z) == [(0, (0, 0)), (1, (1, 2)), (2, (2, 4))]
    assert drain(D.range(3).enumerate(5)) == [(5, 0), (6, 1), (7, 2)]
    assert drain(D.range(4).batch(3).unbatch()) == [0, 1, 2, 3]
    assert drain(D.range(3).prefetch(1).cache()) == [0, 1, 2]


def test_flat_map_interleave_order_observed_in_tf():
    assert drain(D.range(1, 4).flat_map(lambda x: D.range(x))) == [0, 0, 1, 0, 1, 2]
    got = drain(D.range(5).interleave(lambda x: D.from_tensors(x).repeat(3), cycle_length=2,
                                      block_length=2))
    assert got == [0, 0, 1, 1, 0, 1, 2, 2, 3, 3, 2, 3, 4, 4, 4]


def test_padded_batch_observed_in_tf():
    got = drain(D.from_tensor_slices(tf.constant([1, 2, 3])).map(lambda x: tf.range(x))
                .padded_batch(2, padded_shapes=[None]))
    assert [g.tolist() for g in got] == [[[0, 0], [0, 1]], [[0, 1, 2]]]


def test_map_captures_outer_tensors_and_reads_variables_live():
    c = tf.constant(10, tf.int64)
    assert drain(D.range(3).map(lambda x: x + c)) == [10, 11, 12]
    v = tf.Variable(1.0)
    el = D.range(2).map(lambda x: tf.cast(x, tf.float32) * v).make_one_shot_iterator().get_next()
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(el) == 0.0
        sess.run(v.assign(5.0))
        assert sess.run(el) == 5.0


def test_map_with_placeholder_capture_fed_at_initializer():
    scale = tf.placeholder(tf.int64, [])
    it = D.range(3).map(lambda x: x * scale).make_initializable_iterator()
    el = it.get_next()
    with tf.Session() as sess:
        sess.run(it.initializer, {scale: 4})
        assert [sess.run(el) for _ in range(3)] == [0, 4, 8]


def test_from_generator_and_from_tensors():
    def gen():
        yield 1, [1.0]
        yield 2, [2.0, 3.0]
    ds = D.from_generator(gen, (tf.int32, tf.float32), (tf.TensorShape([]), tf.TensorShape([None])))
    got = drain(ds)
    assert got[0][0] == 1 and got[1][1].tolist() == [2.0, 3.0] and got[1][1].dtype == np.float32
    assert [g.tolist() for g in drain(D.from_tensors([1, 2]).repeat(2))] == [[1, 2], [1, 2]]


def test_static_errors():
    with pytest.raises(ValueError):
        D.from_tensor_slices((np.zeros(3), np.zeros(4)))
    with pytest.raises(ValueError):
        D.from_tensor_slices(tf.constant(1.0))
    with pytest.raises(ValueError):
        D.range(3).batch(0)


def test_text_line_dataset(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("x\ny\n")
    b.write_text("z\r\n")
    got = drain(tf.data.TextLineDataset([str(a), str(b)]))
    assert got == [b"x", b"y", b"z"]


def test_string_components():
    got = drain(D.from_tensor_slices(["a", "bc"]).batch(2))
    assert got[0].tolist() == [b"a", b"bc"]


def test_training_loop_over_dataset():
    xs = np.linspace(-1, 1, 32).astype(np.float32)
    ds = D.from_tensor_slices((xs, 3 * xs + 1)).shuffle(32, seed=1).repeat().batch(8)
    x, y = ds.make_one_shot_iterator().get_next()
    w, b = tf.Variable(0.0), tf.Variable(0.0)
    loss = tf.reduce_mean(tf.square(w * x + b - y))
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(200):
            sess.run(train)
        assert abs(sess.run(w) - 3) < 1e-2 and abs(sess.run(b) - 1) < 1e-2
