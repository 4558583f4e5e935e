/**
 * vitest setupFile of the `browser` project, run in each test file's process: its sessions are new contexts of the
 * run's one Chromium (started by global-setup.ts; see `shareBrowser` in browser.ts), so nothing carries over but a
 * demo page handed over to the next file (`warmApp` in app.ts). After the file's own hooks its contexts close, and its
 * connection with them unless it keeps such a page for the next file of this process.
 */
import { afterAll, inject } from 'vitest';
import { shareBrowser } from './browser';

afterAll(shareBrowser(inject('browserWs')));
