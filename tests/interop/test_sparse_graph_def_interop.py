"""A varflow graph of every sparse op type (forward and gradient ops) exported as a GraphDef is
valid for TensorFlow: TF imports it (its op defs check every node's inputs and attrs) and computes
the same values. TF runs in a subprocess; skipped when $VARFLOW_TF_PYTHON (default
/work/tfenv/bin/python) is absent."""
import json
import os
import subprocess
import textwrap

import numpy as np
import pytest

import varflow as tf

TF_PYTHON = os.environ.get("VARFLOW_TF_PYTHON", "/work/tfenv/bin/python")
pytestmark = pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="TensorFlow interpreter not available")

TF_RUN = textwrap.dedent('''
    import json, sys, os
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    graph_def = tf.GraphDef()
    with open(sys.argv[1], "rb") as f:
        graph_def.ParseFromString(f.read())
    names = json.loads(sys.argv[2])
    with tf.Graph().as_default() as g:
        tf.import_graph_def(graph_def, name="")
        with tf.Session() as sess:
            values = sess.run([g.get_tensor_by_name(n) for n in names])
    print(json.dumps([v.tolist() for v in values]))
''')


def build():
    """Fetches (name -> tensor) covering each sparse op type varflow defines."""
    vals = tf.constant([1.0, 2.0, 3.0])
    a = tf.SparseTensor([[0, 0], [1, 2], [2, 1]], vals, [3, 4])
    b = tf.SparseTensor([[0, 0], [2, 3]], [4.0, 5.0], [3, 4])
    dense = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4) + 1)
    out = {
        "to_dense": tf.sparse.to_dense(a),
        "sparse_to_dense": tf.sparse_to_dense([[0, 1]], [2, 2], [3.0]),
        "matmul": tf.sparse_tensor_dense_matmul(a, tf.ones([4, 2])),
        "reduce": tf.sparse_reduce_sum(a, 1),
        "reorder": tf.sparse.reorder(tf.SparseTensor([[1, 0], [0, 1]], [1.0, 2.0], [2, 2])).indices,
        "reshape": tf.sparse.reshape(a, [6, 2]).indices,
        "add": tf.sparse.add(a, b).values,
        "dense_add": tf.sparse.add(a, dense),
        "concat": tf.sparse.concat(1, [a, b]).indices,
        "slice": tf.sparse.slice(a, [1, 1], [2, 3]).values,
        "split": tf.sparse.split(sp_input=a, num_split=2, axis=1)[1].indices,
        "fill": tf.sparse.fill_empty_rows(tf.SparseTensor([[1, 0]], [1.0], [3, 2]), 9.0)[0].values,
        "mul": (a * dense).values,
        "div": (a / dense).values,
        "segment": tf.sparse.segment_mean(dense, [0, 2], [0, 0]),
    }
    params = tf.constant(np.arange(15, dtype=np.float32).reshape(5, 3))
    ids = tf.SparseTensor([[0, 0], [1, 0]], tf.constant([1, 4], tf.int64), [2, 2])
    lookup = tf.nn.embedding_lookup_sparse(params, ids, None, combiner="sqrtn")
    grads = tf.gradients(
        tf.reduce_sum(out["matmul"]) + tf.reduce_sum(out["reduce"]) + tf.reduce_sum(out["add"])
        + tf.reduce_sum(out["slice"]) + tf.reduce_sum(out["mul"]) + tf.reduce_sum(out["div"])
        + tf.reduce_sum(out["to_dense"] * 2.0), [vals, dense])
    out["grad_values"], out["grad_dense"] = grads
    fill_values = tf.constant([1.0])
    filled = tf.sparse.fill_empty_rows(tf.SparseTensor([[1, 0]], fill_values, [3, 2]), 9.0)[0]
    out["grad_fill"] = tf.gradients(filled.values, fill_values)[0]
    out["grad_lookup"] = tf.convert_to_tensor(tf.gradients(lookup, params)[0])
    out["grad_segment"] = tf.gradients(tf.sparse.segment_sum(dense, [0, 2], [0, 0]), dense)[0]
    return out


def test_tensorflow_imports_and_runs_a_sparse_graph(tmp_path):
    fetches = build()
    names = sorted(fetches)
    graph_def = tf.get_default_graph().as_graph_def()
    types = {node.op for node in graph_def.node}
    for op_type in ("SparseToDense", "SparseTensorDenseMatMul", "SparseReduceSum", "SparseReorder",
                    "SparseReshape", "SparseAdd", "SparseAddGrad", "SparseTensorDenseAdd", "SparseConcat",
                    "SparseSlice", "SparseSliceGrad", "SparseSplit", "SparseFillEmptyRows",
                    "SparseFillEmptyRowsGrad", "SparseDenseCwiseMul", "SparseDenseCwiseDiv",
                    "SparseSegmentMean", "SparseSegmentSqrtN", "SparseSegmentSqrtNGradV2",
                    "SparseSegmentSumGrad"):
        assert op_type in types, op_type
    path = tmp_path / "sparse.pb"
    path.write_bytes(graph_def.SerializeToString())
    with tf.Session() as sess:
        ours = sess.run([fetches[n] for n in names])
    proc = subprocess.run([TF_PYTHON, "-c", TF_RUN, str(path), json.dumps([fetches[n].name for n in names])],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    theirs = json.loads(proc.stdout.strip().splitlines()[-1])
    for name, mine, tf_value in zip(names, ours, theirs):
        np.testing.assert_allclose(np.asarray(mine, np.float64), np.asarray(tf_value, np.float64),
                                   rtol=1e-5, err_msg=name)


TF_EXPORT = textwrap.dedent('''
    import json, sys, os
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    import numpy as np
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    sp = tf.SparseTensor([[0, 0], [1, 2], [2, 1]], [1.0, 2.0, 3.0], [3, 4])
    b = tf.SparseTensor([[0, 0], [2, 3]], [4.0, 5.0], [3, 4])
    d = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4) + 1)
    ids = tf.SparseTensor([[0, 0], [1, 0]], tf.constant([1, 2], tf.int64), [2, 2])
    w = tf.constant(np.arange(8, dtype=np.float32).reshape(4, 2))
    outs = [tf.sparse.to_dense(sp), tf.sparse_tensor_dense_matmul(sp, w),
            tf.sparse.add(sp, b).values, (sp / d).values, tf.sparse_reduce_sum(sp, 1),
            tf.sparse.concat(1, [sp, b]).indices, tf.sparse.split(sp_input=sp, num_split=2, axis=1)[1].indices,
            tf.sparse.fill_empty_rows(sp, 5.0)[0].values, tf.sparse.reorder(b).indices,
            tf.nn.embedding_lookup_sparse(d, ids, None, combiner="sqrtn")]
    outs += tf.gradients(tf.reduce_sum(outs[1]) + tf.reduce_sum(outs[4]) + tf.reduce_sum(outs[3]),
                         [w, sp.values, d])
    with open(sys.argv[1], "wb") as f:
        f.write(tf.get_default_graph().as_graph_def().SerializeToString())
    with tf.Session() as sess:
        values = sess.run(outs)
    print(json.dumps({t.name: v.tolist() for t, v in zip(outs, values)}))
''')


def test_tensorflow_sparse_graph_runs_in_varflow(tmp_path):
    path = tmp_path / "tf_sparse.pb"
    proc = subprocess.run([TF_PYTHON, "-c", TF_EXPORT, str(path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    want = json.loads(proc.stdout.strip().splitlines()[-1])
    graph_def = tf.GraphDef()
    graph_def.ParseFromString(path.read_bytes())
    tf.import_graph_def(graph_def, name="")
    graph = tf.get_default_graph()
    with tf.Session() as sess:
        for name, value in want.items():
            got = sess.run(graph.get_tensor_by_name(name))
            np.testing.assert_allclose(np.asarray(got, np.float64), np.asarray(value, np.float64), rtol=1e-5,
                                       err_msg=name)
