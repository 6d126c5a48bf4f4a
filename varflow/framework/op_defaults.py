"""TensorFlow's op-def attr defaults for the ops varflow defines (a fact table, like `op_signatures`).

`export_meta_graph(strip_default_attrs=True)` drops attrs whose value is TF's default (TF's importer
adds them back, and `import_meta_graph` does too for a MetaGraphDef that says its defaults were
stripped). One line per op with defaults: `Op|attr=<AttrValue in text format>;...`.
"""
from __future__ import annotations

from .graph_def import AttrValue, GraphDef

__all__ = ["default_attrs", "strip_default_attrs", "add_default_attrs"]

_TABLE = r"""
All|keep_dims=b: false;Tidx=type: DT_INT32
Any|keep_dims=b: false;Tidx=type: DT_INT32
ApplyAdadelta|use_locking=b: false
ApplyAdagrad|use_locking=b: false;update_slots=b: true
ApplyAdam|use_locking=b: false;use_nesterov=b: false
ApplyCenteredRMSProp|use_locking=b: false
ApplyFtrl|use_locking=b: false;multiply_linear_by_lr=b: false
ApplyFtrlV2|use_locking=b: false;multiply_linear_by_lr=b: false
ApplyGradientDescent|use_locking=b: false
ApplyMomentum|use_locking=b: false;use_nesterov=b: false
ApplyProximalAdagrad|use_locking=b: false
ApplyProximalGradientDescent|use_locking=b: false
ApplyRMSProp|use_locking=b: false
ArgMax|Tidx=type: DT_INT32;output_type=type: DT_INT64
ArgMin|Tidx=type: DT_INT32;output_type=type: DT_INT64
AsString|precision=i: -1;scientific=b: false;shortest=b: false;width=i: -1;fill=s: ""
Assert|summarize=i: 3
Assign|validate_shape=b: true;use_locking=b: true
AssignAdd|use_locking=b: false
AssignSub|use_locking=b: false
AssignVariableOp|validate_shape=b: false
AudioSummaryV2|max_outputs=i: 3
AvgPool|data_format=s: "NHWC"
AvgPool3D|data_format=s: "NDHWC"
AvgPool3DGrad|data_format=s: "NDHWC"
AvgPoolGrad|data_format=s: "NHWC"
BatchMatMulV2|adj_x=b: false;adj_y=b: false;grad_x=b: false;grad_y=b: false
BiasAdd|data_format=s: "NHWC"
BiasAddGrad|data_format=s: "NHWC"
BroadcastArgs|T=type: DT_INT32
BroadcastTo|Tidx=type: DT_INT32
Cast|Truncate=b: false
Complex|T=type: DT_FLOAT;Tout=type: DT_COMPLEX64
ComplexAbs|T=type: DT_COMPLEX64;Tout=type: DT_FLOAT
ConcatV2|Tidx=type: DT_INT32
Conj|T=type: DT_COMPLEX64
ConjugateTranspose|Tperm=type: DT_INT32
Conv2D|use_cudnn_on_gpu=b: true;explicit_paddings=list { };data_format=s: "NHWC";dilations=list { i: 1 i: 1 i: 1 i: 1 }
Conv2DBackpropFilter|use_cudnn_on_gpu=b: true;explicit_paddings=list { };data_format=s: "NHWC";dilations=list { i: 1 i: 1 i: 1 i: 1 }
Conv2DBackpropInput|use_cudnn_on_gpu=b: true;explicit_paddings=list { };data_format=s: "NHWC";dilations=list { i: 1 i: 1 i: 1 i: 1 }
Conv3D|data_format=s: "NDHWC";dilations=list { i: 1 i: 1 i: 1 i: 1 i: 1 }
Conv3DBackpropFilterV2|data_format=s: "NDHWC";dilations=list { i: 1 i: 1 i: 1 i: 1 i: 1 }
Conv3DBackpropInputV2|data_format=s: "NDHWC";dilations=list { i: 1 i: 1 i: 1 i: 1 i: 1 };Tshape=type: DT_INT32
Cumprod|exclusive=b: false;reverse=b: false;Tidx=type: DT_INT32
Cumsum|exclusive=b: false;reverse=b: false;Tidx=type: DT_INT32
DepthwiseConv2dNative|explicit_paddings=list { };data_format=s: "NHWC";dilations=list { i: 1 i: 1 i: 1 i: 1 }
DepthwiseConv2dNativeBackpropFilter|explicit_paddings=list { };data_format=s: "NHWC";dilations=list { i: 1 i: 1 i: 1 i: 1 }
DepthwiseConv2dNativeBackpropInput|explicit_paddings=list { };data_format=s: "NHWC";dilations=list { i: 1 i: 1 i: 1 i: 1 }
Enter|is_constant=b: false;parallel_iterations=i: 10
Equal|incompatible_shape_error=b: true
EuclideanNorm|keep_dims=b: false;Tidx=type: DT_INT32
ExpandDims|Tdim=type: DT_INT32
Fill|index_type=type: DT_INT32
GatherNd|bad_indices_policy=s: ""
GatherV2|batch_dims=i: 0
GenerateVocabRemapping|old_vocab_size=i: -1
HashTableV2|container=s: "";shared_name=s: "";use_node_name_sharing=b: false
HistogramSummary|T=type: DT_FLOAT
Imag|T=type: DT_COMPLEX64;Tout=type: DT_FLOAT
ImageSummary|max_images=i: 3;T=type: DT_FLOAT;bad_color=tensor { dtype: DT_UINT8 tensor_shape { dim { size: 4 } } int_val: 255 int_val: 0 int_val: 0 int_val: 255 }
InTopKV2|T=type: DT_INT32
InitializeTableFromTextFileV2|vocab_size=i: -1;delimiter=s: "\t";offset=i: 0
InvertPermutation|T=type: DT_INT32
LeakyRelu|alpha=f: 0.2;T=type: DT_FLOAT
LeakyReluGrad|alpha=f: 0.2;T=type: DT_FLOAT
LinSpace|Tidx=type: DT_INT32
ListDiff|out_idx=type: DT_INT32
LoadAndRemapMatrix|max_rows_in_memory=i: -1
MatMul|transpose_a=b: false;transpose_b=b: false;grad_a=b: false;grad_b=b: false
MatrixBandPart|Tindex=type: DT_INT64
MatrixDiagPartV3|align=s: "RIGHT_LEFT"
MatrixDiagV3|align=s: "RIGHT_LEFT"
MatrixSetDiagV3|align=s: "RIGHT_LEFT"
Max|keep_dims=b: false;Tidx=type: DT_INT32
MaxPool|T=type: DT_FLOAT;explicit_paddings=list { };data_format=s: "NHWC"
MaxPool3D|data_format=s: "NDHWC"
MaxPool3DGrad|data_format=s: "NDHWC";T=type: DT_FLOAT;TInput=type: DT_FLOAT
MaxPool3DGradGrad|data_format=s: "NDHWC"
MaxPoolGrad|explicit_paddings=list { };data_format=s: "NHWC";T=type: DT_FLOAT
MaxPoolGradGrad|data_format=s: "NHWC"
Mean|keep_dims=b: false;Tidx=type: DT_INT32
MergeV2Checkpoints|delete_old_dirs=b: true;allow_missing_files=b: false
Min|keep_dims=b: false;Tidx=type: DT_INT32
MirrorPad|Tpaddings=type: DT_INT32
MirrorPadGrad|Tpaddings=type: DT_INT32
Multinomial|seed=i: 0;seed2=i: 0;output_dtype=type: DT_INT64
MutableDenseHashTableV2|container=s: "";shared_name=s: "";use_node_name_sharing=b: false;value_shape=shape { };initial_num_buckets=i: 131072;max_load_factor=f: 0.8
MutableHashTableOfTensorsV2|container=s: "";shared_name=s: "";use_node_name_sharing=b: false;value_shape=shape { }
MutableHashTableV2|container=s: "";shared_name=s: "";use_node_name_sharing=b: false
NotEqual|incompatible_shape_error=b: true
OneHot|axis=i: -1;TI=type: DT_INT64
Pack|axis=i: 0
Pad|Tpaddings=type: DT_INT32
PadV2|Tpaddings=type: DT_INT32
Placeholder|shape=shape { unknown_rank: true }
Print|message=s: "";first_n=i: -1;summarize=i: 3
PrintV2|output_stream=s: "stderr";end=s: "\n"
Prod|keep_dims=b: false;Tidx=type: DT_INT32
Qr|full_matrices=b: false
RandomGamma|seed=i: 0;seed2=i: 0
RandomPoissonV2|seed=i: 0;seed2=i: 0;R=type: DT_DOUBLE;dtype=type: DT_INT64
RandomShuffle|seed=i: 0;seed2=i: 0
RandomStandardNormal|seed=i: 0;seed2=i: 0
RandomUniform|seed=i: 0;seed2=i: 0
RandomUniformInt|seed=i: 0;seed2=i: 0
Range|Tidx=type: DT_INT32
Real|T=type: DT_COMPLEX64;Tout=type: DT_FLOAT
ReduceJoin|keep_dims=b: false;separator=s: ""
RegexReplace|replace_global=b: true
Reshape|Tshape=type: DT_INT32
ResizeBilinear|align_corners=b: false;half_pixel_centers=b: false
ResizeBilinearGrad|align_corners=b: false;half_pixel_centers=b: false
ResizeNearestNeighbor|align_corners=b: false;half_pixel_centers=b: false
ResizeNearestNeighborGrad|align_corners=b: false;half_pixel_centers=b: false
ResourceApplyAdadelta|use_locking=b: false
ResourceApplyAdagrad|use_locking=b: false;update_slots=b: true
ResourceApplyAdam|use_locking=b: false;use_nesterov=b: false
ResourceApplyCenteredRMSProp|use_locking=b: false
ResourceApplyFtrl|use_locking=b: false;multiply_linear_by_lr=b: false
ResourceApplyFtrlV2|use_locking=b: false;multiply_linear_by_lr=b: false
ResourceApplyGradientDescent|use_locking=b: false
ResourceApplyMomentum|use_locking=b: false;use_nesterov=b: false
ResourceApplyProximalAdagrad|use_locking=b: false
ResourceApplyProximalGradientDescent|use_locking=b: false
ResourceApplyRMSProp|use_locking=b: false
ResourceGather|batch_dims=i: 0;validate_indices=b: true
ResourceScatterNdAdd|use_locking=b: true;bad_indices_policy=s: ""
ResourceScatterNdSub|use_locking=b: true;bad_indices_policy=s: ""
ResourceScatterNdUpdate|use_locking=b: true;bad_indices_policy=s: ""
ResourceSparseApplyAdadelta|use_locking=b: false
ResourceSparseApplyAdagrad|use_locking=b: false;update_slots=b: true
ResourceSparseApplyCenteredRMSProp|use_locking=b: false
ResourceSparseApplyFtrl|use_locking=b: false;multiply_linear_by_lr=b: false
ResourceSparseApplyFtrlV2|use_locking=b: false;multiply_linear_by_lr=b: false
ResourceSparseApplyMomentum|use_locking=b: false;use_nesterov=b: false
ResourceSparseApplyProximalAdagrad|use_locking=b: false
ResourceSparseApplyProximalGradientDescent|use_locking=b: false
ResourceSparseApplyRMSProp|use_locking=b: false
ResourceStridedSliceAssign|begin_mask=i: 0;end_mask=i: 0;ellipsis_mask=i: 0;new_axis_mask=i: 0;shrink_axis_mask=i: 0
ReverseSequence|batch_dim=i: 0;Tlen=type: DT_INT64
ReverseV2|Tidx=type: DT_INT32
ScatterAdd|use_locking=b: false
ScatterDiv|use_locking=b: false
ScatterMax|use_locking=b: false
ScatterMin|use_locking=b: false
ScatterMul|use_locking=b: false
ScatterNd|bad_indices_policy=s: ""
ScatterNdAdd|use_locking=b: false;bad_indices_policy=s: ""
ScatterNdSub|use_locking=b: false;bad_indices_policy=s: ""
ScatterNdUpdate|use_locking=b: true;bad_indices_policy=s: ""
ScatterSub|use_locking=b: false
ScatterUpdate|use_locking=b: true
Shape|out_type=type: DT_INT32
ShapeN|out_type=type: DT_INT32
Size|out_type=type: DT_INT32
SparseApplyAdadelta|use_locking=b: false
SparseApplyAdagrad|use_locking=b: false;update_slots=b: true
SparseApplyCenteredRMSProp|use_locking=b: false
SparseApplyFtrl|use_locking=b: false;multiply_linear_by_lr=b: false
SparseApplyFtrlV2|use_locking=b: false;multiply_linear_by_lr=b: false
SparseApplyMomentum|use_locking=b: false;use_nesterov=b: false
SparseApplyProximalAdagrad|use_locking=b: false
SparseApplyProximalGradientDescent|use_locking=b: false
SparseApplyRMSProp|use_locking=b: false
SparseSoftmaxCrossEntropyWithLogits|Tlabels=type: DT_INT64
SplitV|Tlen=type: DT_INT64
Squeeze|squeeze_dims=list { }
StaticRegexReplace|replace_global=b: true
StridedSlice|begin_mask=i: 0;end_mask=i: 0;ellipsis_mask=i: 0;new_axis_mask=i: 0;shrink_axis_mask=i: 0
StridedSliceAssign|begin_mask=i: 0;end_mask=i: 0;ellipsis_mask=i: 0;new_axis_mask=i: 0;shrink_axis_mask=i: 0
StridedSliceGrad|begin_mask=i: 0;end_mask=i: 0;ellipsis_mask=i: 0;new_axis_mask=i: 0;shrink_axis_mask=i: 0
StringFormat|template=s: "%s";placeholder=s: "%s";summarize=i: 3
StringJoin|separator=s: ""
StringLength|unit=s: "BYTE"
StringLower|encoding=s: ""
StringSplit|skip_empty=b: true
StringSplitV2|maxsplit=i: -1
StringToNumber|out_type=type: DT_FLOAT
StringUpper|encoding=s: ""
Substr|unit=s: "BYTE"
Sum|keep_dims=b: false;Tidx=type: DT_INT32
TensorSummary|description=s: "";labels=list { };display_name=s: ""
Tile|Tmultiples=type: DT_INT32
TopKV2|sorted=b: true;Tk=type: DT_INT32;index_type=type: DT_INT32
Transpose|Tperm=type: DT_INT32
TruncatedNormal|seed=i: 0;seed2=i: 0
Unique|out_idx=type: DT_INT32
Unpack|axis=i: 0
UnsortedSegmentMax|Tnumsegments=type: DT_INT32
UnsortedSegmentMin|Tnumsegments=type: DT_INT32
UnsortedSegmentProd|Tnumsegments=type: DT_INT32
UnsortedSegmentSum|Tnumsegments=type: DT_INT32
VarHandleOp|container=s: "";shared_name=s: "";debug_name=s: "";allowed_devices=list { }
Variable|container=s: "";shared_name=s: ""
VariableV2|container=s: "";shared_name=s: ""
Where|T=type: DT_BOOL
While|output_shapes=list { };parallel_iterations=i: 10
"""

_PARSED: dict = {}


def default_attrs(op_type: str) -> dict:
    """{attr name: AttrValue} of TF's defaults for `op_type` (empty for ops without defaults)."""
    if not _PARSED:
        from .text_format import merge

        for line in _TABLE.strip().splitlines():
            op, _, attrs = line.partition("|")
            _PARSED[op] = {name: merge(text, AttrValue())
                           for name, _, text in (item.partition("=") for item in attrs.split(";"))}
    return _PARSED.get(op_type, {})


def strip_default_attrs(graph_def: GraphDef) -> GraphDef:
    """Remove, in place, every node attr equal to its op's default; returns `graph_def`."""
    for node in graph_def.node:
        for name, default in default_attrs(node.op).items():
            value = node.attr.get(name)
            if value is not None and value.SerializeToString() == default.SerializeToString():
                del node.attr[name]
    return graph_def


def add_default_attrs(graph_def: GraphDef) -> GraphDef:
    """Give, in place, every node the default of each attr of its op it lacks; returns `graph_def`."""
    for node in graph_def.node:
        for name, default in default_attrs(node.op).items():
            if name not in node.attr:
                node.attr[name] = AttrValue.FromString(default.SerializeToString())
    return graph_def
