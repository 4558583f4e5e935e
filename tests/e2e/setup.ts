/**
 * vitest setupFile of the `browser` project, run in each test file's process: its sessions are new contexts of the
 * run's one Chromium (started by global-setup.ts; see `shareBrowser` in browser.ts), so nothing carries over; the
 * file's connection closes after its own hooks, and its contexts with it.
 */
import { afterAll, inject } from 'vitest';
import { shareBrowser } from './browser';

afterAll(shareBrowser(inject('browserWs')));
