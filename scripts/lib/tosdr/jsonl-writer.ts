/** A JSON Lines file written row by row, waiting for the disk when its buffer is full (rows are not kept). */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export class JsonlWriter {
  private stream: WriteStream;
  private failure: Error | null = null;
  rows = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

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
