// The comparison depends on the export loaded in the browser and on its URL: it is rendered there, from the fallback page.
export const prerender = false;
