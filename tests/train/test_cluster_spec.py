"""tf.train.ClusterSpec: dense and sparse jobs, lookups and conversions (expected values observed in
TF 2.21 through tf.compat.v1)."""
import pytest

from varflow.train.cluster import ClusterDef, ClusterSpec, JobDef

SPARSE = {"ps": ["ps0:2222", "ps1:2222"], "worker": {1: "worker1:2222", 3: "worker3:2222"}}


def test_dense_and_sparse_lookups():
    cs = ClusterSpec(SPARSE)
    assert cs.jobs == ["ps", "worker"]
    assert cs.num_tasks("ps") == 2 and cs.num_tasks("worker") == 2
    assert cs.task_indices("worker") == [1, 3]
    assert cs.task_indices("ps") == [0, 1]
    assert cs.task_address("worker", 3) == "worker3:2222"
    assert cs.task_address("ps", 0) == "ps0:2222"
    assert cs.job_tasks("ps") == ["ps0:2222", "ps1:2222"]
    assert cs.job_tasks("worker") == [None, "worker1:2222", None, "worker3:2222"]


def test_unknown_job_or_task_raises_value_error():
    cs = ClusterSpec(SPARSE)
    for call in (lambda: cs.task_address("nojob", 0), lambda: cs.task_address("worker", 0),
                 lambda: cs.num_tasks("x"), lambda: cs.task_indices("x"), lambda: cs.job_tasks("x"),
                 lambda: cs.task_address("worker", "3")):
        with pytest.raises(ValueError):
            call()


def test_as_dict_lists_for_dense_dicts_for_sparse():
    cs = ClusterSpec(SPARSE)
    assert cs.as_dict() == SPARSE
    assert isinstance(cs.as_dict()["ps"], list)
    # dense given as an unordered dict comes back as a list; an empty job as {}
    assert ClusterSpec({"a": {1: "x", 0: "y"}}).as_dict() == {"a": ["y", "x"]}
    assert ClusterSpec({"a": []}).as_dict() == {"a": {}}
    assert ClusterSpec({"a": {-1: "x"}}).as_dict() == {"a": {-1: "x"}}
    assert ClusterSpec({"a": ("x", "y")}).as_dict() == {"a": ["x", "y"]}
    # string indices are converted to ints
    assert ClusterSpec({"b": {"2": "x"}}).as_dict() == {"b": {2: "x"}}


def test_empty_job():
    cs = ClusterSpec({"a": []})
    assert cs.num_tasks("a") == 0 and cs.task_indices("a") == []
    assert bool(cs)
    with pytest.raises(ValueError):
        cs.job_tasks("a")


def test_job_order_and_cluster_def_round_trip():
    cs = ClusterSpec({"z": ["1"], "a": ["2"]})
    assert cs.jobs == ["z", "a"]  # insertion order
    cd = cs.as_cluster_def()
    assert [j.name for j in cd.job] == ["a", "z"]  # sorted in the ClusterDef
    assert cd.job[0].tasks == {0: "2"}
    assert ClusterSpec(cd).jobs == ["a", "z"]
    assert ClusterSpec(cs).jobs == ["a", "z"]
    assert ClusterSpec(cs) == cs
    sparse = ClusterSpec(SPARSE)
    assert ClusterSpec(sparse.as_cluster_def()).as_dict() == SPARSE


def test_cluster_def_built_by_hand():
    cd = ClusterDef()
    job = cd.job.add()
    job.name = "ps"
    job.tasks[0] = "a:1"
    job.tasks[2] = "b"
    assert ClusterSpec(cd).as_dict() == {"ps": {0: "a:1", 2: "b"}}
    assert ClusterDef([JobDef("ps", {0: "a:1", 2: "b"})]) == cd
    assert 'name: \'ps\'' in str(cd)


def test_equality_truthiness_and_repr():
    cs = ClusterSpec(SPARSE)
    assert cs == ClusterSpec(cs.as_dict())
    assert not (cs == cs.as_dict())
    assert ClusterSpec({"a": []}) == ClusterSpec({"a": {}})
    assert not (ClusterSpec({"a": ["x"]}) != ClusterSpec({"a": {0: "x"}}))
    assert ClusterSpec({"a": ["x"]}) != ClusterSpec({"a": ["y"]})
    assert not ClusterSpec({})
    assert bool(cs)
    assert str(cs) == ("ClusterSpec({'ps': ['ps0:2222', 'ps1:2222'], "
                       "'worker': {1: 'worker1:2222', 3: 'worker3:2222'}})")
    with pytest.raises(TypeError):
        hash(cs)


def test_bad_inputs():
    with pytest.raises(TypeError):
        ClusterSpec(5)
    with pytest.raises(TypeError):
        ClusterSpec(None)
    with pytest.raises(TypeError):
        ClusterSpec({"a": 5})
    with pytest.raises(TypeError):
        ClusterSpec({"a": [1]})
    with pytest.raises(TypeError):
        ClusterSpec({5: ["x"]})
    with pytest.raises(ValueError):
        ClusterSpec({"a": {"x": "b"}})


def test_bytes_addresses_kept():
    assert ClusterSpec({"a": [b"x"]}).as_dict() == {"a": [b"x"]}
