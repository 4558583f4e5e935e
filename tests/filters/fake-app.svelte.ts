/** Stand-ins for SvelteKit's `$app/state` page and `goto`, with a reactive URL, for Node tests of `UrlState`. */
export class FakePage {
  url = $state(new URL('http://localhost/compare'));
  readonly visits: { url: string; options: unknown }[] = [];

  goto = async (url: URL | string, options: unknown) => {
    this.visits.push({ url: String(url), options });
    this.url = new URL(url);
  };
}

export const fakePage = new FakePage();
