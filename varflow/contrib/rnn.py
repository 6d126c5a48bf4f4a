"""`tf.contrib.rnn`: the TF1 contrib names for the recurrent cells and RNN functions (the same
objects as `tf.nn.rnn_cell` and `tf.nn`), plus the stacked bidirectional helpers."""
# ruff: noqa: F401
from ..ops.rnn import (static_bidirectional_rnn, static_rnn, static_state_saving_rnn,
                       stack_bidirectional_dynamic_rnn, stack_bidirectional_rnn)
from ..ops.rnn_cell_impl import (BasicLSTMCell, BasicRNNCell, DeviceWrapper, DropoutWrapper,
                                 GRUCell, LayerRNNCell, LSTMCell, LSTMStateTuple, MultiRNNCell,
                                 ResidualWrapper, RNNCell)

__all__ = ["BasicLSTMCell", "BasicRNNCell", "DeviceWrapper", "DropoutWrapper", "GRUCell",
           "LayerRNNCell", "LSTMCell", "LSTMStateTuple", "MultiRNNCell", "ResidualWrapper",
           "RNNCell", "static_bidirectional_rnn", "static_rnn", "static_state_saving_rnn",
           "stack_bidirectional_dynamic_rnn", "stack_bidirectional_rnn"]
