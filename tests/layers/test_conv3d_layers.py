"""tf.layers 3-D convolution and pooling: variable names and shapes, op names and types, static
shapes, numbers and gradients (names observed in TF 2.21's bundled TF1 layers)."""
import numpy as np
import pytest

import varflow as tf

RS = np.random.RandomState(0)


def ops_of(prefix):
    return [(op.name, op.type) for op in tf.get_default_graph().get_operations()
            if op.name.startswith(prefix) and "Initializer" not in op.name
            and op.type not in ("VariableV2", "Assign", "Const") and not op.name.endswith("/read")]


def test_conv3d_layer_variables_ops_and_shapes():
    x = tf.placeholder(tf.float32, [None, 4, 5, 6, 2])
    y = tf.layers.conv3d(x, 3, 2)
    assert (y.name, y.shape.as_list()) == ("conv3d/BiasAdd:0", [None, 3, 4, 5, 3])
    assert [(v.name, v.shape.as_list()) for v in tf.global_variables()] == [
        ("conv3d/kernel:0", [2, 2, 2, 2, 3]), ("conv3d/bias:0", [3])]
    assert ops_of("conv3d/") == [("conv3d/Conv3D", "Conv3D"), ("conv3d/BiasAdd", "BiasAdd")]
    y2 = tf.layers.conv3d(x, 3, (1, 2, 3), strides=(2, 1, 1), padding="same",
                          activation=tf.nn.relu, use_bias=False, name="cc")
    assert (y2.name, y2.shape.as_list()) == ("cc/Relu:0", [None, 2, 5, 6, 3])
    assert y2.op.inputs[0].op.get_attr("strides") == [1, 2, 1, 1, 1]
    layer = tf.layers.Conv3D(4, 3, padding="same")
    assert layer(x).name == "conv3d_1/BiasAdd:0" and layer(x).name == "conv3d_1/BiasAdd_1:0"
    assert layer.kernel.name == "conv3d_1/kernel:0"
    assert tf.layers.Convolution3D is tf.layers.Conv3D


def test_conv3d_layer_channels_first_adds_the_bias_as_nchw():
    xf = tf.placeholder(tf.float32, [None, 2, 4, 5, 6])
    y = tf.layers.conv3d(xf, 4, 2, data_format="channels_first")
    assert y.shape.as_list() == [None, 4, 3, 4, 5]
    # observed in TF 2.21: BiasAdd's data_format is NCHW for the 5-D output too
    assert y.op.get_attr("data_format") == "NCHW"
    assert y.op.inputs[0].op.get_attr("data_format") == "NCDHW"
    data = RS.randn(2, 2, 4, 5, 6).astype(np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.assign(tf.global_variables()[1], [1.0, 2.0, 3.0, 4.0]))
        got = sess.run(y, {xf: data})
        kernel = sess.run(tf.global_variables()[0])
    ref = tf.nn.conv3d(data.transpose(0, 2, 3, 4, 1), kernel, [1] * 5, "VALID")
    with tf.Session() as sess:
        want = sess.run(ref).transpose(0, 4, 1, 2, 3) + np.arange(1, 5).reshape(1, 4, 1, 1, 1)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_conv3d_layer_dilation_has_the_true_static_shape():
    x = tf.placeholder(tf.float32, [None, 4, 5, 6, 2])
    y = tf.layers.conv3d(x, 2, (1, 3, 2), dilation_rate=(1, 2, 1))
    # TF's layer (SpaceToBatchND around the Conv3D) gives the true shape, unlike a bare VALID
    # Conv3D with unequal height and width dilations (see nn3d_ops._shape_dilations)
    assert y.shape.as_list() == [None, 4, 1, 5, 2]
    data = RS.randn(2, 4, 5, 6, 2).astype(np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(y, {x: data}).shape == (2, 4, 1, 5, 2)
    with pytest.raises(ValueError, match="strides > 1"):
        tf.layers.conv3d(x, 3, 2, strides=2, dilation_rate=2)


def test_conv3d_layer_numbers_and_gradients():
    x = tf.placeholder(tf.float32, [None, 3, 3, 3, 1])
    y = tf.layers.conv3d(x, 1, 2, kernel_initializer=tf.ones_initializer(),
                         bias_initializer=tf.constant_initializer(0.5))
    kernel = tf.global_variables()[0]
    gk, gx = tf.gradients(tf.reduce_sum(y), [kernel, x])
    data = np.arange(27, dtype=np.float32).reshape(1, 3, 3, 3, 1)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        yv, gkv, gxv = sess.run([y, gk, gx], {x: data})
    d = data[0, :, :, :, 0]
    want = [[[d[i:i + 2, j:j + 2, k:k + 2].sum() + 0.5 for k in range(2)] for j in range(2)]
            for i in range(2)]
    np.testing.assert_allclose(yv[0, :, :, :, 0], want)
    # d sum(y) / d kernel[a, b, c] is the sum of the inputs that tap sees
    np.testing.assert_allclose(gkv[:, :, :, 0, 0],
                               [[[d[a:a + 2, b:b + 2, c:c + 2].sum() for c in range(2)]
                                 for b in range(2)] for a in range(2)])
    counts = np.array([1, 2, 1])
    np.testing.assert_allclose(gxv[0, :, :, :, 0],
                               counts[:, None, None] * counts[None, :, None] * counts[None, None, :])


def test_conv3d_transpose_layer_builds_tensorflows_graph():
    x = tf.placeholder(tf.float32, [None, 2, 3, 4, 2])
    y = tf.layers.conv3d_transpose(x, 3, 2, strides=2)
    assert (y.name, y.shape.as_list()) == ("conv3d_transpose/BiasAdd:0", [None, 4, 6, 8, 3])
    assert [(v.name, v.shape.as_list()) for v in tf.global_variables()] == [
        ("conv3d_transpose/kernel:0", [2, 2, 2, 3, 2]), ("conv3d_transpose/bias:0", [3])]
    s = "conv3d_transpose/"
    # observed in TF 2.21: the output shape from the input's dynamic shape
    assert ops_of(s) == [
        (s + "Shape", "Shape"), (s + "strided_slice", "StridedSlice"),
        (s + "strided_slice_1", "StridedSlice"), (s + "strided_slice_2", "StridedSlice"),
        (s + "strided_slice_3", "StridedSlice"), (s + "mul", "Mul"), (s + "add", "AddV2"),
        (s + "mul_1", "Mul"), (s + "add_1", "AddV2"), (s + "mul_2", "Mul"), (s + "add_2", "AddV2"),
        (s + "stack", "Pack"), (s + "conv3d_transpose", "Conv3DBackpropInputV2"),
        (s + "BiasAdd", "BiasAdd")]
    consts = [op.name for op in tf.get_default_graph().get_operations()
              if op.type == "Const" and op.name.startswith(s + "stack")]
    assert consts == [s + "stack/4"]
    same = tf.layers.conv3d_transpose(x, 3, (3, 2, 1), strides=(1, 2, 3), padding="same")
    assert same.shape.as_list() == [None, 2, 6, 12, 3]
    assert not [n for n, t in ops_of("conv3d_transpose_1/") if t == "AddV2"]
    first = tf.layers.conv3d_transpose(tf.placeholder(tf.float32, [None, 2, 2, 3, 4]), 3, 2,
                                       strides=2, data_format="channels_first")
    assert first.shape.as_list() == [None, 3, 4, 6, 8]
    assert first.op.get_attr("data_format") == "NCHW"
    assert [op.name for op in tf.get_default_graph().get_operations()
            if op.name.startswith("conv3d_transpose_2/stack/")] == ["conv3d_transpose_2/stack/1"]
    layer = tf.layers.Conv3DTranspose(2, 2, name="up")
    assert layer(tf.placeholder(tf.float32, [1, 2, 3, 4, 2])).shape.as_list() == [1, 3, 4, 5, 2]
    assert tf.layers.Convolution3DTranspose is tf.layers.Conv3DTranspose


def test_conv3d_transpose_layer_numbers_and_dynamic_shapes():
    xu = tf.placeholder(tf.float32, [None, None, None, 4, 2])
    y = tf.layers.conv3d_transpose(xu, 1, 2, strides=2, padding="same",
                                   kernel_initializer=tf.ones_initializer())
    assert y.shape.as_list() == [None, None, None, 8, 1]
    data = RS.randn(2, 3, 2, 4, 2).astype(np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run(y, {xu: data})
    assert out.shape == (2, 6, 4, 8, 1)
    # a 2x2x2 ones kernel at stride 2 copies each input cell's channel sum into its 2x2x2 block
    want = np.repeat(np.repeat(np.repeat(data.sum(-1), 2, 1), 2, 2), 2, 3)
    np.testing.assert_allclose(out[..., 0], want, rtol=1e-5, atol=1e-5)


def test_pooling3d_layers():
    x = tf.placeholder(tf.float32, [None, 4, 5, 6, 2])
    xf = tf.placeholder(tf.float32, [None, 2, 4, 5, 6])
    m = tf.layers.max_pooling3d(x, 2, 2)
    assert (m.name, m.op.type, m.shape.as_list()) == ("max_pooling3d/MaxPool3D:0", "MaxPool3D",
                                                      [None, 2, 2, 3, 2])
    m2 = tf.layers.MaxPooling3D((1, 2, 3), (1, 1, 2), padding="same")(x)
    assert (m2.name, m2.shape.as_list()) == ("max_pooling3d_1/MaxPool3D:0", [None, 4, 5, 3, 2])
    a = tf.layers.average_pooling3d(xf, 2, 2, data_format="channels_first", name="ap")
    # observed in TF 2.21: channels_first 3-D pooling is transposed to channels_last and back
    assert (a.name, a.shape.as_list()) == ("ap/transpose_1:0", [None, 2, 2, 2, 3])
    assert ops_of("ap/") == [("ap/transpose", "Transpose"), ("ap/AvgPool3D", "AvgPool3D"),
                             ("ap/transpose_1", "Transpose")]
    assert a.op.inputs[0].op.get_attr("data_format") == "NDHWC"
    a2 = tf.layers.AveragePooling3D(2, 1)(x)
    assert (a2.name, a2.shape.as_list()) == ("average_pooling3d/AvgPool3D:0", [None, 3, 4, 5, 2])
    assert tf.global_variables() == []
    data = RS.randn(2, 2, 4, 5, 6).astype(np.float32)
    mf = tf.layers.max_pooling3d(xf, 2, 2, data_format="channels_first")
    with tf.Session() as sess:
        got, gota = sess.run([mf, a], {xf: data})
        want = sess.run(tf.nn.max_pool3d(data.transpose(0, 2, 3, 4, 1), 2, 2, "VALID"))
        wanta = sess.run(tf.nn.avg_pool3d(data.transpose(0, 2, 3, 4, 1), 2, 2, "VALID"))
    np.testing.assert_array_equal(got, want.transpose(0, 4, 1, 2, 3))
    np.testing.assert_allclose(gota, wanta.transpose(0, 4, 1, 2, 3), rtol=1e-6)


def test_layer_argument_errors():
    x = tf.placeholder(tf.float32, [None, 4, 5, 6, 2])
    with pytest.raises(ValueError, match="kernel_size"):
        tf.layers.conv3d(x, 3, (2, 2))
    with pytest.raises(ValueError, match="ndim=5"):
        tf.layers.conv3d(tf.placeholder(tf.float32, [None, 4, 5, 6]), 3, 2)
    with pytest.raises(ValueError, match="channel dimension"):
        tf.layers.conv3d(tf.placeholder(tf.float32, [None, 4, 5, 6, None]), 3, 2)
    with pytest.raises(ValueError, match="Negative dimension size"):
        tf.layers.conv3d(x, 3, 5)
    with pytest.raises(ValueError, match="Negative dimension size"):
        tf.layers.max_pooling3d(x, 5, 1)
    with pytest.raises(ValueError, match="pool_size"):
        tf.layers.average_pooling3d(x, (2, 2), 1)
    with pytest.raises(ValueError, match="padding"):
        tf.layers.max_pooling3d(x, 2, 2, padding="full")


def test_conv3d_net_trains_with_layers():
    tf.set_random_seed(0)
    x = tf.placeholder(tf.float32, [None, 4, 4, 4, 1])
    h = tf.layers.conv3d(x, 4, 3, padding="same", activation=tf.nn.relu)
    h = tf.layers.max_pooling3d(h, 2, 2)
    h = tf.layers.conv3d_transpose(h, 2, 2, strides=2)
    loss = tf.reduce_mean(tf.square(tf.reduce_mean(h, axis=-1, keepdims=True) - x))
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
    data = RS.rand(4, 4, 4, 4, 1).astype(np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = [sess.run([loss, train], {x: data})[0] for _ in range(30)]
    assert losses[-1] < 0.5 * losses[0]
