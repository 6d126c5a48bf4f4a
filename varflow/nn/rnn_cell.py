"""`tf.nn.rnn_cell`: TF1's recurrent cells (re-exports of `varflow.ops.rnn_cell_impl`)."""
# ruff: noqa: F401
from ..ops.rnn_cell_impl import (BasicLSTMCell, BasicRNNCell, DeviceWrapper, DropoutWrapper,
                                 GRUCell, LSTMCell, LSTMStateTuple, MultiRNNCell,
                                 ResidualWrapper, RNNCell)

__all__ = ["BasicLSTMCell", "BasicRNNCell", "DeviceWrapper", "DropoutWrapper", "GRUCell",
           "LSTMCell", "LSTMStateTuple", "MultiRNNCell", "ResidualWrapper", "RNNCell"]
