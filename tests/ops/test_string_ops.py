"""String ops: values, static shapes, names and errors as observed in TensorFlow 2.21.

Every expected value below was observed in TF 2.21 (`tensorflow.compat.v1`, graph mode) unless it
is plain Python arithmetic; tests/crosscheck/cases/ops_strings_*.py replay many more against
recordings.
"""
import numpy as np
import pytest

import varflow as tf
import varflow.strings as strings
from varflow.framework import errors
from varflow.ops import string_ops as so


def run(t, feed=None):
    with tf.Session() as sess:
        return sess.run(t, feed)


def values(t, feed=None):
    out = run(t, feed)
    return out.tolist() if isinstance(out, np.ndarray) else out


# ------------------------------------------------------------------------------------------------
# StringJoin
# ------------------------------------------------------------------------------------------------
def test_join_broadcasts_scalars_and_names_ops_like_tf():
    a = tf.constant(["a", "b"])
    j = strings.join([a, tf.constant("x")], separator="-")
    assert (j.name, j.op.type, j.dtype, j.shape.as_list()) == ("StringJoin:0", "StringJoin",
                                                                tf.string, [2])
    assert j.op.get_attr("separator") == "-"
    assert values(j) == [b"a-x", b"b-x"]
    j2 = so.string_join([a, "q"])
    assert j2.name == "StringJoin_1:0" and j2.op.inputs[1].name == "StringJoin_1/inputs_1:0"
    assert values(so.string_join(["x", "y", "z"], ",")) == b"x,y,z"
    empty = so.string_join([])
    assert empty.shape.as_list() == [] and values(empty) == b""


def test_join_static_shapes_merge_non_scalars():
    a = tf.constant(["a", "b"])
    assert so.string_join([tf.placeholder(tf.string), a]).shape.as_list() == [2]
    rows = tf.placeholder(tf.string, [None, 3])
    assert so.string_join([rows, "s"]).shape.as_list() == [None, 3]
    assert so.string_join([tf.placeholder(tf.string)]).shape.ndims is None


def test_join_errors():
    a = tf.constant(["a", "b"])
    with pytest.raises(ValueError, match="Shapes must be equal rank, but are 1 and 2"):
        so.string_join([a, tf.constant([["p", "q"], ["r", "s"]])])
    with pytest.raises(ValueError, match="Dimension 0 in both shapes must be equal, but are 2 "
                                         "and 3"):
        so.string_join([a, tf.constant(["a", "b", "c"])])
    with pytest.raises(TypeError, match=r"have types \[string, int32\] that do not match"):
        so.string_join([a, tf.constant([1, 2])])
    with pytest.raises(TypeError, match="Expected list for 'inputs'"):
        so.string_join("ab")
    p = tf.placeholder(tf.string)
    j = so.string_join([p, a])
    with pytest.raises(errors.InvalidArgumentError, match=r"Input shapes do not match: \[1\] vs. "
                                                          r"\[2\]"):
        run(j, {p: ["z"]})
    assert values(j, {p: "z"}) == [b"za", b"zb"]
    assert values(so.string_join([p, p], "+"), {p: [["x"], ["y"]]}) == [[b"x+x"], [b"y+y"]]


# ------------------------------------------------------------------------------------------------
# Regular expressions
# ------------------------------------------------------------------------------------------------
def test_regex_full_match_static_and_tensor_patterns():
    a = tf.constant(["a", "b"])
    r = strings.regex_full_match(a, "a.*")
    assert (r.name, r.op.type, r.dtype) == ("StaticRegexFullMatch:0", "StaticRegexFullMatch",
                                            tf.bool)
    assert r.op.get_attr("pattern") == "a.*"
    r2 = strings.regex_full_match(a, tf.constant("[ab]"))
    assert (r2.name, r2.op.type) == ("RegexFullMatch:0", "RegexFullMatch")
    assert values(r) == [True, False] and values(r2) == [True, True]
    # RE2 works on UTF-8 characters; its \w and \d are ASCII only
    assert values(strings.regex_full_match([b"\xc3\xa9", b"x", b"ab\n"], ".")) == [True, True,
                                                                                   False]
    assert values(strings.regex_full_match(["a1_", "\u00e91", "a b"], "\\w\\d\\w?")) == [
        True, False, False]
    with tf.name_scope("sc"):
        assert strings.regex_full_match("a", "b", name="rr").name == "sc/rr:0"


def test_regex_full_match_errors():
    with pytest.raises(ValueError, match="Shape must be rank 0 but is rank 1"):
        strings.regex_full_match("a", tf.constant(["a", "b"]))
    with pytest.raises(TypeError, match="has type int32 that does not match expected type of "
                                        "string"):
        strings.regex_full_match(tf.constant([1]), "a")
    with pytest.raises(errors.InvalidArgumentError, match="Invalid pattern: \\("):
        run(strings.regex_full_match(["a"], "("))
    dynamic = strings.regex_full_match("a", tf.placeholder_with_default(["a", "b"], None))
    with pytest.raises(errors.InvalidArgumentError, match=r"Pattern must be scalar, but received "
                                                          r"\[2\]"):
        run(dynamic)


@pytest.mark.parametrize("text, pattern, rewrite, expected", [
    # observed in TF 2.21
    ("aabb", "a", "x", b"xxbb"),
    ("aabb", "(a)(b)", "<\\2\\1\\0\\\\>", b"a<baab\\>b"),
    ("aabb", "(a)", "\\2", b"aabb"),            # a group the pattern lacks: nothing replaced
    ("xay", "(a)", "A\\xB", b"xAy"),            # a bad escape ends the rewrite
    ("xay", "(a)", "Q\\", b"xQy"),
    ("ab\n", "$", "E", b"ab\nE"),               # RE2's $ is the very end only
    ("abc", "", "-", b"-a-b-c-"),
    ("axxb", "x*", "-", b"-a-b-"),              # no empty match right after a match
    ("a1 b2", "[[:digit:]]", "#", b"a# b#"),
    ("a1 b2 \u0663", "\\d", "#", "a# b# \u0663".encode()),
    ("a\u00e9_1", "\\w", "#", "#\u00e9##".encode()),
    ("a\u00a0b c", "\\s", "#", "a\u00a0b#c".encode()),
    ("\u00e9 ab", "\\b", "|", "\u00e9 |ab|".encode()),
    ("AbA", "(?i)a", "x", b"xbx"),
    ("<a><b>", "<.*?>", "z", b"zz"),
    ("aa\n", "\\n\\z", "Z", b"aaZ"),
    ("a.b", "\\Q.\\E", "Z", b"aZb"),
    ("ab", "(?P<x>a)", "[\\1]", b"[a]b"),
    ("a\nb", ".", "z", b"z\nz"),
    ("a\nb", "(?s).", "z", b"zzz"),
    ("xAb Ab", "a(?i)b|A", "<\\0>", b"x<A>b <A>b"),    # a flag lasts to the end of its group
    ("aAB", "(a(?i)b)B", "[\\1]", b"aAB"),
    ("ab\nab", "(?m)b$", "X", b"aX\naX"),
    ("ab", "^+a", "X", b"Xb"),                           # RE2 repeats assertions
    ("ab ab", "b\\b{1,2}", "X", b"aX aX"),
    ("bb", "(?P<n>b)(?P<n>b)", "\\2\\1-", b"bb-"),     # and allows a group name twice
    ("\u00e9\u00c9", "(?i)\u00e9", "e", b"ee"),
])
def test_regex_replace_values(text, pattern, rewrite, expected):
    assert values(strings.regex_replace([text], pattern, rewrite)) == [expected]


def test_regex_replace_ops_once_and_errors():
    r = strings.regex_replace(["aabb", "ba"], "a", "x", replace_global=False)
    assert (r.name, r.op.type) == ("StaticRegexReplace:0", "StaticRegexReplace")
    assert [r.op.get_attr(k) for k in ("pattern", "rewrite", "replace_global")] == ["a", "x",
                                                                                    False]
    assert values(r) == [b"xabb", b"bx"]
    assert values(strings.regex_replace(["xay"], "(a)", "A\\xB", replace_global=False)) == [b"xay"]
    t = so.regex_replace(["aabb", "ba"], tf.constant("(a)(b)"), "[\\1]")
    assert t.op.type == "RegexReplace" and t.op.inputs[2].name == "RegexReplace/rewrite:0"
    assert values(t) == [b"a[a]b", b"ba"]
    assert values(strings.regex_replace("AbA", "A", "z")) == b"zbz"
    with pytest.raises(ValueError, match="Shape must be rank 0 but is rank 1"):
        strings.regex_replace(["A"], tf.constant(["A"]), "z")
    for pattern in ("a(?=b)", "(a)\\1", "(", "(?<x>a)"):   # no look-around, back-references
        with pytest.raises(errors.InvalidArgumentError, match="Invalid pattern"):
            run(strings.regex_replace(["ab"], pattern, "z"))


# ------------------------------------------------------------------------------------------------
# Length, case, strip
# ------------------------------------------------------------------------------------------------
def test_length_units_and_invalid_utf8():
    x = tf.constant(["hello", "W\u00f6rld", ""])
    n = strings.length(x)
    assert (n.name, n.op.type, n.dtype, n.op.get_attr("unit")) == ("StringLength:0",
                                                                   "StringLength", tf.int32,
                                                                   "BYTE")
    assert values(n) == [5, 6, 0]
    assert values(strings.length(x, unit="UTF8_CHAR")) == [5, 5, 0]
    p = tf.placeholder(tf.string)
    assert values(strings.length(p, unit="UTF8_CHAR"),
                  {p: [b"\xff\xfeab", b"a\xc3", b"\xc3\xa9"]}) == [4, 2, 1]
    with pytest.raises(ValueError, match="Attr 'unit' of 'StringLength' Op passed string 'X'"):
        strings.length(x, unit="X")
    with pytest.raises(TypeError, match="Expected string passed to parameter 'input' of op "
                                        "'StringLength'"):
        strings.length([1])


def test_lower_upper_strip():
    assert values(strings.lower(["AbC \u00d6"])) == ["abc \u00d6".encode()]
    assert values(strings.lower(["AbC \u00d6"], encoding="utf-8")) == ["abc \u00f6".encode()]
    assert values(strings.upper(["abc \u00f6 \u00df"], encoding="utf-8")) == [
        "ABC \u00d6 SS".encode()]
    assert values(strings.upper(["abc \u00f6"])) == ["ABC \u00f6".encode()]
    with pytest.raises(errors.InvalidArgumentError, match="only utf-8 or '' \\(no encoding\\) is "
                                                          "supported, received latin1"):
        run(strings.upper(["abc"], encoding="latin1"))
    s = strings.strip(["  a b \t\n", "\x0b\x0cx\r"])
    assert s.op.type == "StringStrip" and values(s) == [b"a b", b"x"]
    assert values(so.string_strip("  a ")) == b"a"


# ------------------------------------------------------------------------------------------------
# Substr
# ------------------------------------------------------------------------------------------------
def test_substr_values():
    x = tf.constant(["hello", "W\u00f6rld", "ab"])
    t = strings.substr(x, 1, 3)
    assert (t.name, t.op.type, t.op.get_attr("T"), t.op.get_attr("unit")) == (
        "Substr:0", "Substr", tf.int32, "BYTE")
    assert values(t) == [b"ell", b"\xc3\xb6r", b"b"]
    assert values(so.substr(x, [0, 1, 1], [1, 2, 5])) == [b"h", b"\xc3\xb6", b"b"]
    assert values(so.substr(x, -2, 2)) == [b"lo", b"ld", b"ab"]
    assert values(so.substr(x, 1, -1)) == [b"ello", "\u00f6rld".encode(), b"b"]
    assert values(so.substr(["ab"], 2, 1)) == [b""]
    assert values(so.substr(x, 1, 3, unit="UTF8_CHAR")) == [b"ell", "\u00f6rl".encode(), b"b"]
    assert values(so.substr(["h\u00e9llo"], -2, 5, unit="UTF8_CHAR")) == [b"lo"]
    assert values(so.substr(["h\u00e9llo"], 1, -2, unit="UTF8_CHAR")) == [b""]
    assert values(so.substr([["ab", "cd"], ["ef", "gh"]], [0, 1], [1, 1])) == [[b"a", b"d"],
                                                                                [b"e", b"h"]]
    assert values(so.substr("abcdef", [0, 1, 2], [1, 2, 3])) == [b"a", b"bc", b"cde"]
    i64 = so.substr(["abc", "def"], tf.constant([0, 1], tf.int64), 1 + tf.zeros([2], tf.int64))
    assert i64.op.get_attr("T") == tf.int64 and values(i64) == [b"a", b"e"]


def test_substr_dynamic_broadcast_and_utf8_bytes():
    ps = tf.placeholder(tf.string, None)
    pi = tf.placeholder(tf.int32, None)
    t = so.substr(ps, pi, pi)
    assert t.shape.ndims is None
    assert values(t, {ps: ["abc", "def"], pi: [[0], [1]]}) == [[b"", b""], [b"b", b"e"]]
    assert values(t, {ps: "abc", pi: [[0], [1]]}) == [[b""], [b"b"]]
    with pytest.raises(errors.InvalidArgumentError, match=r"Incompatible shapes: \[2\] vs. \[3\]"):
        run(t, {ps: ["abc", "def"], pi: [0, 1, 2]})
    u = so.substr(ps, pi, pi, unit="UTF8_CHAR")
    assert values(u, {ps: [b"\xff\xfeab"], pi: [1]}) == [b"\xfe"]
    assert values(u, {ps: [b"a\xc3"], pi: [1]}) == [b"\xc3"]
    assert values(u, {ps: ["a\u00e9"], pi: [1]}) == ["\u00e9".encode()]


def test_substr_static_shapes():
    def shape(a, b, c):
        return so.substr(tf.placeholder(tf.string, a), tf.placeholder(tf.int32, b),
                         tf.placeholder(tf.int32, c)).shape

    assert shape([None], [None], [None]).as_list() == [None]
    assert shape([2], [None, 2], [None, 2]).as_list() == [None, 2]
    assert shape([3], None, [2]).ndims is None
    assert shape([4, 1], [3], [3]).as_list() == [4, 3]
    with pytest.raises(ValueError, match="Shape must be rank 0 but is rank 1"):
        shape([2], [3], [])
    with pytest.raises(ValueError, match=r"pos and len shapes must match: \[3\] vs. \[\?\]"):
        shape([3], [3], [None])
    with pytest.raises(ValueError, match=r"pos and len shapes must match: \[3\] vs. \?"):
        shape(None, [3], None)
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        shape([2], [3], [3])


def test_substr_errors():
    x = tf.constant(["hello", "W\u00f6rld", "ab"])
    with pytest.raises(errors.InvalidArgumentError, match="pos 3 out of range for string b'ab' at "
                                                          "index 2"):
        run(so.substr(x, 3, 1))
    with pytest.raises(errors.InvalidArgumentError, match="pos -3 out of range for string b'ab'"):
        run(so.substr(x, -3, 2))
    with pytest.raises(errors.InvalidArgumentError, match="pos -3 out of range for string at "
                                                          "index 2"):
        run(so.substr(x, -3, 2, unit="UTF8_CHAR"))
    with pytest.raises(TypeError, match="DataType float32 not in list of allowed values: int32, "
                                        "int64"):
        so.substr(["abc"], 0.5, 1)
    with pytest.raises(TypeError, match="has type int32 that does not match type int64"):
        so.substr(["abc"], tf.constant([0], tf.int64), tf.constant([1]))
    with pytest.raises(ValueError, match="Attr 'unit' of 'Substr' Op passed string 'B'"):
        so.substr(["abc"], 0, 1, unit="B")


# ------------------------------------------------------------------------------------------------
# StringToNumber
# ------------------------------------------------------------------------------------------------
def test_to_number_floats():
    texts = ["1.5", "-2", "1e3", "inf", "-Infinity", " 3 ", "+4", ".5", "5.", "1e400", "0x1p3",
             "0X1P-2", "1.e2", "nan()", "\t1.0\n"]
    t = strings.to_number(texts, tf.float64)
    assert (t.name, t.op.type, t.dtype) == ("StringToNumber:0", "StringToNumber", tf.float64)
    got = run(t)
    np.testing.assert_array_equal(got, [1.5, -2, 1e3, np.inf, -np.inf, 3, 4, 0.5, 5, np.inf, 8,
                                        0.25, 100, np.nan, 1.0])
    f32 = run(strings.to_number(["1e39", "-1e39", "1e-50", "3.4028236e38", "0.1"]))
    assert f32.dtype == np.float32
    np.testing.assert_array_equal(f32, np.array([np.inf, -np.inf, 0, np.inf, 0.1], np.float32))


def test_to_number_integers():
    assert values(so.string_to_number(["12", "-3", "+4", " 5", "007"], tf.int32)) == [12, -3, 4,
                                                                                      5, 7]
    i64 = run(strings.to_number(["3000000000", "-9223372036854775808"], tf.int64))
    assert i64.dtype == np.int64 and i64.tolist() == [3000000000, -2 ** 63]
    assert values(strings.to_number(["4294967295", "+0"], tf.uint32)) == [4294967295, 0]
    assert strings.to_number(input=["1"], name="n").name == "n:0"


@pytest.mark.parametrize("text, out_type", [
    ("abc", tf.float32), ("1_0", tf.float32), ("", tf.float32), ("1e", tf.float32),
    ("infinit", tf.float32), ("0x1p", tf.float64), ("0x10", tf.int32), ("1.5", tf.int32),
    ("3000000000", tf.int32), ("9223372036854775808", tf.int64), ("-1", tf.uint32),
    ("-0", tf.uint64), ("\u0661", tf.int32), ("1 2", tf.float32),
])
def test_to_number_rejects_like_tf(text, out_type):
    with pytest.raises(errors.InvalidArgumentError, match="StringToNumberOp could not correctly "
                                                          "convert string: "):
        run(strings.to_number([text], out_type))


def test_to_number_build_errors():
    with pytest.raises(TypeError, match="'out_type' has DataType int16 not in list"):
        strings.to_number(["1"], tf.int16)
    with pytest.raises(TypeError, match="Input 'string_tensor' of 'StringToNumber' Op has type "
                                        "float32"):
        strings.to_number(tf.constant([1.0]))
    with pytest.raises(ValueError, match="Cannot specify both 'string_tensor' and 'input'."):
        strings.to_number(["1"], input=["2"])


# ------------------------------------------------------------------------------------------------
# AsString
# ------------------------------------------------------------------------------------------------
_F = [1.5, -0.1, 1e10, 123456789.0, float("nan"), float("inf"), 0.0, 1e-7]


@pytest.mark.parametrize("kwargs, expected", [
    ({}, ["1.500000", "-0.100000", "10000000000.000000", "123456792.000000", "nan", "inf",
          "0.000000", "0.000000"]),
    ({"precision": 2}, ["1.50", "-0.10", "10000000000.00", "123456792.00", "nan", "inf", "0.00",
                        "0.00"]),
    ({"scientific": True}, ["1.500000e+00", "-1.000000e-01", "1.000000e+10", "1.234568e+08", "nan",
                            "inf", "0.000000e+00", "1.000000e-07"]),
    ({"shortest": True}, ["1.5", "-0.1", "1e+10", "1.23457e+08", "nan", "inf", "0", "1e-07"]),
    ({"shortest": True, "precision": 3}, ["1.5", "-0.1", "1e+10", "1.23e+08", "nan", "inf", "0",
                                          "1e-07"]),
    ({"width": 12, "fill": "0"}, ["00001.500000", "-0000.100000", "10000000000.000000",
                                  "123456792.000000", "         nan", "         inf",
                                  "00000.000000", "00000.000000"]),
    ({"width": 12, "fill": " "}, ["    1.500000", "   -0.100000", " 10000000000.000000",
                                  " 123456792.000000", "         nan", "         inf",
                                  "    0.000000", "    0.000000"]),
])
def test_as_string_float32(kwargs, expected):
    t = strings.as_string(tf.constant(_F), **kwargs)
    assert t.op.type == "AsString" and t.op.get_attr("T") == tf.float32
    assert values(t) == [e.encode() for e in expected]


def test_as_string_other_types():
    i = tf.constant([1, -20, 300])
    assert values(so.as_string(i)) == [b"1", b"-20", b"300"]
    assert values(so.as_string(i, width=5)) == [b"    1", b"  -20", b"  300"]
    assert values(so.as_string(i, width=5, fill="0")) == [b"00001", b"-0020", b"00300"]
    assert values(so.as_string(i, width=5, fill="-")) == [b"1    ", b"-20  ", b"300  "]
    assert values(so.as_string(tf.constant([15, -2]), width=5, fill="+")) == [b"  +15", b"   -2"]
    assert values(so.as_string(tf.constant([2 ** 64 - 1], tf.uint64))) == [b"18446744073709551615"]
    assert values(so.as_string([True, False], width=7)) == [b"true", b"false"]
    assert values(so.as_string(tf.constant([1 + 2j, -0.5 - 1.5j], tf.complex64))) == [
        b"(1.000000,2.000000)", b"(-0.500000,-1.500000)"]
    assert values(so.as_string(tf.constant([1 + 2j], tf.complex64), precision=2, width=12)) == [
        b"(        1.00,        2.00)"]
    assert values(so.as_string(tf.constant([1 + 2j], tf.complex128), shortest=True)) == [b"(1,2)"]
    assert values(so.as_string(tf.constant([1.5, 0.1], tf.float16))) == [b"1.500000", b"0.099976"]
    assert values(so.as_string(["a"], width=5)) == [b"    a"]
    assert values(so.as_string([1.5, 2.5], precision=0)) == [b"2", b"2"]
    assert so.as_string(1, name="q").op.inputs[0].name == "q/input:0"


@pytest.mark.parametrize("value, kwargs, message", [
    ([1.0], {"width": 12, "fill": "x"}, 'Fill argument not supported: "x"'),
    ([1.0], {"fill": "ab"}, "Fill string must be one or fewer characters"),
    ([1.0], {"scientific": True, "shortest": True}, "Cannot select both scientific and shortest"),
    ([1], {"precision": 2}, "precision not supported for datatype int32"),
    ([1], {"precision": 2, "scientific": True}, "scientific and shortest format not supported "
                                                "for datatype int32"),
    ([True], {"shortest": True}, "scientific and shortest format not supported for datatype bool"),
])
def test_as_string_run_errors(value, kwargs, message):
    with pytest.raises(errors.InvalidArgumentError, match=message):
        run(so.as_string(value, **kwargs))


# ------------------------------------------------------------------------------------------------
# ReduceJoin
# ------------------------------------------------------------------------------------------------
def test_reduce_join_values_and_names():
    x = tf.constant([["a", "b", "c"], ["d", "e", "f"]])
    r = so.reduce_join(x)
    assert (r.name, r.op.type) == ("ReduceJoin/ReduceJoin:0", "ReduceJoin")
    assert r.op.inputs[1].name == "ReduceJoin/Const:0" and values(r.op.inputs[1]) == [1, 0]
    assert values(r) == b"abcdef"
    assert values(so.reduce_join(x, 0)) == [b"ad", b"be", b"cf"]
    assert values(so.reduce_join(x, axis=1, separator="-")) == [b"a-b-c", b"d-e-f"]
    assert values(so.reduce_join(x, -1, keepdims=True)) == [[b"abc"], [b"def"]]
    assert values(so.reduce_join(x, 1, keep_dims=True)) == [[b"abc"], [b"def"]]
    assert values(so.reduce_join(x, reduction_indices=[0])) == [b"ad", b"be", b"cf"]
    assert values(so.reduce_join(x, [0, 1])) == b"adbecf"        # first axis listed varies fastest
    assert values(so.reduce_join(x, [0, 1], separator="-")) == b"a-d-b-e-c-f"
    assert values(so.reduce_join(x, [1, 0], keepdims=True)) == [[b"abcdef"]]
    assert values(so.reduce_join(x, [])) == [[b"a", b"b", b"c"], [b"d", b"e", b"f"]]
    assert values(so.reduce_join("abc")) == b"abc"
    assert values(so.reduce_join(tf.zeros([0, 2], tf.string), 0)) == [b"", b""]
    assert run(so.reduce_join(tf.zeros([0, 2], tf.string), 1)).shape == (0,)
    assert so.reduce_join(x, name="foo").name == "ReduceJoin_13/foo:0"   # scope, then the name


def test_reduce_join_dynamic_axes_and_shapes():
    x = tf.constant([["a", "b", "c"], ["d", "e", "f"]])
    q = tf.placeholder(tf.int32)
    p = tf.placeholder(tf.string, [None, 3])
    anything = tf.placeholder(tf.string)
    assert so.reduce_join(p, 1).shape.as_list() == [None]
    assert so.reduce_join(p).shape.as_list() == []
    assert so.reduce_join(p, q).shape.ndims is None
    assert so.reduce_join(p, q, keepdims=True).shape.as_list() == [None, None]
    assert so.reduce_join(x, [0, 0]).shape.as_list() == [3]
    r = so.reduce_join(anything)
    assert r.op.inputs[1].op.type == "Range" and r.shape.ndims is None
    assert values(r, {anything: [["a", "b"], ["c", "d"]]}) == b"abcd"
    t = so.reduce_join(x, q)
    assert values(t, {q: 1}) == [b"abc", b"def"] and values(t, {q: [1, 0]}) == b"abcdef"
    with pytest.raises(errors.OutOfRangeError, match="Invalid reduction dimension 2 for input "
                                                     "with 2 dimension"):
        run(t, {q: 2})
    with pytest.raises(errors.InvalidArgumentError, match="Duplicate reduction dimension 0"):
        run(so.reduce_join(x, [0, 0]))


def test_reduce_join_build_errors():
    x = tf.constant([["a", "b"]])
    with pytest.raises(ValueError, match="Invalid reduction dimension 2 for input with 2 "
                                         "dimensions"):
        so.reduce_join(x, 2)
    with pytest.raises(ValueError, match="Shape must be at most rank 1 but is rank 2"):
        so.reduce_join(x, [[0]])
    with pytest.raises(ValueError, match="Cannot specify both 'reduction_indices' and 'axis'."):
        so.reduce_join(x, axis=0, reduction_indices=0)
    with pytest.raises(ValueError, match="Cannot specify both 'keep_dims' and 'keepdims'."):
        so.reduce_join(x, keep_dims=True, keepdims=True)
    with pytest.raises(TypeError, match="'reduction_indices' of 'ReduceJoin' Op has type int64"):
        so.reduce_join(x, tf.constant(1, tf.int64))
    with pytest.raises(TypeError, match="Input 'inputs' of 'ReduceJoin' Op has type float32"):
        so.reduce_join(tf.constant([1.0]))


# ------------------------------------------------------------------------------------------------
# string_split (StringSplit) and strings.split (StringSplitV2)
# ------------------------------------------------------------------------------------------------
def sparse_values(st, feed=None):
    v = run(st, feed)
    return v.indices.tolist(), v.values.tolist(), v.dense_shape.tolist()


def test_string_split_v1():
    st = so.string_split(["a b  c", "", " d"])
    assert isinstance(st, tf.SparseTensor)
    assert (st.indices.name, st.values.name, st.dense_shape.name) == (
        "StringSplit/StringSplit:0", "StringSplit/StringSplit:1", "StringSplit/StringSplit:2")
    assert st.indices.dtype == tf.int64 and st.indices.shape.as_list() == [None, 2]
    assert st.dense_shape.shape.as_list() == [2]
    assert [t.name for t in st.values.op.inputs] == ["StringSplit/Const_1:0", "StringSplit/Const:0"]
    assert sparse_values(st) == ([[0, 0], [0, 1], [0, 2], [2, 0]], [b"a", b"b", b"c", b"d"], [3, 3])
    assert sparse_values(so.string_split(["a,b,,c", "d", "", ","], ",", skip_empty=False)) == (
        [[0, 0], [0, 1], [0, 2], [0, 3], [1, 0], [3, 0], [3, 1]],
        [b"a", b"b", b"", b"c", b"d", b"", b""], [4, 4])
    assert sparse_values(so.string_split(["a,b;c"], delimiter=",;"))[1] == [b"a", b"b", b"c"]
    assert sparse_values(so.string_split(["a,b;c"], sep=","))[1] == [b"a", b"b;c"]
    assert sparse_values(so.string_split(["\u00e9"], delimiter=""))[1] == [b"\xc3", b"\xa9"]
    assert sparse_values(so.string_split(["a\tb c"]))[1] == [b"a\tb", b"c"]
    assert so.string_split(["a b"], name="xx").values.name == "xx/StringSplit:1"


def test_string_split_v1_errors():
    with pytest.raises(ValueError, match="Shape must be rank 1 but is rank 0"):
        so.string_split("a b")
    with pytest.raises(ValueError, match="Cannot specify both 'delimiter' and 'sep'."):
        so.string_split(["a"], sep=",", delimiter=",")
    with pytest.raises(ValueError, match="result_type must be 'RaggedTensor' or 'SparseTensor'."):
        so.string_split(["a"], result_type="X")
    with pytest.raises(ValueError, match="varflow has no RaggedTensor"):
        so.string_split(["a"], result_type="RaggedTensor")
    p = tf.placeholder(tf.string)
    with pytest.raises(errors.InvalidArgumentError, match=r"input must be a vector, got shape: "
                                                          r"\[\]"):
        run(so.string_split(p), {p: "a b"})
    with pytest.raises(errors.InvalidArgumentError, match=r"delimiter must be a scalar, got "
                                                          r"shape: \[2\]"):
        run(so.string_split(["a b"], p), {p: ["a", "b"]})


def test_strings_split_v2():
    st = strings.split(["a b  c", "", " d"])
    assert st.values.op.type == "StringSplitV2" and st.values.name == "StringSplit/StringSplitV2:1"
    assert sparse_values(st) == ([[0, 0], [0, 1], [0, 2], [2, 0]], [b"a", b"b", b"c", b"d"], [3, 3])
    assert sparse_values(strings.split(["a,b,,c", "d", ""], sep=",")) == (
        [[0, 0], [0, 1], [0, 2], [0, 3], [1, 0], [2, 0]], [b"a", b"b", b"", b"c", b"d", b""], [3, 4])
    assert sparse_values(strings.split(["a,b,,c", "d", ""], sep=",", maxsplit=1))[1] == [
        b"a", b"b,,c", b"d", b""]
    assert sparse_values(strings.split([" a b  c d "], maxsplit=2))[1] == [b"a", b"b", b"c d "]
    assert sparse_values(strings.split(["a<>b<>c", "<>"], sep="<>"))[1] == [b"a", b"b", b"c", b"",
                                                                             b""]
    assert sparse_values(strings.split(["a\tb\nc\x0bd\x0ce\rf"]))[1] == [b"a", b"b", b"c", b"d",
                                                                         b"e", b"f"]
    assert sparse_values(strings.split(["ab"], sep=""))[1] == [b"ab"]
    scalar = strings.split("a b")
    assert scalar.values.op.inputs[0].name == "StringSplit_7/ExpandDims:0"
    assert sparse_values(scalar) == ([[0, 0], [0, 1]], [b"a", b"b"], [1, 2])
    assert sparse_values(strings.split(source=["a b"]))[1] == [b"a", b"b"]
    assert strings.split(["a b"], name="yy").values.name == "yy/StringSplitV2:1"
    with pytest.raises(ValueError, match="Cannot specify both 'source' and 'input'."):
        strings.split(input=["a"], source=["b"])
    with pytest.raises(ValueError, match="varflow has no RaggedTensor"):
        strings.split([["a b"]])


# ------------------------------------------------------------------------------------------------
# StringFormat
# ------------------------------------------------------------------------------------------------
def test_format():
    t = strings.format("x={} y={}", [tf.constant(1.5), tf.constant([1, 2, 3, 4, 5])])
    assert (t.name, t.op.type, t.shape.as_list()) == ("StringFormat:0", "StringFormat", [])
    assert values(t) == b"x=1.5 y=[1 2 3 4 5]"
    assert values(strings.format("x={}", tf.constant([["a", "b"], ["c", "d"]]))) == \
        b'x=[["a" "b"]\n ["c" "d"]]'
    assert values(strings.format("x=<> {}", [tf.constant(1)], placeholder="<>",
                                 summarize=-1)) == b"x=1 {}"
    assert values(strings.format("{}", [tf.range(10)], summarize=2)) == b"[0 1 ... 8 9]"
    assert values(strings.format("{}", [tf.reshape(tf.range(24), [2, 3, 4])], summarize=1)) == (
        b"[[[0 ... 3]\n  ...\n  [8 ... 11]]\n\n [[12 ... 15]\n  ...\n  [20 ... 23]]]")
    assert values(strings.format("{}", [tf.constant([0.1, 1e-8, 123456.0, 1234567.0])])) == \
        b"[0.1 1e-08 123456 1234567]"
    assert values(strings.format("{} {} {}", [tf.constant([1.5, 0.1], tf.bfloat16),
                                              tf.constant([0.1], tf.float16),
                                              tf.constant([0.1, 1 / 3], tf.float64)])) == \
        b"[1.5 0.100097656] [0.0999755859] [0.1 0.33333333333333331]"
    assert values(strings.format("{} and {}", [tf.constant("hi"), tf.constant(True)])) == \
        b'"hi" and 1'
    assert values(strings.format("{}", [tf.range(5)], summarize=0)) == b"[ ...]"
    assert values(strings.format("hi", [])) == b"hi"
    with pytest.raises(ValueError, match="The template expects 2 tensors, but the inputs only "
                                         "has 1"):
        strings.format("{} {}", [tf.constant(1)])


# ------------------------------------------------------------------------------------------------
# StringToHashBucketFast (FarmHash Fingerprint64 through pyfarmhash)
# ------------------------------------------------------------------------------------------------
def test_to_hash_bucket_fast():
    pytest.importorskip("farmhash")
    t = strings.to_hash_bucket_fast(["hello", "", "world"], 1000)
    assert (t.name, t.op.type, t.dtype, t.op.get_attr("num_buckets")) == (
        "StringToHashBucketFast:0", "StringToHashBucketFast", tf.int64, 1000)
    assert values(t) == [296, 263, 598]                                  # observed in TF 2.21
    assert values(so.string_to_hash_bucket_fast(["hello"], 2 ** 62)) == [3786372426573024488]
    with pytest.raises(ValueError, match="passed 0 less than minimum 1"):
        so.string_to_hash_bucket_fast(["hello"], 0)


def test_string_ops_are_not_differentiable():
    x = tf.constant(1.5)
    s = so.as_string(x)
    n = strings.to_number(s)
    assert tf.gradients(n, x) == [None]


def test_namespace_exports():
    expected = {"as_string", "format", "join", "length", "lower", "reduce_join",
                "regex_full_match", "regex_replace", "split", "strip", "substr",
                "to_hash_bucket_fast", "to_number", "upper"}
    assert expected <= set(dir(strings))
    assert strings.join is so.string_join and strings.split is so.string_split_v2
