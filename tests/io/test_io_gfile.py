"""tf.io.gfile: TF2's snake_case names over varflow's gfile."""
import pytest

import varflow as tf
import varflow.io as tfio


def test_snake_case_file_api(tmp_path):
    g = tfio.gfile
    d = g.join(str(tmp_path), "a", "b")
    g.makedirs(d)
    assert g.isdir(d) and g.exists(d)
    with g.GFile(g.join(d, "x.txt"), "w") as f:
        f.write("hi")
    g.copy(g.join(d, "x.txt"), g.join(d, "y.txt"))
    with pytest.raises(tf.errors.AlreadyExistsError):
        g.rename(g.join(d, "x.txt"), g.join(d, "y.txt"))
    g.rename(g.join(d, "x.txt"), g.join(d, "z.txt"))
    assert sorted(g.listdir(d)) == ["y.txt", "z.txt"]
    assert g.glob(g.join(d, "*.txt")) == [g.join(d, "y.txt"), g.join(d, "z.txt")]
    assert g.stat(g.join(d, "y.txt")).length == 2
    assert [w[0] for w in g.walk(str(tmp_path))] == [str(tmp_path), g.join(str(tmp_path), "a"), d]
    g.remove(g.join(d, "y.txt"))
    g.mkdir(g.join(d, "c"))
    g.rmtree(g.join(str(tmp_path), "a"))
    assert not g.exists(d)
