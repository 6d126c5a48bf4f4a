"""TensorShape and Dimension: partial shapes, merging, compatibility and TF1's printing (TF 2.21, v1 mode)."""
import numpy as np
import pytest

import varflow as tf

S, D = tf.TensorShape, tf.Dimension


def test_str_and_repr_as_tf1():
    assert [str(S(None)), repr(S(None)), str(S([])), repr(S([]))] == \
        ["<unknown>", "TensorShape(None)", "()", "TensorShape([])"]
    assert str(S([3])) == "(3,)" and repr(S([3])) == "TensorShape([Dimension(3)])"
    assert str(S([None, 3])) == "(?, 3)"
    assert repr(S([None, 3])) == "TensorShape([Dimension(None), Dimension(3)])"
    assert [str(D(3)), repr(D(3)), str(D(None)), repr(D(None))] == \
        ["3", "Dimension(3)", "?", "Dimension(None)"]


def test_unknown_rank_and_dims():
    assert S(None).ndims is None and S(None).dims is None and S([2, 3]).rank == 2
    assert S([None, 3]).dims == [D(None), D(3)] or S([None, 3]).dims[1].value == 3
    assert not S(None) and S([]) and S([1])
    with pytest.raises(ValueError):
        len(S(None))
    with pytest.raises(ValueError):
        S(None).as_list()


def test_indexing_gives_ints_with_tf1_value():
    s = S([1, None, 3])
    assert s[0] == 1 and s[0].value == 1 and s[-1].value == 3 and int(s[2]) == 3
    assert s[1] is None and repr(s[0]) == "Dimension(1)"
    assert s[1:] == S([None, 3]) and S(None)[1:] == S(None) and S(None)[0] is None
    assert list(S([1, None])) == [1, None]


def test_merge_with():
    assert S([None, 3]).merge_with(S([2, None])).as_list() == [2, 3]
    assert S(None).merge_with([1, 2]).as_list() == [1, 2] and S([1]).merge_with(S(None)) == S([1])
    with pytest.raises(ValueError, match="are not compatible"):
        S([1, 2]).merge_with([1, 3])
    with pytest.raises(ValueError):
        S([1, 2]).merge_with([1])
    assert D(None).merge_with(3) == 3 and D(3).merge_with(None).value == 3
    with pytest.raises(ValueError):
        D(3).merge_with(4)


def test_compatibility():
    assert S([None, 3]).is_compatible_with([2, 3]) and not S([None, 3]).is_compatible_with([2, 4])
    assert S(None).is_compatible_with([1]) and not S([1]).is_compatible_with([1, 1])
    assert D(3).is_compatible_with(3) and not D(3).is_compatible_with(4)
    assert D(None).is_compatible_with(2)
    with pytest.raises(ValueError, match="incompatible"):
        S([1, 2]).assert_is_compatible_with([1, 3])
    assert S([1, 2]).most_specific_compatible_shape([1, 3]).as_list() == [1, None]


def test_num_elements_concatenate_and_plus():
    assert [S([2, 3]).num_elements(), S([None, 3]).num_elements(), S(None).num_elements(),
            S([]).num_elements()] == [6, None, None, 1]
    assert S([1, 2]).concatenate([3]).as_list() == [1, 2, 3]
    assert S([1]).concatenate(S(None)) == S(None) and S([1]).concatenate(4).as_list() == [1, 4]
    assert (S([1]) + S([2])).as_list() == [1, 2] and ([1] + S([2])).as_list() == [1, 2]


def test_equality_and_fully_defined():
    assert S([1, 2]) == [1, 2] and S([1, None]) == S([1, None]) and S(None) == S(None)
    assert S([1, 2]) != S([1, 3]) and {S([1, 2]): 1}[S([1, 2])] == 1
    assert S([1, 2]).is_fully_defined() and not S([None]).is_fully_defined()
    assert not S(None).is_fully_defined()


def test_dimension_arithmetic_and_comparison():
    assert D(3) == 3 and (D(None) == 3) is None and not (D(3) == D(4))
    assert (D(3) + 2).value == 5 and (D(None) + 2).value is None and (D(6) // 4).value == 1
    assert (D(3) * D(None)).value is None and D(3) < 4 and int(D(5)) == 5
    assert D(np.int64(4)) == 4 and D(D(4)).value == 4
    assert tf.dimension_value(D(3)) == 3 and tf.dimension_value(None) is None


@pytest.mark.parametrize("bad,exc", [(-1, ValueError), (2.5, TypeError), ("x", TypeError)])
def test_dimension_rejects_bad_values(bad, exc):
    with pytest.raises(exc):
        D(bad)


def test_shape_constructors():
    assert S(3).as_list() == [3] and S([np.int64(3)]).as_list() == [3]
    assert S((2, np.int32(4))).as_list() == [2, 4]
    with pytest.raises(TypeError):
        S("abc")
    with pytest.raises(ValueError):
        S([1, 2]).with_rank(3)


def test_tensor_shapes_and_set_shape():
    x = tf.placeholder(tf.float32, [None, 3])
    assert x.shape == x.get_shape() and str(x.shape) == "(?, 3)" and x.shape[1].value == 3
    x.set_shape([4, None])
    assert x.shape.as_list() == [4, 3]
    y = tf.placeholder(tf.float32, [None, 3])
    # messages observed in TF 2.21
    with pytest.raises(ValueError, match=r"Dimension 1 in both shapes must be equal, but are 3 "
                                         r"and 4. Shapes are \[\?,3\] and \[4,4\]"):
        y.set_shape([4, 4])
    with pytest.raises(ValueError, match="Shapes must be equal rank, but are 2 and 1"):
        y.set_shape([4])
    z = tf.placeholder(tf.float32)
    assert z.shape.ndims is None and repr(z) == "<tf.Tensor 'Placeholder_2:0' shape=<unknown> dtype=float32>"


def test_shapes_from_tuples_of_python_and_numpy_ints():
    shape = tf.TensorShape((2, 3))
    assert shape.as_list() == [2, 3] and shape == tf.TensorShape([2, 3])
    assert tf.TensorShape((np.int64(2), None)).as_list() == [2, None]
    with pytest.raises(ValueError):
        tf.TensorShape((2, -1))


def test_broadcast_of_equal_scalar_and_partial_shapes():
    from varflow.framework.tensor_shape import broadcast_shapes
    s = tf.TensorShape
    assert broadcast_shapes(s([None, 3]), s([None, 3])).as_list() == [None, 3]
    assert broadcast_shapes(s([]), s([4, 5])).as_list() == [4, 5]
    assert broadcast_shapes(s([4, 5]), s([])).as_list() == [4, 5]
    assert broadcast_shapes(s([4, 1]), s([3])).as_list() == [4, 3]
    assert broadcast_shapes(s(None), s([])).dims is None
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        broadcast_shapes(s([4, 2]), s([3]))
