#!/usr/bin/env node
// Runs the TypeScript admin client through tsx's require hook: `npx kccp` works without a build step.
'use strict';
require('tsx/cjs');
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
