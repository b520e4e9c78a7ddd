#!/usr/bin/env node
// The `berth` command. Berth runs from its TypeScript source (no build step), so register tsx's
// loader first, then hand over to the dispatcher.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
