// Dossier runs once: a second launch hands its files to the first (electron/launch.ts). What a launch asks
// for, and that the running app opens and imports what later launches name, including those that arrive
// before its window is ready.
import { describe, expect, it } from 'vitest';
import { LaunchQueue, parseLaunch, type LaunchTarget } from '../../../electron/launch';

const exists = (path: string) => !path.includes('missing');

describe('parseLaunch', () => {
  it('finds the project and the documents after Electron’s own arguments, resolved where it was launched', () => {
    expect(
      parseLaunch(
        ['/opt/electron', '/app', 'notes.md', 'work/case.dossierdb', 'a.pdf'],
        '/home/r',
        false,
        exists,
      ),
    ).toEqual({ project: '/home/r/work/case.dossierdb', documents: ['/home/r/notes.md', '/home/r/a.pdf'] });
    // A packaged app has one argument of its own.
    expect(parseLaunch(['/usr/bin/dossier', 'case.sqlite'], '/home/r', true, exists)).toEqual({
      project: '/home/r/case.sqlite',
      documents: [],
    });
  });

  it('takes --project over a project file named, and skips flags and files that do not exist', () => {
    expect(
      parseLaunch(
        [
          '/usr/bin/dossier',
          '--project',
          'b.sqlite',
          '--no-sandbox',
          'a.SQLITE',
          'missing.html',
          'page.html',
        ],
        '/w',
        true,
        exists,
      ),
    ).toEqual({ project: '/w/b.sqlite', documents: ['/w/page.html'] });
  });
});

function recorder(failOpen = false) {
  const calls: string[] = [];
  const target: LaunchTarget = {
    focus: () => calls.push('focus'),
    openProject: (path) => {
      if (failOpen) throw new Error(`${path} is not a Dossier project.`);
      calls.push(`open ${path}`);
    },
    importDocuments: (paths) => calls.push(`import ${paths.join(', ')}`),
    reportError: (title, message) => calls.push(`error ${title}: ${message}`),
  };
  return { calls, target };
}

describe('LaunchQueue', () => {
  it('gives the running app the files of a second launch, and brings its window forward', () => {
    const queue = new LaunchQueue(true);
    const { calls, target } = recorder();
    queue.ready(target);
    queue.handOver(['/usr/bin/dossier', '/etc/hostname', '/etc/passwd'], '/');
    expect(calls).toEqual(['focus', 'import /etc/hostname, /etc/passwd']);
  });

  it('keeps launches that arrive before the window is ready, in order, and hands them over once it is', () => {
    const queue = new LaunchQueue(true);
    queue.handOver(['/usr/bin/dossier', '--project', '/tmp/first.sqlite'], '/');
    queue.handOver(['/usr/bin/dossier', '/etc/hostname'], '/');
    const { calls, target } = recorder();
    expect(calls).toEqual([]);
    queue.ready(target);
    expect(calls).toEqual(['focus', 'open /tmp/first.sqlite', 'focus', 'import /etc/hostname']);
    queue.handOver(['/usr/bin/dossier'], '/');
    expect(calls.at(-1)).toBe('focus');
  });

  it('reports a project it cannot open and still imports the documents named with it', () => {
    const queue = new LaunchQueue(true);
    const { calls, target } = recorder(true);
    queue.ready(target);
    queue.handOver(['/usr/bin/dossier', '--project', '/tmp/x.sqlite', '/etc/hostname'], '/');
    expect(calls).toEqual([
      'focus',
      'error Could not open the project: /tmp/x.sqlite is not a Dossier project.',
      'import /etc/hostname',
    ]);
  });
});
