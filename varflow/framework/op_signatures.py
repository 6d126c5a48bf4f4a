"""TensorFlow's op interfaces (input/output argument kinds and attr names) for the ops varflow defines.

`graph_def` uses these facts to write NodeDefs that real TensorFlow accepts: it adds the type and length
attrs TF's op defs require (`T`, `N`, `Tidx`, …) from the node's inputs and outputs, and drops
varflow-only attrs. One line per op: `Op|inputs|outputs|attr names`; an argument is a type attr name,
`=` (fixed type), `T*N` (N tensors of type T), `=*N` (N tensors of a fixed type) or `[T]` (a type list).
"""
from __future__ import annotations

_TABLE = """\
Abs|T|T|T
Acos|T|T|T
Acosh|T|T|T
AddN|T*N|T|N T
AddV2|T,T|T|T
All|=,Tidx|=|keep_dims Tidx
Any|=,Tidx|=|keep_dims Tidx
ApplyAdadelta|T,T,T,T,T,T,T|T|T use_locking
ApplyAdagrad|T,T,T,T|T|T use_locking update_slots
ApplyAdam|T,T,T,T,T,T,T,T,T,T|T|T use_locking use_nesterov
ApplyCenteredRMSProp|T,T,T,T,T,T,T,T,T|T|T use_locking
ApplyFtrl|T,T,T,T,T,T,T,T|T|T use_locking multiply_linear_by_lr
ApplyFtrlV2|T,T,T,T,T,T,T,T,T|T|T use_locking multiply_linear_by_lr
ApplyGradientDescent|T,T,T|T|T use_locking
ApplyMomentum|T,T,T,T,T|T|T use_locking use_nesterov
ApplyProximalAdagrad|T,T,T,T,T,T|T|T use_locking
ApplyProximalGradientDescent|T,T,T,T,T|T|T use_locking
ApplyRMSProp|T,T,T,T,T,T,T,T|T|T use_locking
ArgMax|T,Tidx|output_type|T Tidx output_type
ArgMin|T,Tidx|output_type|T Tidx output_type
Asin|T|T|T
Asinh|T|T|T
Assert|=,[T]||T summarize
Assign|T,T|T|T validate_shape use_locking
AssignAdd|T,T|T|T use_locking
AssignAddVariableOp|=,dtype||dtype
AssignSub|T,T|T|T use_locking
AssignSubVariableOp|=,dtype||dtype
AssignVariableOp|=,dtype||dtype validate_shape
Atan|T|T|T
Atan2|T,T|T|T
Atanh|T|T|T
AudioSummaryV2|=,=,=|=|max_outputs
AvgPool|T|T|ksize strides padding data_format T
AvgPoolGrad|=,T|T|ksize strides padding data_format T
BatchMatMulV2|T,T|T|T adj_x adj_y grad_x grad_y
BiasAdd|T,T|T|T data_format
BiasAddGrad|T|T|T data_format
Bincount|=,=,T|T|T
BitwiseAnd|T,T|T|T
BitwiseOr|T,T|T|T
BitwiseXor|T,T|T|T
BroadcastArgs|T,T|T|T
BroadcastTo|T,Tidx|T|T Tidx
Cast|SrcT|DstT|SrcT DstT Truncate
Ceil|T|T|T
CheckNumerics|T|T|T message
Complex|T,T|Tout|T Tout
ComplexAbs|T|Tout|T Tout
ConcatV2|T*N,Tidx|T|N T Tidx
Conj|T|T|T
ConjugateTranspose|T,Tperm|T|T Tperm
Const||dtype|value dtype
Conv2D|T,T|T|T strides use_cudnn_on_gpu padding explicit_paddings data_format dilations
Conv2DBackpropFilter|T,=,T|T|T strides use_cudnn_on_gpu padding explicit_paddings data_format dilations
Conv2DBackpropInput|=,T,T|T|T strides use_cudnn_on_gpu padding explicit_paddings data_format dilations
Cos|T|T|T
Cosh|T|T|T
CountUpTo|T|T|limit T
Cumprod|T,Tidx|T|exclusive reverse T Tidx
Cumsum|T,Tidx|T|exclusive reverse T Tidx
DepthwiseConv2dNative|T,T|T|T strides padding explicit_paddings data_format dilations
DepthwiseConv2dNativeBackpropFilter|T,=,T|T|T strides padding explicit_paddings data_format dilations
DepthwiseConv2dNativeBackpropInput|=,T,T|T|T strides padding explicit_paddings data_format dilations
Diag|T|T|T
DiagPart|T|T|T
Digamma|T|T|T
DivNoNan|T,T|T|T
Einsum|T*N|T|equation N T
Elu|T|T|T
EluGrad|T,T|T|T
EnsureShape|T|T|shape T
Enter|T|T|T frame_name is_constant parallel_iterations
Equal|T,T|=|T incompatible_shape_error
Erf|T|T|T
Erfc|T|T|T
EuclideanNorm|T,Tidx|T|keep_dims T Tidx
Exit|T|T|T
Exp|T|T|T
ExpandDims|T,Tdim|T|T Tdim
Expm1|T|T|T
Fill|index_type,T|T|T index_type
Floor|T|T|T
FloorDiv|T,T|T|T
FloorMod|T,T|T|T
GatherNd|Tparams,Tindices|Tparams|Tparams Tindices bad_indices_policy
GatherV2|Tparams,Tindices,Taxis|Tparams|batch_dims Tparams Tindices Taxis
Greater|T,T|=|T
GreaterEqual|T,T|=|T
HistogramSummary|=,T|=|T
Identity|T|T|T
IdentityN|[T]|[T]|T
Imag|T|Tout|T Tout
ImageSummary|=,T|=|max_images T bad_color
InTopKV2|=,T,T|=|T
Invert|T|T|T
InvertPermutation|T|T|T
IsFinite|T|=|T
IsInf|T|=|T
IsNan|T|=|T
IsVariableInitialized|dtype|=|dtype
L2Loss|T|T|T
LeakyRelu|T|T|alpha T
LeakyReluGrad|T,T|T|alpha T
Less|T,T|=|T
LessEqual|T,T|=|T
Lgamma|T|T|T
LinSpace|T,T,Tidx|T|T Tidx
ListDiff|T,T|T,out_idx|T out_idx
Log|T|T|T
Log1p|T|T|T
LogSoftmax|T|T|T
LogicalAnd|=,=|=|
LogicalNot|=|=|
LogicalOr|=,=|=|
LoopCond|=|=|
MatMul|T,T|T|transpose_a transpose_b T grad_a grad_b
MatrixBandPart|T,Tindex,Tindex|T|T Tindex
MatrixDiagPartV3|T,=,T|T|T align
MatrixDiagV3|T,=,=,=,T|T|T align
MatrixSetDiagV3|T,T,=|T|T align
Max|T,Tidx|T|keep_dims T Tidx
MaxPool|T|T|T ksize strides padding explicit_paddings data_format
MaxPoolGrad|T,T,T|T|ksize strides padding explicit_paddings data_format T
MaxPoolGradGrad|T,T,T|T|ksize strides padding data_format T
Maximum|T,T|T|T
Mean|T,Tidx|T|keep_dims T Tidx
Merge|T*N|T,=|T N
MergeSummary|=*N|=|N
MergeV2Checkpoints|=,=||delete_old_dirs allow_missing_files
Min|T,Tidx|T|keep_dims T Tidx
Minimum|T,T|T|T
MirrorPad|T,Tpaddings|T|T Tpaddings mode
MirrorPadGrad|T,Tpaddings|T|T Tpaddings mode
Mul|T,T|T|T
MulNoNan|T,T|T|T
Multinomial|T,=|output_dtype|seed seed2 T output_dtype
Neg|T|T|T
NextIteration|T|T|T
NoOp|||
NotEqual|T,T|=|T incompatible_shape_error
OneHot|TI,=,T,T|T|axis T TI
OnesLike|T|T|T
Pack|T*N|T|N T axis
Pad|T,Tpaddings|T|T Tpaddings
PadV2|T,Tpaddings,T|T|T Tpaddings
Placeholder||dtype|dtype shape
PlaceholderV2||dtype|dtype shape
PlaceholderWithDefault|dtype|dtype|dtype shape
Pow|T,T|T|T
Print|T,[U]|T|T U message first_n summarize
PrintV2|=||output_stream end
Prod|T,Tidx|T|keep_dims T Tidx
Qr|T|T,T|full_matrices T
RandomGamma|S,T|T|seed seed2 S T
RandomPoissonV2|S,R|dtype|seed seed2 S R dtype
RandomShuffle|T|T|seed seed2 T
RandomStandardNormal|T|dtype|seed seed2 dtype T
RandomUniform|T|dtype|seed seed2 dtype T
RandomUniformInt|T,Tout,Tout|Tout|seed seed2 Tout T
Range|Tidx,Tidx,Tidx|Tidx|Tidx
Rank|T|=|T
ReadVariableOp|=|dtype|dtype
Real|T|Tout|T Tout
RealDiv|T,T|T|T
Reciprocal|T|T|T
RefMerge|T*N|T,=|T N
RefSwitch|T,=|T,T|T
Relu|T|T|T
Relu6|T|T|T
Relu6Grad|T,T|T|T
ReluGrad|T,T|T|T
Reshape|T,Tshape|T|T Tshape
ResourceApplyAdadelta|=,=,=,T,T,T,T||T use_locking
ResourceApplyAdagrad|=,=,T,T||T use_locking update_slots
ResourceApplyAdam|=,=,=,T,T,T,T,T,T,T||T use_locking use_nesterov
ResourceApplyCenteredRMSProp|=,=,=,=,T,T,T,T,T||T use_locking
ResourceApplyFtrl|=,=,=,T,T,T,T,T||T use_locking multiply_linear_by_lr
ResourceApplyFtrlV2|=,=,=,T,T,T,T,T,T||T use_locking multiply_linear_by_lr
ResourceApplyGradientDescent|=,T,T||T use_locking
ResourceApplyMomentum|=,=,T,T,T||T use_locking use_nesterov
ResourceApplyProximalAdagrad|=,=,T,T,T,T||T use_locking
ResourceApplyProximalGradientDescent|=,T,T,T,T||T use_locking
ResourceApplyRMSProp|=,=,=,T,T,T,T,T||T use_locking
ResourceCountUpTo|=|T|limit T
ResourceGather|=,Tindices|dtype|batch_dims validate_indices dtype Tindices
ResourceScatterAdd|=,Tindices,dtype||dtype Tindices
ResourceScatterDiv|=,Tindices,dtype||dtype Tindices
ResourceScatterMax|=,Tindices,dtype||dtype Tindices
ResourceScatterMin|=,Tindices,dtype||dtype Tindices
ResourceScatterMul|=,Tindices,dtype||dtype Tindices
ResourceScatterNdAdd|=,Tindices,T||T Tindices use_locking bad_indices_policy
ResourceScatterNdSub|=,Tindices,T||T Tindices use_locking bad_indices_policy
ResourceScatterNdUpdate|=,Tindices,T||T Tindices use_locking bad_indices_policy
ResourceScatterSub|=,Tindices,dtype||dtype Tindices
ResourceScatterUpdate|=,Tindices,dtype||dtype Tindices
ResourceSparseApplyAdadelta|=,=,=,T,T,T,T,Tindices||T Tindices use_locking
ResourceSparseApplyAdagrad|=,=,T,T,Tindices||T Tindices use_locking update_slots
ResourceSparseApplyCenteredRMSProp|=,=,=,=,T,T,T,T,T,Tindices||T Tindices use_locking
ResourceSparseApplyFtrl|=,=,=,T,Tindices,T,T,T,T||T Tindices use_locking multiply_linear_by_lr
ResourceSparseApplyFtrlV2|=,=,=,T,Tindices,T,T,T,T,T||T Tindices use_locking multiply_linear_by_lr
ResourceSparseApplyMomentum|=,=,T,T,Tindices,T||T Tindices use_locking use_nesterov
ResourceSparseApplyProximalAdagrad|=,=,T,T,T,T,Tindices||T Tindices use_locking
ResourceSparseApplyProximalGradientDescent|=,T,T,T,T,Tindices||T Tindices use_locking
ResourceSparseApplyRMSProp|=,=,=,T,T,T,T,T,Tindices||T Tindices use_locking
ResourceStridedSliceAssign|=,Index,Index,Index,T||T Index begin_mask end_mask ellipsis_mask new_axis_mask shrink_axis_mask
RestoreV2|=,=,=|[dtypes]|dtypes
ReverseSequence|T,Tlen|T|seq_dim batch_dim T Tlen
ReverseV2|T,Tidx|T|Tidx T
Rint|T|T|T
Round|T|T|T
Rsqrt|T|T|T
SaveV2|=,=,=,[dtypes]||dtypes
ScalarSummary|=,T|=|T
ScatterAdd|T,Tindices,T|T|T Tindices use_locking
ScatterDiv|T,Tindices,T|T|T Tindices use_locking
ScatterMax|T,Tindices,T|T|T Tindices use_locking
ScatterMin|T,Tindices,T|T|T Tindices use_locking
ScatterMul|T,Tindices,T|T|T Tindices use_locking
ScatterNd|Tindices,T,Tindices|T|T Tindices bad_indices_policy
ScatterNdAdd|T,Tindices,T|T|T Tindices use_locking bad_indices_policy
ScatterNdSub|T,Tindices,T|T|T Tindices use_locking bad_indices_policy
ScatterNdUpdate|T,Tindices,T|T|T Tindices use_locking bad_indices_policy
ScatterSub|T,Tindices,T|T|T Tindices use_locking
ScatterUpdate|T,Tindices,T|T|T Tindices use_locking
SegmentMax|T,Tindices|T|T Tindices
SegmentMean|T,Tindices|T|T Tindices
SegmentMin|T,Tindices|T|T Tindices
SegmentProd|T,Tindices|T|T Tindices
SegmentSum|T,Tindices|T|T Tindices
Select|=,T,T|T|T
SelectV2|=,T,T|T|T
Selu|T|T|T
SeluGrad|T,T|T|T
Shape|T|out_type|T out_type
ShapeN|T*N|out_type*N|N T out_type
ShardedFilename|=,=,=|=|
Sigmoid|T|T|T
Sign|T|T|T
Sin|T|T|T
Sinh|T|T|T
Size|T|out_type|T out_type
Slice|T,Index,Index|T|T Index
Snapshot|T|T|T
Softmax|T|T|T
SoftmaxCrossEntropyWithLogits|T,T|T,T|T
Softplus|T|T|T
SoftplusGrad|T,T|T|T
Softsign|T|T|T
SoftsignGrad|T,T|T|T
SparseApplyAdadelta|T,T,T,T,T,T,T,Tindices|T|T Tindices use_locking
SparseApplyAdagrad|T,T,T,T,Tindices|T|T Tindices use_locking update_slots
SparseApplyCenteredRMSProp|T,T,T,T,T,T,T,T,T,Tindices|T|T Tindices use_locking
SparseApplyFtrl|T,T,T,T,Tindices,T,T,T,T|T|T Tindices use_locking multiply_linear_by_lr
SparseApplyFtrlV2|T,T,T,T,Tindices,T,T,T,T,T|T|T Tindices use_locking multiply_linear_by_lr
SparseApplyMomentum|T,T,T,T,Tindices,T|T|T Tindices use_locking use_nesterov
SparseApplyProximalAdagrad|T,T,T,T,T,T,Tindices|T|T Tindices use_locking
SparseApplyProximalGradientDescent|T,T,T,T,T,Tindices|T|T Tindices use_locking
SparseApplyRMSProp|T,T,T,T,T,T,T,T,Tindices|T|T Tindices use_locking
SparseSoftmaxCrossEntropyWithLogits|T,Tlabels|T,T|T Tlabels
Split|=,T|T*num_split|num_split T
SplitV|T,Tlen,=|T*num_split|num_split T Tlen
Sqrt|T|T|T
Square|T|T|T
SquaredDifference|T,T|T|T
Squeeze|T|T|T squeeze_dims
StopGradient|T|T|T
StridedSlice|T,Index,Index,Index|T|T Index begin_mask end_mask ellipsis_mask new_axis_mask shrink_axis_mask
StridedSliceAssign|T,Index,Index,Index,T|T|T Index begin_mask end_mask ellipsis_mask new_axis_mask shrink_axis_mask
StridedSliceGrad|Index,Index,Index,Index,T|T|T Index begin_mask end_mask ellipsis_mask new_axis_mask shrink_axis_mask
StringJoin|=*N|=|N separator
Sub|T,T|T|T
Sum|T,Tidx|T|keep_dims T Tidx
Switch|T,=|T,T|T
Tan|T|T|T
Tanh|T|T|T
TensorSummary|T|=|T description labels display_name
TensorSummaryV2|=,T,=|=|T
Tile|T,Tmultiples|T|T Tmultiples
TopKV2|T,Tk|T,index_type|sorted T Tk index_type
Transpose|T,Tperm|T|T Tperm
TruncateDiv|T,T|T|T
TruncateMod|T,T|T|T
TruncatedNormal|T|dtype|seed seed2 dtype T
Unique|T|T,out_idx|T out_idx
Unpack|T|T*num|num T axis
UnsortedSegmentMax|T,Tindices,Tnumsegments|T|T Tindices Tnumsegments
UnsortedSegmentMin|T,Tindices,Tnumsegments|T|T Tindices Tnumsegments
UnsortedSegmentProd|T,Tindices,Tnumsegments|T|T Tindices Tnumsegments
UnsortedSegmentSum|T,Tindices,Tnumsegments|T|T Tindices Tnumsegments
VarHandleOp||=|container shared_name debug_name dtype shape allowed_devices
VarIsInitializedOp|=|=|
Variable||dtype|shape dtype container shared_name
VariableV2||dtype|shape dtype container shared_name
Where|T|=|T
While|[T]|[T]|T cond body output_shapes parallel_iterations
ZerosLike|T|T|T
"""


def _parse() -> dict:
    table = {}
    for line in _TABLE.splitlines():
        op, inputs, outputs, attrs = line.split("|")
        table[op] = (tuple(a for a in inputs.split(",") if a), tuple(a for a in outputs.split(",") if a),
                     frozenset(attrs.split()))
    return table


SIGNATURES: dict[str, tuple[tuple[str, ...], tuple[str, ...], frozenset]] = _parse()
