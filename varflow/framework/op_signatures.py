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
Add|T,T|T|T
AddN|T*N|T|N T
AddV2|T,T|T|T
All|=,Tidx|=|keep_dims Tidx
Angle|T|Tout|T Tout
Any|=,Tidx|=|keep_dims Tidx
ApplyAdadelta|T,T,T,T,T,T,T|T|T use_locking
ApplyAdagrad|T,T,T,T|T|T use_locking update_slots
ApplyAdagradDA|T,T,T,T,T,T,T,=|T|T use_locking
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
AsString|T|=|T precision scientific shortest width fill
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
AvgPool3D|T|T|ksize strides padding data_format T
AvgPool3DGrad|=,T|T|ksize strides padding data_format T
AvgPoolGrad|=,T|T|ksize strides padding data_format T
BatchMatMulV2|T,T|T|T adj_x adj_y grad_x grad_y
BatchToSpaceND|T,Tblock_shape,Tcrops|T|T Tblock_shape Tcrops
BesselI0|T|T|T
BesselI0e|T|T|T
BesselI1|T|T|T
BesselI1e|T|T|T
Betainc|T,T,T|T|T
BiasAdd|T,T|T|T data_format
BiasAddGrad|T|T|T data_format
Bincount|=,=,T|T|T
Bitcast|T|type|T type
BitwiseAnd|T,T|T|T
BitwiseOr|T,T|T|T
BitwiseXor|T,T|T|T
BroadcastArgs|T,T|T|T
BroadcastGradientArgs|T,T|T,T|T
BroadcastTo|T,Tidx|T|T Tidx
Cast|SrcT|DstT|SrcT DstT Truncate
Ceil|T|T|T
CheckNumerics|T|T|T message
Cholesky|T|T|T
ClipByValue|T,T,T|T|T
Complex|T,T|Tout|T Tout
ComplexAbs|T|Tout|T Tout
ComputeAccidentalHits|=,=|=,=,=|num_true seed seed2
ConcatOffset|=,shape_type*N|shape_type*N|N shape_type
ConcatV2|T*N,Tidx|T|N T Tidx
Conj|T|T|T
ConjugateTranspose|T,Tperm|T|T Tperm
Const||dtype|value dtype
Conv2D|T,T|T|T strides use_cudnn_on_gpu padding explicit_paddings data_format dilations
Conv2DBackpropFilter|T,=,T|T|T strides use_cudnn_on_gpu padding explicit_paddings data_format dilations
Conv2DBackpropInput|=,T,T|T|T strides use_cudnn_on_gpu padding explicit_paddings data_format dilations
Conv3D|T,T|T|T strides padding data_format dilations
Conv3DBackpropFilterV2|T,=,T|T|T strides padding data_format dilations
Conv3DBackpropInputV2|Tshape,T,T|T|T strides padding data_format dilations Tshape
Cos|T|T|T
Cosh|T|T|T
CountUpTo|T|T|limit T
Cross|T,T|T|T
Cumprod|T,Tidx|T|exclusive reverse T Tidx
Cumsum|T,Tidx|T|exclusive reverse T Tidx
CumulativeLogsumexp|T,Tidx|T|exclusive reverse T Tidx
DecodeCSV|=,[OUT_TYPE]|[OUT_TYPE]|OUT_TYPE field_delim use_quote_delim na_value select_cols
DecodeRaw|=|out_type|out_type little_endian
DenseBincount|Tidx,Tidx,T|T|Tidx T binary_output
DenseCountSparseOutput|T,output_type|=,output_type,=|T minlength maxlength binary_output output_type
DenseToDenseSetOperation|T,T|=,T,=|set_operation validate_indices T
DepthToSpace|T|T|T block_size data_format
DepthwiseConv2dNative|T,T|T|T strides padding explicit_paddings data_format dilations
DepthwiseConv2dNativeBackpropFilter|T,=,T|T|T strides padding explicit_paddings data_format dilations
DepthwiseConv2dNativeBackpropInput|=,T,T|T|T strides padding explicit_paddings data_format dilations
Diag|T|T|T
DiagPart|T|T|T
Digamma|T|T|T
Dilation2D|T,T|T|T strides rates padding
Dilation2DBackpropFilter|T,T,T|T|T strides rates padding
Dilation2DBackpropInput|T,T,T|T|T strides rates padding
DivNoNan|T,T|T|T
DynamicPartition|T,=|T*num_partitions|num_partitions T
DynamicStitch|=*N,T*N|T|N T
Einsum|T*N|T|equation N T
Elu|T|T|T
EluGrad|T,T|T|T
EnsureShape|T|T|shape T
Enter|T|T|T frame_name is_constant parallel_iterations
Equal|T,T|=|T incompatible_shape_error
Erf|T|T|T
Erfc|T|T|T
Erfinv|T|T|T
EuclideanNorm|T,Tidx|T|keep_dims T Tidx
Exit|T|T|T
Exp|T|T|T
ExpandDims|T,Tdim|T|T Tdim
Expm1|T|T|T
Fill|index_type,T|T|T index_type
Floor|T|T|T
FloorDiv|T,T|T|T
FloorMod|T,T|T|T
FusedBatchNormGradV3|T,T,=,U,U,U|T,U,U,U,U|T U epsilon data_format is_training
FusedBatchNormV3|T,U,U,U,U|T,U,U,U,U,U|T U epsilon exponential_avg_factor data_format is_training
GatherNd|Tparams,Tindices|Tparams|Tparams Tindices bad_indices_policy
GatherV2|Tparams,Tindices,Taxis|Tparams|batch_dims Tparams Tindices Taxis
GenerateVocabRemapping|=,=|=,=|new_vocab_offset num_new_vocab old_vocab_size
Greater|T,T|=|T
GreaterEqual|T,T|=|T
HashTableV2||=|container shared_name use_node_name_sharing key_dtype value_dtype
HistogramFixedWidth|T,T,=|dtype|T dtype
HistogramSummary|=,T|=|T
Identity|T|T|T
IdentityN|[T]|[T]|T
Igamma|T,T|T|T
Igammac|T,T|T|T
Imag|T|Tout|T Tout
ImageSummary|=,T|=|max_images T bad_color
InTopKV2|=,T,T|=|T
InitializeTableFromTextFileV2|=,=||key_index value_index vocab_size delimiter offset
Invert|T|T|T
InvertPermutation|T|T|T
IsFinite|T|=|T
IsInf|T|=|T
IsNan|T|=|T
IsVariableInitialized|dtype|=|dtype
IteratorGetNext|=|[output_types]|output_types output_shapes
L2Loss|T|T|T
LRN|T|T|T depth_radius bias alpha beta
LRNGrad|T,T,T|T|T depth_radius bias alpha beta
LeakyRelu|T|T|alpha T
LeakyReluGrad|T,T|T|alpha T
LeftShift|T,T|T|T
Less|T,T|=|T
LessEqual|T,T|=|T
Lgamma|T|T|T
LinSpace|T,T,Tidx|T|T Tidx
ListDiff|T,T|T,out_idx|T out_idx
LoadAndRemapMatrix|=,=,=,=,=|=|num_rows num_cols max_rows_in_memory
Log|T|T|T
Log1p|T|T|T
LogMatrixDeterminant|T|T,T|T
LogSoftmax|T|T|T
LogUniformCandidateSampler|=|=,=,=|num_true num_sampled unique range_max seed seed2
LogicalAnd|=,=|=|
LogicalNot|=|=|
LogicalOr|=,=|=|
LookupTableExportV2|=|Tkeys,Tvalues|Tkeys Tvalues
LookupTableFindV2|=,Tin,Tout|Tout|Tin Tout
LookupTableImportV2|=,Tin,Tout||Tin Tout
LookupTableInsertV2|=,Tin,Tout||Tin Tout
LookupTableRemoveV2|=,Tin||Tin
LookupTableSizeV2|=|=|
LoopCond|=|=|
LowerBound|T,T|out_type|T out_type
MakeIterator|=,=||
MatMul|T,T|T|transpose_a transpose_b T grad_a grad_b
MatchingFiles|=|=|
MatrixBandPart|T,Tindex,Tindex|T|T Tindex
MatrixDeterminant|T|T|T
MatrixDiagPartV3|T,=,T|T|T align
MatrixDiagV3|T,=,=,=,T|T|T align
MatrixInverse|T|T|adjoint T
MatrixSetDiagV3|T,T,=|T|T align
MatrixSolve|T,T|T|adjoint T
MatrixSolveLs|T,T,=|T|T fast
MatrixSquareRoot|T|T|T
MatrixTriangularSolve|T,T|T|lower adjoint T
Max|T,Tidx|T|keep_dims T Tidx
MaxPool|T|T|T ksize strides padding explicit_paddings data_format
MaxPool3D|T|T|ksize strides padding data_format T
MaxPool3DGrad|TInput,TInput,T|T|ksize strides padding data_format T TInput
MaxPool3DGradGrad|T,T,T|T|ksize strides padding data_format T
MaxPoolGrad|T,T,T|T|ksize strides padding explicit_paddings data_format T
MaxPoolGradGrad|T,T,T|T|ksize strides padding data_format T
MaxPoolGradWithArgmax|T,T,Targmax|T|ksize strides padding include_batch_in_index Targmax T
MaxPoolWithArgmax|T|T,Targmax|ksize strides Targmax padding include_batch_in_index T
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
MutableDenseHashTableV2|key_dtype,key_dtype|=|container shared_name use_node_name_sharing key_dtype value_dtype value_shape initial_num_buckets max_load_factor
MutableHashTableOfTensorsV2||=|container shared_name use_node_name_sharing key_dtype value_dtype value_shape
MutableHashTableV2||=|container shared_name use_node_name_sharing key_dtype value_dtype
Ndtri|T|T|T
Neg|T|T|T
NextAfter|T,T|T|T
NextIteration|T|T|T
NoOp|||
NotEqual|T,T|=|T incompatible_shape_error
OneHot|TI,=,T,T|T|axis T TI
OnesLike|T|T|T
Pack|T*N|T|N T axis
Pad|T,Tpaddings|T|T Tpaddings
PadV2|T,Tpaddings,T|T|T Tpaddings
ParallelConcat|T*N|T|N T shape
ParallelDynamicStitch|=*N,T*N|T|N T
ParseExampleV2|=,=,=,=,=,[Tdense]|=*num_sparse,[sparse_types],=*num_sparse,[Tdense],[ragged_value_types],[ragged_split_types]|Tdense num_sparse sparse_types ragged_value_types ragged_split_types dense_shapes
ParseSequenceExampleV2|=,=,=,=,=,=,=,=,=,[Tcontext_dense]|=*Ncontext_sparse,[context_sparse_types],=*Ncontext_sparse,[Tcontext_dense],[context_ragged_value_types],[context_ragged_split_types],=*Nfeature_list_sparse,[feature_list_sparse_types],=*Nfeature_list_sparse,[feature_list_dense_types],=*Nfeature_list_dense,[feature_list_ragged_value_types],[feature_list_ragged_split_types],[feature_list_ragged_split_types]|Ncontext_sparse Tcontext_dense context_sparse_types context_ragged_value_types context_ragged_split_types context_dense_shapes Nfeature_list_sparse Nfeature_list_dense feature_list_dense_types feature_list_sparse_types feature_list_ragged_value_types feature_list_ragged_split_types feature_list_dense_shapes
ParseTensor|=|out_type|out_type
Placeholder||dtype|dtype shape
PlaceholderV2||dtype|dtype shape
PlaceholderWithDefault|dtype|dtype|dtype shape
Polygamma|T,T|T|T
Pow|T,T|T|T
Print|T,[U]|T|T U message first_n summarize
PrintV2|=||output_stream end
Prod|T,Tidx|T|keep_dims T Tidx
PyFunc|[Tin]|[Tout]|token Tin Tout
PyFuncStateless|[Tin]|[Tout]|token Tin Tout
Qr|T|T,T|full_matrices T
RandomGamma|S,T|T|seed seed2 S T
RandomPoissonV2|S,R|dtype|seed seed2 S R dtype
RandomShuffle|T|T|seed seed2 T
RandomStandardNormal|T|dtype|seed seed2 dtype T
RandomUniform|T|dtype|seed seed2 dtype T
RandomUniformInt|T,Tout,Tout|Tout|seed seed2 Tout T
Range|Tidx,Tidx,Tidx|Tidx|Tidx
Rank|T|=|T
ReadFile|=|=|
ReadVariableOp|=|dtype|dtype
Real|T|Tout|T Tout
RealDiv|T,T|T|T
Reciprocal|T|T|T
ReciprocalGrad|T,T|T|T
ReduceJoin|=,=|=|keep_dims separator
RefMerge|T*N|T,=|T N
RefSwitch|T,=|T,T|T
RegexFullMatch|=,=|=|
RegexReplace|=,=,=|=|replace_global
Relu|T|T|T
Relu6|T|T|T
Relu6Grad|T,T|T|T
ReluGrad|T,T|T|T
Reshape|T,Tshape|T|T Tshape
ResizeBilinear|T,=|=|T align_corners half_pixel_centers
ResizeBilinearGrad|=,T|T|T align_corners half_pixel_centers
ResizeNearestNeighbor|T,=|T|T align_corners half_pixel_centers
ResizeNearestNeighborGrad|T,=|T|T align_corners half_pixel_centers
ResourceApplyAdadelta|=,=,=,T,T,T,T||T use_locking
ResourceApplyAdagrad|=,=,T,T||T use_locking update_slots
ResourceApplyAdagradDA|=,=,=,T,T,T,T,=||T use_locking
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
ResourceSparseApplyAdagradDA|=,=,=,T,Tindices,T,T,T,=||T Tindices use_locking
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
RightShift|T,T|T|T
Rint|T|T|T
Roll|T,Tshift,Taxis|T|T Tshift Taxis
Round|T|T|T
Rsqrt|T|T|T
RsqrtGrad|T,T|T|T
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
SelfAdjointEigV2|T|T,T|compute_v T
Selu|T|T|T
SeluGrad|T,T|T|T
SerializeTensor|T|=|T
Shape|T|out_type|T out_type
ShapeN|T*N|out_type*N|N T out_type
ShardedFilename|=,=,=|=|
ShardedFilespec|=,=|=|
Sigmoid|T|T|T
SigmoidGrad|T,T|T|T
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
SpaceToBatchND|T,Tblock_shape,Tpaddings|T|T Tblock_shape Tpaddings
SpaceToDepth|T|T|T block_size data_format
SparseAdd|=,T,=,=,T,=,Treal|=,T,=|T Treal
SparseAddGrad|T,=,=,=|T,T|T
SparseApplyAdadelta|T,T,T,T,T,T,T,Tindices|T|T Tindices use_locking
SparseApplyAdagrad|T,T,T,T,Tindices|T|T Tindices use_locking update_slots
SparseApplyAdagradDA|T,T,T,T,Tindices,T,T,T,=|T|T Tindices use_locking
SparseApplyCenteredRMSProp|T,T,T,T,T,T,T,T,T,Tindices|T|T Tindices use_locking
SparseApplyFtrl|T,T,T,T,Tindices,T,T,T,T|T|T Tindices use_locking multiply_linear_by_lr
SparseApplyFtrlV2|T,T,T,T,Tindices,T,T,T,T,T|T|T Tindices use_locking multiply_linear_by_lr
SparseApplyMomentum|T,T,T,T,Tindices,T|T|T Tindices use_locking use_nesterov
SparseApplyProximalAdagrad|T,T,T,T,T,T,Tindices|T|T Tindices use_locking
SparseApplyProximalGradientDescent|T,T,T,T,T,Tindices|T|T Tindices use_locking
SparseApplyRMSProp|T,T,T,T,T,T,T,T,Tindices|T|T Tindices use_locking
SparseConcat|=*N,T*N,=*N|=,T,=|concat_dim N T
SparseCountSparseOutput|=,T,=,output_type|=,output_type,=|T minlength maxlength binary_output output_type
SparseDenseCwiseAdd|=,T,=,T|T|T
SparseDenseCwiseDiv|=,T,=,T|T|T
SparseDenseCwiseMul|=,T,=,T|T|T
SparseFillEmptyRows|=,T,=,T|=,T,=,=|T
SparseFillEmptyRowsGrad|=,T|T,T|T
SparseMatMul|Ta,Tb|=|transpose_a transpose_b a_is_sparse b_is_sparse Ta Tb
SparseReduceMax|=,T,=,=|T|keep_dims T
SparseReduceMaxSparse|=,T,=,=|=,T,=|keep_dims T
SparseReduceSum|=,T,=,=|T|keep_dims T
SparseReduceSumSparse|=,T,=,=|=,T,=|keep_dims T
SparseReorder|=,T,=|=,T|T
SparseReshape|=,=,=|=,=|
SparseSegmentMean|T,Tidx,Tsegmentids|T|T Tidx Tsegmentids sparse_gradient
SparseSegmentMeanGrad|T,Tidx,Tsegmentids,=|T|T Tidx Tsegmentids
SparseSegmentMeanGradV2|T,Tidx,Tsegmentids,=|T,Tidx|T Tidx Tsegmentids
SparseSegmentMeanWithNumSegments|T,Tidx,Tsegmentids,Tnumsegments|T|T Tidx Tnumsegments Tsegmentids sparse_gradient
SparseSegmentSqrtN|T,Tidx,Tsegmentids|T|T Tidx Tsegmentids sparse_gradient
SparseSegmentSqrtNGrad|T,Tidx,Tsegmentids,=|T|T Tidx Tsegmentids
SparseSegmentSqrtNGradV2|T,Tidx,Tsegmentids,=|T,Tidx|T Tidx Tsegmentids
SparseSegmentSqrtNWithNumSegments|T,Tidx,Tsegmentids,Tnumsegments|T|T Tidx Tnumsegments Tsegmentids sparse_gradient
SparseSegmentSum|T,Tidx,Tsegmentids|T|T Tidx Tsegmentids sparse_gradient
SparseSegmentSumGrad|T,Tidx,Tsegmentids,=|T|T Tidx Tsegmentids
SparseSegmentSumGradV2|T,Tidx,Tsegmentids,=|T,Tidx|T Tidx Tsegmentids
SparseSegmentSumWithNumSegments|T,Tidx,Tsegmentids,Tnumsegments|T|T Tidx Tnumsegments Tsegmentids sparse_gradient
SparseSlice|=,T,=,=,=|=,T,=|T
SparseSliceGrad|T,=,=,=|T|T
SparseSoftmax|=,T,=|T|T
SparseSoftmaxCrossEntropyWithLogits|T,Tlabels|T,T|T Tlabels
SparseSparseMaximum|=,T,=,=,T,=|=,T|T
SparseSparseMinimum|=,T,=,=,T,=|=,T|T
SparseSplit|=,=,T,=|=*num_split,T*num_split,=*num_split|num_split T
SparseTensorDenseAdd|Tindices,T,Tindices,T|T|T Tindices
SparseTensorDenseMatMul|Tindices,T,=,T|T|T Tindices adjoint_a adjoint_b
SparseToDense|Tindices,Tindices,T,T|T|validate_indices T Tindices
Split|=,T|T*num_split|num_split T
SplitV|T,Tlen,=|T*num_split|num_split T Tlen
Sqrt|T|T|T
SqrtGrad|T,T|T|T
Square|T|T|T
SquaredDifference|T,T|T|T
Squeeze|T|T|T squeeze_dims
StatelessRandomNormal|T,Tseed|dtype|dtype T Tseed
StatelessRandomUniform|T,Tseed|dtype|dtype T Tseed
StatelessTruncatedNormal|T,Tseed|dtype|dtype T Tseed
StaticRegexFullMatch|=|=|pattern
StaticRegexReplace|=|=|pattern rewrite replace_global
StopGradient|T|T|T
StridedSlice|T,Index,Index,Index|T|T Index begin_mask end_mask ellipsis_mask new_axis_mask shrink_axis_mask
StridedSliceAssign|T,Index,Index,Index,T|T|T Index begin_mask end_mask ellipsis_mask new_axis_mask shrink_axis_mask
StridedSliceGrad|Index,Index,Index,Index,T|T|T Index begin_mask end_mask ellipsis_mask new_axis_mask shrink_axis_mask
StringFormat|[T]|=|T template placeholder summarize
StringJoin|=*N|=|N separator
StringLength|=|=|unit
StringLower|=|=|encoding
StringSplit|=,=|=,=,=|skip_empty
StringSplitV2|=,=|=,=,=|maxsplit
StringStrip|=|=|
StringToHashBucketFast|=|=|num_buckets
StringToNumber|=|out_type|out_type
StringUpper|=|=|encoding
Sub|T,T|T|T
Substr|=,T,T|=|T unit
Sum|T,Tidx|T|keep_dims T Tidx
Svd|T|T,T,T|compute_uv full_matrices T
Switch|T,=|T,T|T
Tan|T|T|T
Tanh|T|T|T
TanhGrad|T,T|T|T
TensorScatterAdd|T,Tindices,T|T|T Tindices bad_indices_policy
TensorScatterMax|T,Tindices,T|T|T Tindices bad_indices_policy
TensorScatterMin|T,Tindices,T|T|T Tindices bad_indices_policy
TensorScatterSub|T,Tindices,T|T|T Tindices bad_indices_policy
TensorScatterUpdate|T,Tindices,T|T|T Tindices bad_indices_policy
TensorSummary|T|=|T description labels display_name
TensorSummaryV2|=,T,=|=|T
Tile|T,Tmultiples|T|T Tmultiples
TopKV2|T,Tk|T,index_type|sorted T Tk index_type
Transpose|T,Tperm|T|T Tperm
TruncateDiv|T,T|T|T
TruncateMod|T,T|T|T
TruncatedNormal|T|dtype|seed seed2 dtype T
UniformCandidateSampler|=|=,=,=|num_true num_sampled unique range_max seed seed2
Unique|T|T,out_idx|T out_idx
UniqueWithCounts|T|T,out_idx,out_idx|T out_idx
Unpack|T|T*num|num T axis
UnravelIndex|Tidx,Tidx|Tidx|Tidx
UnsortedSegmentMax|T,Tindices,Tnumsegments|T|T Tindices Tnumsegments
UnsortedSegmentMin|T,Tindices,Tnumsegments|T|T Tindices Tnumsegments
UnsortedSegmentProd|T,Tindices,Tnumsegments|T|T Tindices Tnumsegments
UnsortedSegmentSum|T,Tindices,Tnumsegments|T|T Tindices Tnumsegments
UpperBound|T,T|out_type|T out_type
VarHandleOp||=|container shared_name debug_name dtype shape allowed_devices
VarIsInitializedOp|=|=|
Variable||dtype|shape dtype container shared_name
VariableV2||dtype|shape dtype container shared_name
Where|T|=|T
While|[T]|[T]|T cond body output_shapes parallel_iterations
WriteFile|=,=||
Xdivy|T,T|T|T
Xlog1py|T,T|T|T
Xlogy|T,T|T|T
ZerosLike|T|T|T
Zeta|T,T|T|T
"""


def _parse() -> dict:
    table = {}
    for line in _TABLE.splitlines():
        op, inputs, outputs, attrs = line.split("|")
        table[op] = (tuple(a for a in inputs.split(",") if a), tuple(a for a in outputs.split(",") if a),
                     frozenset(attrs.split()))
    return table


SIGNATURES: dict[str, tuple[tuple[str, ...], tuple[str, ...], frozenset]] = _parse()
