// The ONNX model of the gather benchmark: one Gather node (axis 0) whose data is the
// table, stored as an initializer, and whose indices are the graph input `ids`.
// Written with a few lines of protobuf encoding instead of the onnx package (Python) or
// protobufjs: only varints, length-delimited fields and raw bytes are needed.
// No node: imports: the browser section's page builds the same model (page_contenders.mjs).
//
// Field numbers from onnx/onnx.proto3 (IR version 8, opset 13).

const WIRE_VARINT = 0;
const WIRE_LEN = 2;
export const ONNX_FLOAT = 1;
export const ONNX_INT32 = 6;
export const ONNX_INT64 = 7;

const utf8 = new TextEncoder();

// A message is a list of byte chunks; lengths are summed, and bytes copied once at the end.
class Message {
  constructor() {
    this.chunks = [];
    this.length = 0;
  }

  #push(bytes) {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  #varint(value) {  // value: a non-negative safe integer
    const bytes = [];
    let v = value;
    while (v >= 0x80) {
      bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
    this.#push(Uint8Array.from(bytes));
  }

  #key(field, wire) {
    this.#varint(field * 8 + wire);
  }

  int(field, value) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`onnx: field ${field} must be a non-negative safe integer, got ${value}`);
    this.#key(field, WIRE_VARINT);
    this.#varint(value);
    return this;
  }

  bytes(field, bytes) {
    this.#key(field, WIRE_LEN);
    this.#varint(bytes.length);
    this.#push(bytes);
    return this;
  }

  string(field, text) {
    return this.bytes(field, utf8.encode(text));
  }

  message(field, msg) {
    this.#key(field, WIRE_LEN);
    this.#varint(msg.length);
    for (const c of msg.chunks) this.#push(c);
    return this;
  }

  toBytes() {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

// ValueInfoProto{name 1, type 2: TypeProto{tensor_type 1: {elem_type 1, shape 2:
// TensorShapeProto{dim 1: {dim_value 1}}}}}
function valueInfo(name, elemType, dims) {
  const shape = new Message();
  for (const d of dims) shape.message(1, new Message().int(1, d));
  const tensorType = new Message().int(1, elemType).message(2, shape);
  return new Message().string(1, name).message(2, new Message().message(1, tensorType));
}

/**
 * ONNX model bytes for out = Gather(table, ids, axis=0).
 * table: Float32Array of V*D values (row-major); ids: shape [B, T] of type ONNX_INT32 or
 * ONNX_INT64 (Gather-13 takes either). Output `out`: float [B, T, D].
 */
export function gatherModelBytes({ table, V, D, idsShape, idsType = ONNX_INT32 }) {
  if (!(table instanceof Float32Array) || table.length !== V * D) {
    throw new TypeError(`gatherModelBytes: table must be a Float32Array of V*D = ${V * D} values`);
  }
  if (idsType !== ONNX_INT32 && idsType !== ONNX_INT64) {
    throw new RangeError(`gatherModelBytes: idsType must be ONNX_INT32 (6) or ONNX_INT64 (7), got ${idsType}`);
  }
  // TensorProto{dims 1, data_type 2, name 8, raw_data 9 (little-endian, as on every
  // platform ONNX Runtime Web runs on, so the Float32Array's bytes go in as they are)}.
  const init = new Message();
  init.int(1, V).int(1, D).int(2, ONNX_FLOAT).string(8, 'table')
    .bytes(9, new Uint8Array(table.buffer, table.byteOffset, table.byteLength));
  // NodeProto{input 1, output 2, name 3, op_type 4}; axis defaults to 0.
  const node = new Message().string(1, 'table').string(1, 'ids').string(2, 'out')
    .string(3, 'gather').string(4, 'Gather');
  // GraphProto{node 1, name 2, initializer 5, input 11, output 12}.
  const graph = new Message().message(1, node).string(2, 'embedding_gather')
    .message(5, init)
    .message(11, valueInfo('ids', idsType, idsShape))
    .message(12, valueInfo('out', ONNX_FLOAT, [...idsShape, D]));
  // ModelProto{ir_version 1, producer_name 2, graph 7, opset_import 8: {domain 1, version 2}}.
  return new Message().int(1, 8).string(2, 'embedwasm bench')
    .message(7, graph)
    .message(8, new Message().string(1, '').int(2, 13))
    .toBytes();
}
