/**
 * Intl formatters built once per locale and options: building an `Intl.NumberFormat` or `Intl.DateTimeFormat` costs
 * more than using one, and tables format thousands of cells.
 */
export function formatterCache<O, F>(make: (locale: string | undefined, options: O) => F): (locale: string | undefined, options: O) => F {
  const cache = new Map<string, F>();
  return (locale, options) => {
    const key = `${locale ?? ''}|${JSON.stringify(options)}`;
    let f = cache.get(key);
    if (!f) cache.set(key, (f = make(locale, options)));
    return f;
  };
}
