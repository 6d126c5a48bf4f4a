"""The `checkpoint` state file: TF's text format, relative paths, and the latest-checkpoint helpers."""
import os

import pytest

from varflow.checkpoint import (CheckpointState, checkpoint_exists, get_checkpoint_state, latest_checkpoint,
                                parse_checkpoint_state, remove_checkpoint, update_checkpoint_state, write_bundle)


def test_text_matches_tf(tmp_path):
    # Observed in TF 2.21: update_checkpoint_state_internal(d, "/d/m-1", ["/d/m-0", "/d/m-1"],
    # save_relative_paths=True, all_model_checkpoint_timestamps=[1700000000.123456789, 1700000001.5],
    # last_preserved_timestamp=1699999999.25).
    d = str(tmp_path)
    update_checkpoint_state(d, os.path.join(d, "m-1"), [os.path.join(d, "m-0"), os.path.join(d, "m-1")],
                            all_model_checkpoint_timestamps=[1700000000.123456789, 1700000001.5],
                            last_preserved_timestamp=1699999999.25, save_relative_paths=True)
    assert open(os.path.join(d, "checkpoint")).read() == (
        'model_checkpoint_path: "m-1"\nall_model_checkpoint_paths: "m-0"\nall_model_checkpoint_paths: "m-1"\n'
        "all_model_checkpoint_timestamps: 1700000000.1234567\nall_model_checkpoint_timestamps: 1700000001.5\n"
        "last_preserved_timestamp: 1699999999.25\n")
    assert os.listdir(d) == ["checkpoint"]  # no temporary file left


def test_escaping_matches_tf(tmp_path):
    # Observed in TF 2.21 (paths with quotes, tabs, control bytes, backslashes and non-ASCII).
    d = str(tmp_path)
    update_checkpoint_state(d, "a'b\tc\x01\x7f\\d\u00e9", ["x"], all_model_checkpoint_timestamps=[5.0, 1e20],
                            last_preserved_timestamp=1e-5)
    text = open(os.path.join(d, "checkpoint"), encoding="utf-8").read()
    assert text == ('model_checkpoint_path: "a\\\'b\\tc\\001\\177\\\\d\u00e9"\nall_model_checkpoint_paths: "x"\n'
                    'all_model_checkpoint_paths: "a\\\'b\\tc\\001\\177\\\\d\u00e9"\n'
                    "all_model_checkpoint_timestamps: 5.0\nall_model_checkpoint_timestamps: 1e+20\n"
                    "last_preserved_timestamp: 1e-05\n")
    state = get_checkpoint_state(d)
    assert state.model_checkpoint_path == os.path.join(d, "a'b\tc\x01\x7f\\d\u00e9")
    assert state.all_model_checkpoint_timestamps == [5.0, 1e20]


def test_parser_accepts_text_format_variants():
    state = parse_checkpoint_state("# comment\nmodel_checkpoint_path: 'q\\x41\\101'  "
                                   'all_model_checkpoint_paths: "z" "y"\n'
                                   "all_model_checkpoint_paths: [\"a\", 'b']; last_preserved_timestamp: 2")
    assert state == CheckpointState("qAA", ["zy", "a", "b"], [], 2.0)


def test_bad_state_files(tmp_path):
    d = str(tmp_path)
    assert get_checkpoint_state(d) is None
    path = os.path.join(d, "checkpoint")
    open(path, "w").write('model_checkpoint_path: "a"\nbogus: 1\n')
    assert get_checkpoint_state(d) is None  # TF logs and ignores unparsable files
    for text in ['all_model_checkpoint_paths: "a"\n', ""]:
        open(path, "w").write(text)
        with pytest.raises(ValueError, match="Invalid checkpoint state loaded from"):
            get_checkpoint_state(d)
    with pytest.raises(RuntimeError, match="conflicts with path used for checkpoint state"):
        update_checkpoint_state(d, path)


def test_relative_and_absolute_paths(tmp_path):
    d = str(tmp_path)
    update_checkpoint_state(d, "/abs/elsewhere/m-2", ["m-1"], latest_filename="state")
    state = get_checkpoint_state(d, "state")
    assert state.model_checkpoint_path == "/abs/elsewhere/m-2"
    assert state.all_model_checkpoint_paths == [os.path.join(d, "m-1"), "/abs/elsewhere/m-2"]


def test_relative_save_dir_matches_tf(tmp_path, monkeypatch):
    # Observed in TF 2.21 from cwd C: update_checkpoint_state_internal("rel/dir", "rel/dir/m-1",
    # ["rel/dir/m-0"], save_relative_paths=True) writes paths relative to rel/dir.
    monkeypatch.chdir(tmp_path)
    os.makedirs("rel/dir")
    update_checkpoint_state("rel/dir", "rel/dir/m-1", ["rel/dir/m-0"], save_relative_paths=True)
    assert open("rel/dir/checkpoint").read() == ('model_checkpoint_path: "m-1"\nall_model_checkpoint_paths: '
                                                 '"m-0"\nall_model_checkpoint_paths: "m-1"\n')


def test_latest_checkpoint_exists_and_remove(tmp_path):
    d = str(tmp_path)
    prefix = write_bundle(os.path.join(d, "model.ckpt-1"), {"v": 1.0})
    assert latest_checkpoint(d) is None
    update_checkpoint_state(d, prefix, save_relative_paths=True)
    assert "model_checkpoint_path: \"model.ckpt-1\"" in open(os.path.join(d, "checkpoint")).read()
    assert latest_checkpoint(d) == prefix and checkpoint_exists(prefix)
    remove_checkpoint(prefix)
    assert not checkpoint_exists(prefix)
    assert latest_checkpoint(d) is None
    assert latest_checkpoint(os.path.join(d, "nonexistent")) is None
