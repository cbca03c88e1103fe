// The app's version, from package.json, so the CLI, the server and the shell report the same one.
import packageJson from '../package.json' with { type: 'json' };

export const APP_VERSION: string = packageJson.version;
