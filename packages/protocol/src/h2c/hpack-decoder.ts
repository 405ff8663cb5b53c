/**
 * HPACK decoder (RFC 7541): field blocks in, header lists out, with the dynamic table (§2.3.2,
 * §4), dynamic table size updates (§6.3), integers (§5.1) and strings (§5.2, plain or
 * Huffman). Sans-I/O and browser-safe; never throws on bad input.
 *
 * One decoder per direction of a connection: the dynamic table is shared by every field block
 * the peer's encoder sends on that connection, so every block must be decoded, in order, even
 * of frames that are otherwise discarded (RFC 9113 §4.3).
 */
import { decodeLatin1 } from '../shared/bytes.js';
import { h2Finding } from './h2-finding.js';
import type { H2Finding } from './h2-finding.js';
import { decodeHuffman } from './hpack-huffman.js';
import { HPACK_STATIC_TABLE } from './hpack-static-table.js';

/** A decoded field: name and value, one character per octet (latin1, lossless). */
export type HpackField = [name: string, value: string];

/** What {@link HpackDecoder.decode} returns. */
export interface HpackDecodeResult {
  /** The fields decoded, in order (up to the error when there is one). */
  headers: HpackField[];
  /**
   * Why the block could not be decoded: a COMPRESSION_ERROR connection error (RFC 9113 §4.3).
   * `offset` is the position in the block.
   */
  error?: H2Finding;
  /** Indices (into `headers`) of fields sent as "never indexed" (§6.2.3, e.g. credentials). */
  neverIndexed?: number[];
}

/** Size of an entry (RFC 7541 §4.1): octets of name and value plus 32. */
export function hpackEntrySize(name: string, value: string): number {
  return name.length + value.length + 32;
}

/** Integer decoding gives up past this many continuation octets (2^35 > any sane value). */
const MAX_INTEGER_OCTETS = 5;

class DecodeError {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly section: string,
    readonly offset: number,
  ) {}
}

/**
 * Decodes HPACK field blocks of one direction of one connection.
 *
 * After a decoding error the decoder's table can no longer be trusted (the peer's encoder and
 * this decoder disagree), so every later call returns an error too.
 */
export class HpackDecoder {
  /** Entries, oldest first from `head`; the newest is dynamic index 1 (§2.3.3). */
  private entries: HpackField[] = [];
  private head = 0;
  private size = 0;
  /** Current maximum size set by the encoder (§4.2, §6.3). */
  private capacity: number;
  /** Upper bound of `capacity`: the SETTINGS_HEADER_TABLE_SIZE of the decoder's side. */
  private limit: number;
  private failure: H2Finding | undefined;

  /**
   * @param maxTableSize the SETTINGS_HEADER_TABLE_SIZE this side advertised (RFC 9113 §6.5.2),
   *   default 4096, the initial value; the dynamic table starts at this size.
   */
  constructor(maxTableSize = 4096) {
    this.capacity = maxTableSize;
    this.limit = maxTableSize;
  }

  /**
   * Changes the limit on the encoder's table size (the decoder's side sent a new
   * SETTINGS_HEADER_TABLE_SIZE, RFC 7541 §4.2). Size updates above it are errors from now on.
   */
  setMaxTableSize(limit: number): void {
    this.limit = limit;
  }

  /** Current size of the dynamic table in octets (§4.1). */
  get tableSize(): number {
    return this.size;
  }

  /** Current maximum size of the dynamic table (§4.2). */
  get tableCapacity(): number {
    return this.capacity;
  }

  /** The dynamic table, newest first (index 62 first, §2.3.3). */
  dynamicTable(): HpackField[] {
    return this.entries.slice(this.head).reverse();
  }

  /** True after a decoding error (see the class comment). */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Decodes one complete field block (HEADERS or PUSH_PROMISE plus CONTINUATIONs). */
  decode(block: Uint8Array): HpackDecodeResult {
    const headers: HpackField[] = [];
    if (this.failure !== undefined) {
      return {
        headers,
        error: h2Finding(
          'hpack-after-error',
          'error',
          'HPACK decoder out of step after an earlier decoding error',
          'RFC 9113',
          '4.3',
          { h2Error: 'COMPRESSION_ERROR', scope: 'connection', offset: 0 },
        ),
      };
    }
    let neverIndexed: number[] | undefined;
    try {
      let pos = 0;
      let fieldSeen = false;
      while (pos < block.length) {
        const first = block[pos]!;
        if (first & 0x80) {
          // §6.1 Indexed Header Field.
          const [index, next] = readInteger(block, pos, 7);
          headers.push(this.lookup(index, pos));
          pos = next;
          fieldSeen = true;
        } else if ((first & 0xe0) === 0x20) {
          // §6.3 Dynamic Table Size Update; §4.2: only at the beginning of a block.
          if (fieldSeen) {
            throw new DecodeError(
              'hpack-size-update-position',
              'Dynamic table size update after a field representation',
              '4.2',
              pos,
            );
          }
          const [size, next] = readInteger(block, pos, 5);
          if (size > this.limit) {
            throw new DecodeError(
              'hpack-size-update-too-large',
              `Dynamic table size update to ${size} exceeds the limit ${this.limit}`,
              '6.3',
              pos,
            );
          }
          this.capacity = size;
          this.evict(0);
          pos = next;
        } else {
          // §6.2.1 with incremental indexing (01), §6.2.2 without (0000), §6.2.3 never (0001).
          const indexing = (first & 0xc0) === 0x40;
          const never = (first & 0xf0) === 0x10;
          const [nameIndex, afterIndex] = readInteger(block, pos, indexing ? 6 : 4);
          let name: string;
          let next: number;
          if (nameIndex === 0) {
            [name, next] = readString(block, afterIndex);
          } else {
            name = this.lookup(nameIndex, pos)[0];
            next = afterIndex;
          }
          const [value, end] = readString(block, next);
          if (never) (neverIndexed ??= []).push(headers.length);
          headers.push([name, value]);
          if (indexing) this.insert(name, value);
          pos = end;
          fieldSeen = true;
        }
      }
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      this.failure = h2Finding(err.code, 'error', err.message, 'RFC 7541', err.section, {
        h2Error: 'COMPRESSION_ERROR',
        scope: 'connection',
        offset: err.offset,
      });
      return { headers, error: this.failure };
    }
    return neverIndexed === undefined ? { headers } : { headers, neverIndexed };
  }

  /** §2.3.3: 1..61 static, 62.. dynamic (newest first); 0 and past the end are errors. */
  private lookup(index: number, offset: number): HpackField {
    if (index === 0) {
      throw new DecodeError('hpack-index-zero', 'Index 0 is not used', '6.1', offset);
    }
    if (index <= HPACK_STATIC_TABLE.length) {
      const [name, value] = HPACK_STATIC_TABLE[index - 1]!;
      return [name, value];
    }
    const dynamic = index - HPACK_STATIC_TABLE.length;
    const count = this.entries.length - this.head;
    if (dynamic > count) {
      throw new DecodeError(
        'hpack-index-out-of-range',
        `Index ${index} is beyond the static table and the ${count} dynamic entries`,
        '2.3.3',
        offset,
      );
    }
    const [name, value] = this.entries[this.entries.length - dynamic]!;
    return [name, value];
  }

  /** §4.4: evict until the new entry fits; an entry larger than the table empties it. */
  private insert(name: string, value: string): void {
    const size = hpackEntrySize(name, value);
    if (size > this.capacity) {
      this.evict(this.capacity);
      return;
    }
    this.evict(size);
    this.entries.push([name, value]);
    this.size += size;
  }

  /** §4.3/§4.4: drops the oldest entries until `room` more octets fit in the capacity. */
  private evict(room: number): void {
    while (this.size + room > this.capacity && this.head < this.entries.length) {
      const [name, value] = this.entries[this.head]!;
      this.size -= hpackEntrySize(name, value);
      this.head++;
    }
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    } else if (this.head > 64 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}

/** §5.1 integer with an N-bit prefix at `block[pos]`: `[value, next position]`. */
function readInteger(block: Uint8Array, pos: number, prefixBits: number): [number, number] {
  const max = (1 << prefixBits) - 1;
  let value = block[pos]! & max;
  let i = pos + 1;
  if (value < max) return [value, i];
  let factor = 1;
  for (let octets = 0; ; octets++) {
    if (i >= block.length) {
      throw new DecodeError(
        'hpack-truncated',
        'Integer runs past the end of the block',
        '5.1',
        pos,
      );
    }
    if (octets >= MAX_INTEGER_OCTETS) {
      // §5.1: "Integer encodings that exceed implementation limits ... MUST be treated as
      // decoding errors."
      throw new DecodeError('hpack-integer-overflow', 'Integer too large', '5.1', pos);
    }
    const b = block[i++]!;
    value += (b & 0x7f) * factor;
    factor *= 128;
    if ((b & 0x80) === 0) return [value, i];
  }
}

/** §5.2 string literal at `block[pos]`: `[latin1 text, next position]`. */
function readString(block: Uint8Array, pos: number): [string, number] {
  if (pos >= block.length) {
    throw new DecodeError('hpack-truncated', 'String literal missing at end of block', '5.2', pos);
  }
  const huffman = (block[pos]! & 0x80) !== 0;
  const [length, start] = readInteger(block, pos, 7);
  const end = start + length;
  if (end > block.length) {
    throw new DecodeError(
      'hpack-truncated',
      `String length ${length} runs past the end of the block`,
      '5.2',
      pos,
    );
  }
  if (!huffman) return [decodeLatin1(block, start, end), end];
  const decoded = decodeHuffman(block, start, end);
  if ('error' in decoded) {
    throw new DecodeError(
      decoded.error === 'eos' ? 'hpack-huffman-eos' : 'hpack-huffman-padding',
      decoded.error === 'eos'
        ? 'Huffman string contains EOS'
        : 'Huffman padding longer than 7 bits or not the most significant bits of EOS',
      '5.2',
      pos,
    );
  }
  return [decoded.value, end];
}
