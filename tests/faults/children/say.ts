// One line on stdout, written before the next statement runs (a pipe write through fs, not a stream), so a
// line the test reads describes a step that really finished before the process was killed.
import { writeSync } from 'node:fs';

export function say(line: string): void {
  writeSync(1, `${line}\n`);
}
