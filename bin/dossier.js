#!/usr/bin/env node
// Installed `dossier` command: runs the bundled CLI (built by `npm run build`).
import { runCli } from '../dist/electron/cli.js';

runCli();
