// New / Open project and the recent-projects list. The desktop app uses native dialogs; in the browser
// (`dossier serve`) the user types the project file's path instead. Also exchanging projects (issue 8):
// export the project, merge a teammate's file, open a file as a new project (features/exchange); in the
// browser the file comes from a file chooser opened here, while the menu's press still counts as the user's.
import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Dialog,
  Heading,
  Input,
  Label,
  Menu,
  MenuItem,
  MenuSection,
  MenuTrigger,
  Modal,
  Popover,
  Separator,
  TextField,
  Header,
} from 'react-aria-components';
import { useDossier } from '../../store/index';
import { MENU_GLOBAL, type MenuBridge, type MenuCommand } from '../../../shared/bridge';

const EXCHANGE_FILES = '.dossier,.qdpx';

type PathPrompt = { mode: 'open' | 'create' } | null;

export function ProjectMenu() {
  const appInfo = useDossier((s) => s.appInfo);
  const recent = useDossier((s) => s.recentProjects);
  const openProject = useDossier((s) => s.openProject);
  const loadRecentProjects = useDossier((s) => s.loadRecentProjects);
  const [prompt, setPrompt] = useState<PathPrompt>(null);
  const [path, setPath] = useState('');
  const openExportProject = useDossier((s) => s.openExportProject);
  const previewMerge = useDossier((s) => s.previewMerge);
  const chooseFileToOpen = useDossier((s) => s.chooseFileToOpen);
  const openBackups = useDossier((s) => s.openBackups);
  const exchangeFile = useRef<HTMLInputElement>(null);
  const exchangePurpose = useRef<'merge' | 'openAsProject'>('merge');
  const native = appInfo?.capabilities.nativeDialogs ?? false;
  const current = appInfo?.project.path;

  const choose = (mode: 'open' | 'create') => {
    if (native) void openProject({ dialog: mode });
    else {
      setPath('');
      setPrompt({ mode });
    }
  };

  /** The desktop app's dialog is opened by the main side; a browser chooses the file here. */
  const chooseExchangeFile = (purpose: 'merge' | 'openAsProject') => {
    if (native) {
      if (purpose === 'merge') void previewMerge(null);
      else chooseFileToOpen(null);
      return;
    }
    exchangePurpose.current = purpose;
    exchangeFile.current?.click();
  };

  // The desktop app's File menu sends the same commands.
  const onMenuCommand = useRef<(command: MenuCommand) => void>(() => {});
  useEffect(() => {
    onMenuCommand.current = (command) => {
      if (command === 'export-project') openExportProject();
      else if (command === 'merge-file') chooseExchangeFile('merge');
      else chooseExchangeFile('openAsProject');
    };
  });
  useEffect(() => {
    const menu = (window as unknown as Record<string, MenuBridge | undefined>)[MENU_GLOBAL];
    return menu?.onCommand((command) => onMenuCommand.current(command));
  }, []);

  return (
    <>
      <MenuTrigger onOpenChange={(open) => open && void loadRecentProjects()}>
        <Button className="project-button" aria-label={`Project: ${appInfo?.project.name ?? ''}`}>
          <span className="project-name">{appInfo?.project.name ?? 'Dossier'}</span>
          <span aria-hidden="true"> ▾</span>
        </Button>
        <Popover className="menu-popover">
          <Menu
            className="menu"
            onAction={(key) => {
              const action = String(key);
              if (action === 'new') choose('create');
              else if (action === 'open') choose('open');
              else if (action === 'export-project') openExportProject();
              else if (action === 'merge-file') chooseExchangeFile('merge');
              else if (action === 'open-file') chooseExchangeFile('openAsProject');
              else if (action === 'backups') void openBackups();
              else if (action.startsWith('recent:'))
                void openProject({ path: action.slice(7), mode: 'open' });
            }}
          >
            <MenuItem id="new">New project…</MenuItem>
            <MenuItem id="open">Open project…</MenuItem>
            <Separator />
            <MenuItem id="export-project">Export project…</MenuItem>
            <MenuItem id="merge-file">Merge a project file…</MenuItem>
            <MenuItem id="open-file">New project from a file…</MenuItem>
            <Separator />
            <MenuItem id="backups">Restore from backup…</MenuItem>
            {recent.length > 1 && <Separator />}
            {recent.length > 1 && (
              <MenuSection>
                <Header className="menu-header">Recent projects</Header>
                {recent
                  .filter((p) => p.path !== current && p.exists)
                  .map((p) => (
                    <MenuItem key={p.path} id={`recent:${p.path}`} textValue={p.name}>
                      <span className="recent-name">{p.name}</span>
                      <span className="recent-path">{p.path}</span>
                    </MenuItem>
                  ))}
              </MenuSection>
            )}
          </Menu>
        </Popover>
      </MenuTrigger>
      <input
        ref={exchangeFile}
        type="file"
        hidden
        accept={EXCHANGE_FILES}
        data-testid="exchange-file-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (!file) return;
          if (exchangePurpose.current === 'merge') void previewMerge(file);
          else chooseFileToOpen(file);
        }}
      />
      <Modal
        isDismissable
        isOpen={prompt !== null}
        onOpenChange={(open) => !open && setPrompt(null)}
        className="modal"
      >
        <Dialog className="dialog">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!prompt || !path.trim()) return;
              void openProject({ path: path.trim(), mode: prompt.mode });
              setPrompt(null);
            }}
          >
            <Heading slot="title">{prompt?.mode === 'create' ? 'New project' : 'Open project'}</Heading>
            <TextField value={path} onChange={setPath} autoFocus isRequired>
              <Label>Project file path</Label>
              <Input placeholder="/home/me/research/venezuela.sqlite" />
            </TextField>
            <div className="dialog-buttons">
              <Button className="secondary-button" onPress={() => setPrompt(null)}>
                Cancel
              </Button>
              <Button className="primary-button" type="submit">
                {prompt?.mode === 'create' ? 'Create' : 'Open'}
              </Button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </>
  );
}
