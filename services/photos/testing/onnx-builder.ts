/**
 * A minimal ONNX writer, so tests can build the small models that prove the manifest-driven
 * classifier and detector paths without Python or a downloaded model. It encodes the
 * protobuf messages of onnx.proto3 that a graph of standard operators needs — ModelProto,
 * GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto — with
 * varint and length-delimited fields (repeated numbers unpacked, which every parser accepts).
 */

/** onnx.proto TensorProto.DataType values used here. */
export const FLOAT = 1;
export const INT64 = 7;

const enum Wire {
  Varint = 0,
  Fixed32 = 5,
  Bytes = 2,
}

/** Appends protobuf fields to a growing list of chunks. */
class Writer {
  private readonly chunks: Uint8Array[] = [];

  private varint(value: bigint): void {
    const out: number[] = [];
    // int64 fields carry negative values as their 64-bit two's complement.
    let v = BigInt.asUintN(64, value);
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      out.push(byte);
    } while (v !== 0n);
    this.chunks.push(Uint8Array.from(out));
  }

  private tag(field: number, wire: Wire): void {
    this.varint(BigInt((field << 3) | wire));
  }

  int(field: number, value: number | bigint): this {
    this.tag(field, Wire.Varint);
    this.varint(BigInt(value));
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, Wire.Fixed32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.chunks.push(bytes);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, Wire.Bytes);
    this.varint(BigInt(value.length));
    this.chunks.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, build: (w: Writer) => void): this {
    const inner = new Writer();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

export type Attribute = number | readonly number[] | string;

/** An attribute value as written: a number is INT unless `floats` names it. */
export interface OnnxNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: Readonly<Record<string, Attribute>>;
  /** Attribute names whose numbers are floats (FLOAT / FLOATS) rather than ints. */
  readonly floats?: readonly string[];
}

export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly type: typeof FLOAT | typeof INT64;
  readonly values: readonly number[];
}

export interface OnnxValue {
  readonly name: string;
  readonly type: typeof FLOAT | typeof INT64;
  /** A number is a fixed size, a string a named free dimension. */
  readonly shape: readonly (number | string)[];
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValue[];
  readonly outputs: readonly OnnxValue[];
  readonly opset?: number;
}

// AttributeProto.AttributeType
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_FLOATS = 6;
const ATTR_INTS = 7;

function writeAttribute(w: Writer, name: string, value: Attribute, isFloat: boolean): void {
  w.string(1, name);
  if (typeof value === 'string') {
    w.string(4, value).int(20, ATTR_STRING);
  } else if (typeof value === 'number') {
    if (isFloat) w.float(2, value).int(20, ATTR_FLOAT);
    else w.int(3, value).int(20, ATTR_INT);
  } else if (isFloat) {
    for (const v of value) w.float(7, v);
    w.int(20, ATTR_FLOATS);
  } else {
    for (const v of value) w.int(8, v);
    w.int(20, ATTR_INTS);
  }
}

function writeNode(w: Writer, node: OnnxNode, index: number): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, `${node.op}_${index}`).string(4, node.op);
  for (const [name, value] of Object.entries(node.attributes ?? {})) {
    w.message(5, (a) => writeAttribute(a, name, value, node.floats?.includes(name) ?? false));
  }
}

function writeTensor(w: Writer, tensor: OnnxTensor): void {
  for (const dim of tensor.dims) w.int(1, dim);
  w.int(2, tensor.type).string(8, tensor.name);
  const raw = tensor.type === FLOAT ? new Uint8Array(Float32Array.from(tensor.values).buffer) : new Uint8Array(BigInt64Array.from(tensor.values.map(BigInt)).buffer);
  w.bytes(9, raw);
}

function writeValue(w: Writer, value: OnnxValue): void {
  w.string(1, value.name).message(2, (type) =>
    type.message(1, (tensor) =>
      tensor.int(1, value.type).message(2, (shape) => {
        for (const dim of value.shape) shape.message(1, (d) => (typeof dim === 'number' ? d.int(1, dim) : d.string(2, dim)));
      }),
    ),
  );
}

/** The serialised ModelProto (IR version 8, default-domain opset 13 unless given). */
export function encodeModel(graph: OnnxGraph): Uint8Array {
  return new Writer()
    .int(1, 8)
    .string(2, 'cheguan-test-onnx-builder')
    .message(7, (g) => {
      graph.nodes.forEach((node, i) => g.message(1, (n) => writeNode(n, node, i)));
      g.string(2, graph.name);
      for (const tensor of graph.initializers) g.message(5, (t) => writeTensor(t, tensor));
      for (const input of graph.inputs) g.message(11, (v) => writeValue(v, input));
      for (const output of graph.outputs) g.message(12, (v) => writeValue(v, output));
    })
    .message(8, (o) => o.string(1, '').int(2, graph.opset ?? 13))
    .finish();
}
