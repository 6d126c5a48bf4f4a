"""TF's reader entry points: `NewCheckpointReader`, `load_checkpoint`, `list_variables`, `load_variable`."""
from __future__ import annotations

import os

from .bundle import BundleReader
from .state import latest_checkpoint


def NewCheckpointReader(filepattern: str) -> BundleReader:  # noqa: N802 - TensorFlow's public name
    """A reader for the checkpoint at prefix `filepattern` (`tf.train.NewCheckpointReader`)."""
    return BundleReader(os.fspath(filepattern))


def _prefix(ckpt_dir_or_file: str) -> str:
    ckpt_dir_or_file = os.fspath(ckpt_dir_or_file)
    if os.path.isdir(ckpt_dir_or_file):
        prefix = latest_checkpoint(ckpt_dir_or_file)
        if prefix is None:
            raise ValueError("Couldn't find 'checkpoint' file or checkpoints in given directory %s"
                             % ckpt_dir_or_file)
        return prefix
    return ckpt_dir_or_file


def load_checkpoint(ckpt_dir_or_file: str) -> BundleReader:
    """A reader for a checkpoint prefix, or for the latest checkpoint of a directory (`tf.train.load_checkpoint`)."""
    return BundleReader(_prefix(ckpt_dir_or_file))


def list_variables(ckpt_dir_or_file: str) -> list[tuple[str, list[int]]]:
    """Sorted (name, shape) of every tensor in a checkpoint (`tf.train.list_variables`)."""
    with load_checkpoint(ckpt_dir_or_file) as reader:
        return reader.list_variables()


def load_variable(ckpt_dir_or_file: str, name: str):
    """The value of one tensor; a trailing ":0" is ignored (`tf.train.load_variable`)."""
    if name.endswith(":0"):
        name = name[:-2]
    with load_checkpoint(ckpt_dir_or_file) as reader:
        return reader.get_tensor(name)
