// Dossier runs once: a second launch hands its files to the first (electron/launch.ts). What a launch asks
// for, and that the running app opens and imports what later launches name, including those that arrive
// before its window is ready; and what opening a .dossier or .qdpx file from outside asks the user.
import { describe, expect, it } from 'vitest';
import {
  LaunchQueue,
  PageReadiness,
  PendingExchangeFile,
  exchangeQuestion,
  parseLaunch,
  type LaunchTarget,
} from '../../../electron/launch';

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
    ).toEqual({
      project: '/home/r/work/case.dossierdb',
      exchangeFiles: [],
      documents: ['/home/r/notes.md', '/home/r/a.pdf'],
    });
    // A packaged app has one argument of its own.
    expect(parseLaunch(['/usr/bin/dossier', 'case.sqlite'], '/home/r', true, exists)).toEqual({
      project: '/home/r/case.sqlite',
      exchangeFiles: [],
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
    ).toEqual({ project: '/w/b.sqlite', exchangeFiles: [], documents: ['/w/page.html'] });
  });

  it('sets .dossier and .qdpx files apart from documents to import, whatever the case of their extension', () => {
    expect(
      parseLaunch(
        ['/usr/bin/dossier', 'team.dossier', 'notes.md', 'Study.QDPX', 'missing.dossier', 'case.sqlite'],
        '/home/r',
        true,
        exists,
      ),
    ).toEqual({
      project: '/home/r/case.sqlite',
      exchangeFiles: ['/home/r/team.dossier', '/home/r/Study.QDPX'],
      documents: ['/home/r/notes.md'],
    });
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
    offerExchangeFiles: (paths) => calls.push(`offer ${paths.join(', ')}`),
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

describe('LaunchQueue: files opened from outside', () => {
  it('offers a second launch’s .dossier file to the running app, alongside the documents it imports', () => {
    const queue = new LaunchQueue(true, exists);
    const { calls, target } = recorder();
    queue.ready(target);
    queue.handOver(['/usr/bin/dossier', 'team.dossier', 'a.pdf'], '/home/r');
    expect(calls).toEqual(['focus', 'offer /home/r/team.dossier', 'import /home/r/a.pdf']);
  });

  it('keeps macOS open-file events from before the app was ready and sorts each like a command line', () => {
    const queue = new LaunchQueue(true, exists);
    queue.openFile('/Users/r/team.dossier');
    queue.openFile('/Users/r/missing.dossier');
    queue.openFile('/Users/r/case.dossierdb');
    const { calls, target } = recorder();
    queue.ready(target);
    expect(calls).toEqual([
      'focus',
      'offer /Users/r/team.dossier',
      'focus',
      'focus',
      'open /Users/r/case.dossierdb',
    ]);
    queue.openFile('/Users/r/interview.docx');
    expect(calls.slice(-2)).toEqual(['focus', 'import /Users/r/interview.docx']);
  });
});

describe('exchangeQuestion', () => {
  it('asks whether to merge the file into the open project or to make a new project from it', () => {
    const question = exchangeQuestion(['/home/r/team.dossier'], { name: 'Election 2026', readOnly: false });
    expect(question.message).toBe('Open “team.dossier”?');
    expect(question.detail).toContain('Merge it into “Election 2026”');
    expect(question.buttons).toEqual(['Merge into This Project…', 'New Project from File…', 'Cancel']);
    expect(question.commands).toEqual(['merge-file', 'open-file', null]);
    expect(question.commands[question.cancelId]).toBeNull();
  });

  it('offers no merge into a read-only project, and names the files it leaves for later', () => {
    const question = exchangeQuestion(['/a/one.dossier', '/a/two.qdpx', '/a/three.dossier'], {
      name: 'Archive',
      readOnly: true,
    });
    expect(question.message).toBe('Open “one.dossier”?');
    expect(question.buttons).toEqual(['New Project from File…', 'Cancel']);
    expect(question.commands).toEqual(['open-file', null]);
    expect(question.cancelId).toBe(1);
    expect(question.detail).toContain('read-only');
    expect(question.detail).toContain('two.qdpx, three.dossier');
  });
});

describe('PendingExchangeFile', () => {
  it('hands the opened file to the next file dialog once, and only for a short while', () => {
    let now = 1_000;
    const pending = new PendingExchangeFile(15_000, () => now);
    expect(pending.take()).toBeNull();
    pending.set('/home/r/team.dossier');
    now += 200;
    expect(pending.take()).toBe('/home/r/team.dossier');
    // Taken: the next Merge a Project File… shows the dialog again.
    expect(pending.take()).toBeNull();
    pending.set('/home/r/late.dossier');
    now += 15_001;
    expect(pending.take()).toBeNull();
  });
});

describe('PageReadiness', () => {
  it('holds questions until the page has asked for the app’s state, again after each reload', async () => {
    const page = new PageReadiness();
    const order: string[] = [];
    const first = page.whenOpen().then(() => order.push('first'));
    await Promise.resolve();
    expect(order).toEqual([]);
    page.open();
    await first;
    expect(order).toEqual(['first']);
    page.close();
    const second = page.whenOpen().then(() => order.push('second'));
    await Promise.resolve();
    expect(order).toEqual(['first']);
    page.open();
    await second;
    expect(order).toEqual(['first', 'second']);
  });
});
