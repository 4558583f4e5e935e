/**
 * Arrow results -> the app's row shape (`values.ts`), converted once here. Works column by column with one converter
 * per column type, so the type switch is not repeated for every cell.
 */
import { DataType, Type, util, type Table, type Vector } from 'apache-arrow';
import { isoDay, toNumber, type Cell, type Row } from './values';

/** Turns one Arrow value into the app's cell shape. */
export type Convert = (value: unknown) => Cell;

const identity: Convert = (v) => (v === undefined ? null : (v as Cell));

/** One converter per column type; `columnar.ts` uses the same ones to convert cells lazily. */
export function converterFor(type: DataType): Convert {
  switch (type.typeId) {
    case Type.Int:
    case Type.Int64:
    case Type.Uint64:
      return (v) => (v == null ? null : typeof v === 'bigint' ? toNumber(v) : (v as number));
    case Type.Date:
    case Type.DateDay:
    case Type.DateMillisecond:
      // apache-arrow 17 returns epoch milliseconds for dates.
      return (v) => (v == null ? null : isoDay(v instanceof Date ? v : Number(v)));
    case Type.Timestamp:
    case Type.TimestampSecond:
    case Type.TimestampMillisecond:
    case Type.TimestampMicrosecond:
    case Type.TimestampNanosecond:
      // apache-arrow 17 returns epoch milliseconds for every timestamp unit.
      return (v) => (v == null ? null : new Date(v instanceof Date ? v.getTime() : Number(v)));
    case Type.Decimal: {
      const scale = (type as unknown as { scale: number }).scale;
      return (v) => (v == null ? null : util.bigNumToNumber(v as Parameters<typeof util.bigNumToNumber>[0], scale));
    }
    case Type.List:
    case Type.FixedSizeList: {
      const child = type.children[0];
      const inner = child ? converterFor(child.type) : identity;
      return (v) => (v == null ? null : Array.from(v as Vector, inner));
    }
    case Type.Struct:
    case Type.Map:
      return (v) => (v == null ? null : JSON.stringify((v as { toJSON(): unknown }).toJSON(), bigintReplacer));
    case Type.Binary:
    case Type.LargeBinary:
    case Type.FixedSizeBinary:
      return (v) => (v == null ? null : `<${(v as Uint8Array).byteLength} bytes>`);
    default:
      return (v) => (v === undefined ? null : typeof v === 'bigint' ? toNumber(v) : (v as Cell));
  }
}

function bigintReplacer(_key: string, value: unknown) {
  return typeof value === 'bigint' ? Number(value) : value;
}

export function arrowToRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const rows: Row[] = Array.from({ length: table.numRows }, () => ({}));
  fields.forEach((field, i) => {
    const vector = table.getChildAt(i);
    if (!vector) return;
    const convert = converterFor(field.type);
    let r = 0;
    for (const value of vector) rows[r++]![field.name] = convert(value);
  });
  return rows;
}
