/**
 * The second localhost origin the Data page's URL tests serve an export from. The app's policy must allow it
 * (`TERMSCOPE_CONNECT_SRC`, docs/SECURITY.md): `npm run test:browser` builds with it, and global-setup sets it for
 * any build it makes. A fixed port, since the policy is written at build time.
 */
export const REMOTE_PORT = 47913;
export const REMOTE_ORIGIN = `http://127.0.0.1:${REMOTE_PORT}`;
