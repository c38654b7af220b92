// dist/server.js: the language server alone, started by the VS Code extension over Node IPC
// (`nn lsp` runs the same server from the command line).

import { startServer } from './server';

startServer();
