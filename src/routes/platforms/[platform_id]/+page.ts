// A platform's page depends on the export loaded in the browser: it is rendered there, from the fallback page.
export const prerender = false;
