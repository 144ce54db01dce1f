// Imports the page's ES modules (src/main/resources/META-INF/resources/js) into Node. The page is served as
// plain .js files without a package.json saying they are modules, so a load hook says it for them; register
// it before importing, hence a dynamic import: const { percent } = await pageModule('lib/format.js').
import { register } from 'node:module';

const PAGE = new URL('../../main/resources/META-INF/resources/js/', import.meta.url);

register('data:text/javascript,' + encodeURIComponent(`
  export async function load(url, context, nextLoad) {
    return nextLoad(url, url.startsWith(${JSON.stringify(PAGE.href)}) ? { ...context, format: 'module' } : context);
  }`));

export const pageModule = path => import(new URL(path, PAGE).href);
