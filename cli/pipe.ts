// An output stream that may be closed by its reader (`txsim explore | head -1`). Node reports the closed pipe as
// an EPIPE error event; left alone it would crash the command (a stack trace), and exiting on it would lose the
// exit code of a command still running. So after EPIPE every further write is dropped, and the command goes on
// to its end and its own exit code.
import type { TextSink } from './io.ts';

/** A writable stream with the events closablePipe needs (process.stdout fits). */
export interface PipeStream {
  write(text: string): unknown;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/**
 * Wrap a stream so a closed reader ends its output, not the command.
 *
 * @example
 * const stdout = closablePipe(process.stdout);
 * stdout.write('line\n'); // dropped once the reader has gone
 */
export function closablePipe(stream: PipeStream): TextSink & { readonly closed: boolean } {
  let closed = false;
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return {
    get closed() {
      return closed;
    },
    write(text: string) {
      if (closed) return false;
      return stream.write(text);
    },
  };
}
