import type { Reroute } from '@sveltejs/kit';
import { reroutePath } from '$lib/routing/id-paths';

/** Ids the URL cannot carry as a path segment, and broken percent-encoding: see src/lib/routing/id-paths.ts. */
export const reroute: Reroute = ({ url }) => reroutePath(url);
