/**
 * Builder input (JSON Lines) written one row at a time, as the importers produce rows: waits when the disk falls
 * behind and keeps no rows.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export class JsonlWriter {
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  rows = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error) => (this.failure = error));
  }

  /** Writes a row; key order is the object's, so the same rows always give the same bytes. */
  async write(row: object): Promise<void> {
    if (this.failure) throw this.failure;
    this.rows++;
    if (!this.stream.write(`${JSON.stringify(row)}\n`)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
