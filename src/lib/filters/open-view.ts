/**
 * A view's three parts, made together during its page's initialisation (the database comes from the layout's context,
 * and the URL state and the model's queries live in runes): the app's database, the URL state of the view's params,
 * and the view's model over both.
 */
import { getAppDb, type AppDb } from '$lib/db/context';
import type { ParamSchema } from './schema';
import { UrlState } from './UrlState.svelte';

export function openView<T, M>(
  params: ParamSchema<T>,
  Model: new (app: AppDb, filters: UrlState<T>) => M
): { app: AppDb; filters: UrlState<T>; model: M } {
  const app = getAppDb();
  const filters = new UrlState(params);
  return { app, filters, model: new Model(app, filters) };
}
