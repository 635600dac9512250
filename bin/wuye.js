#!/usr/bin/env node
// The `wuye` command. The server is TypeScript run through tsx, so there is no separate build
// step for it; only the web app is built (by `npm start`, or `npm run build`).
import { register } from 'tsx/esm/api';

register();
await import('../src/server/main.ts');
