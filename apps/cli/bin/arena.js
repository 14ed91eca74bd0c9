#!/usr/bin/env node
// The CLI runs from TypeScript source through SWC, the same loader `npm start` uses, so there is
// no build step between a checkout and a working `npx arena`. The root tsconfig carries the path
// aliases of the libs, wherever the command is started from.
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', '..', '..', 'tsconfig.json');
require('@swc-node/register');
require('../src/main.ts');
