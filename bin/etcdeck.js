#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader, so the installed command and `npm start` are the same code.
import process from 'node:process';
import {register} from 'tsx/esm/api';

// React's development build records every re-render with changed props as a performance.measure entry,
// and Node keeps those forever: with a busy Logs pane etcdeck grew by gigabytes within a minute. The
// dashboard is a program, not a React development session.
process.env['NODE_ENV'] ??= 'production';
register();
await import('../source/cli.tsx');
