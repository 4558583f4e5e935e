/**
 * vitest setupFile of the `browser` project, run in each test file's process: its sessions share one Chromium (a new
 * context each, so nothing carries over; see `shareBrowser` in browser.ts), closed after the file's own hooks.
 */
import { afterAll } from 'vitest';
import { shareBrowser } from './browser';

afterAll(shareBrowser());
