#!/usr/bin/env node
// Runs the TypeScript admin client through tsx's require hook: `npx kccp` works without a build step.
'use strict';
require('tsx/cjs');

// `kccp list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = require('../client/main.ts');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`kccp: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  },
);
